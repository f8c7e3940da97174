package org.roentgen.contracts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.roentgen.contracts.InstanceQc.Qc;
import org.roentgen.contracts.InstanceValidated.Validation;

/**
 * The data of {@code dicom.instance.delivery.v1} (schema: {@code
 * contracts/schemas/dicom.instance.delivery.v1.json}): what the router did with one instance for
 * one destination, or that it quarantined the instance. The event carries the routed event's fields
 * unchanged (the instance fields, and the validation and qc blocks when the router's input topic
 * had them: it can run straight after ingest; the release block when the instance was released from
 * quarantine) and the {@code delivery} block. One instance gives one event per destination that got
 * it or gave up on it, and one event when it is quarantined.
 *
 * @param validation the labeling check's block, or null when the router's input had none
 * @param qc the image-quality block, or null when the router's input had none
 * @param release the reviewer's release block when the router routed a released instance ({@code
 *     dicom.instance.released.v1}), else null
 */
@JsonSerialize(using = InstanceDelivery.Writer.class)
@JsonDeserialize(using = InstanceDelivery.Reader.class)
public record InstanceDelivery(
    InstanceReceived instance,
    Validation validation,
    Qc qc,
    InstanceReleased.Release release,
    Delivery delivery) {
  static final String BLOCK = "delivery";

  public InstanceDelivery {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(delivery, "delivery");
  }

  /** The delivery event of an instance that was not released from quarantine. */
  public InstanceDelivery(
      InstanceReceived instance, Validation validation, Qc qc, Delivery delivery) {
    this(instance, validation, qc, null, delivery);
  }

  /** True when the instance was released from quarantine by a reviewer. */
  public boolean released() {
    return release != null;
  }

  /** What became of the instance for the destination. */
  public enum Outcome {
    /** The destination confirmed it (DICOM status Success or Warning, HTTP 2xx, S3 put). */
    DELIVERED,
    /**
     * The router gave up (a permanent failure, the attempt limit or the age limit): the instance is
     * in the dead-letter records, from where it can be re-driven.
     */
    DEAD_LETTERED,
    /**
     * A rule (or the default for a FAIL verdict) held it back for review; no destination got it.
     */
    QUARANTINED
  }

  /** STAT goes ahead of ROUTINE in every destination's queue. */
  public enum Priority {
    STAT,
    ROUTINE
  }

  /** Why a delivery attempt failed. */
  public enum FailureCause {
    /** No connection: refused, unreachable, reset. */
    CONNECTION,
    /** The peer rejected the association (A-ASSOCIATE-RJ). */
    ASSOCIATION_REJECTED,
    /** The peer or the network aborted the association (A-ABORT). */
    ASSOCIATION_ABORTED,
    /** The TLS handshake failed. */
    TLS,
    /** No answer in time (connect, association or DIMSE response). */
    TIMEOUT,
    /** DIMSE status 0xA7xx: out of resources. Transient. */
    OUT_OF_RESOURCES,
    /** DIMSE status 0xA9xx: data set does not match SOP class. Permanent. */
    DATA_SET_MISMATCH,
    /** DIMSE status 0xCxxx: cannot understand. Permanent. */
    CANNOT_UNDERSTAND,
    /** Any other DIMSE failure status, or a refusal of the SOP class. Permanent. */
    REFUSED,
    /**
     * The destination accepts none of the transfer syntaxes the instance can be sent in (the
     * conversion between uncompressed syntaxes does not reach compressed ones). Permanent.
     */
    NO_ACCEPTABLE_TRANSFER_SYNTAX,
    /** HTTP 4xx from a DICOMweb destination (408 and 429 excepted). Permanent. */
    HTTP_CLIENT_ERROR,
    /** HTTP 5xx, 408 or 429 from a DICOMweb destination. Transient. */
    HTTP_SERVER_ERROR,
    /** The object store (read of the object or put to an S3 destination) failed. Transient. */
    OBJECT_STORE,
    /** The object is not in the object store any more. Permanent. */
    OBJECT_MISSING,
    /** Coercion or de-identification could not be applied to the data set. Permanent. */
    TRANSFORM
  }

  /** Why the router stopped trying. */
  public enum GaveUp {
    /** The failure cannot be fixed by trying again. */
    PERMANENT,
    /** The configured number of attempts was used up. */
    ATTEMPTS,
    /** The instance waited longer than the configured age limit. */
    AGE
  }

  /**
   * What was sent.
   *
   * @param transferSyntaxUid the transfer syntax the destination got (a conversion when it differs
   *     from the instance's)
   * @param sha256 SHA-256 of the Part 10 file as prepared for the destination (after coercion and
   *     de-identification, before any transfer syntax conversion), lower-case hex: the delivery
   *     ledger's content hash
   * @param deidentified true when de-identified for this destination
   * @param coerced the keywords of the attributes coerced for this destination
   * @param duplicate true when the ledger showed that the destination had already confirmed this
   *     content and nothing was sent again
   */
  public record Sent(
      String transferSyntaxUid,
      String sha256,
      long size,
      boolean deidentified,
      List<String> coerced,
      boolean duplicate) {
    public Sent {
      Objects.requireNonNull(sha256, "sha256");
      coerced = coerced == null ? List.of() : List.copyOf(coerced);
    }
  }

  /**
   * The last failure of a dead-lettered delivery.
   *
   * @param status the DIMSE status or HTTP status code, or null
   * @param message a readable cause, without patient data
   */
  public record Failure(
      FailureCause cause, boolean permanent, GaveUp gaveUp, Integer status, String message) {
    public Failure {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(gaveUp, "gaveUp");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Why an instance was quarantined.
   *
   * @param reason readable, without patient data
   * @param findings the validation and QC finding ids (rule or check ids) behind it
   */
  public record Quarantine(String reason, List<String> findings) {
    public Quarantine {
      Objects.requireNonNull(reason, "reason");
      findings = findings == null ? List.of() : List.copyOf(findings);
    }
  }

  /**
   * The router's block.
   *
   * @param destination the destination's name; null for QUARANTINED
   * @param rules the ids of the rules that matched (empty when the default applied)
   * @param attempts delivery attempts made (0 for QUARANTINED and for duplicates)
   * @param queuedAt when the instance entered the destination's queue (or was quarantined)
   * @param completedAt when the outcome was reached
   * @param latencyMillis from the instance's receipt by ingest to completedAt (end to end)
   * @param sent for DELIVERED, else null
   * @param failure for DEAD_LETTERED, else null
   * @param quarantine for QUARANTINED, else null
   * @param router the router instance that reached the outcome
   */
  public record Delivery(
      Outcome outcome,
      String destination,
      List<String> rules,
      Priority priority,
      int attempts,
      Instant queuedAt,
      Instant completedAt,
      long latencyMillis,
      Sent sent,
      Failure failure,
      Quarantine quarantine,
      String router) {
    public Delivery {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(priority, "priority");
      Objects.requireNonNull(queuedAt, "queuedAt");
      Objects.requireNonNull(completedAt, "completedAt");
      Objects.requireNonNull(router, "router");
      rules = rules == null ? List.of() : List.copyOf(rules);
      switch (outcome) {
        case DELIVERED -> require(destination != null && sent != null, "destination and sent");
        case DEAD_LETTERED ->
            require(destination != null && failure != null, "destination, failure");
        case QUARANTINED -> require(quarantine != null, "quarantine");
      }
    }

    private static void require(boolean ok, String what) {
      if (!ok) {
        throw new IllegalArgumentException("this outcome needs " + what);
      }
    }
  }

  /**
   * Writes one flat object: the instance fields, the blocks the input had (release included), and
   * delivery.
   */
  static final class Writer extends JsonSerializer<InstanceDelivery> {
    @Override
    public void serialize(InstanceDelivery v, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      ObjectMapper mapper = (ObjectMapper) gen.getCodec();
      ObjectNode node =
          new FlatEvent(v.instance(), v.validation(), v.qc(), v.release()).write(mapper);
      node.set(BLOCK, mapper.valueToTree(v.delivery()));
      gen.writeTree(node);
    }
  }

  /** Reads the flat object back into its parts. */
  static final class Reader extends JsonDeserializer<InstanceDelivery> {
    @Override
    public InstanceDelivery deserialize(JsonParser p, DeserializationContext ctx)
        throws IOException {
      ObjectMapper mapper = (ObjectMapper) p.getCodec();
      JsonNode tree = mapper.readTree(p);
      if (!(tree instanceof ObjectNode node) || !node.has(BLOCK)) {
        return ctx.reportInputMismatch(
            InstanceDelivery.class, "expected an object with a delivery block");
      }
      JsonNode delivery = node.remove(BLOCK);
      FlatEvent e = FlatEvent.read(mapper, node);
      return new InstanceDelivery(
          e.instance(),
          e.validation(),
          e.qc(),
          e.release(),
          mapper.treeToValue(delivery, Delivery.class));
    }
  }
}
