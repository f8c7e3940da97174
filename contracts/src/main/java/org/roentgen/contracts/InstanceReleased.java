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
import java.util.regex.Pattern;
import org.roentgen.contracts.InstanceQc.Qc;
import org.roentgen.contracts.InstanceValidated.Validation;

/**
 * The data of {@code dicom.instance.released.v1} (schema: {@code
 * contracts/schemas/dicom.instance.released.v1.json}): a quarantined instance that a reviewer
 * released, for the router to route again. The instance fields point at the object to send (the
 * corrected version when attributes were corrected, with the corrected header); the validation and
 * qc blocks are those the quarantined event had (each null when the router's input had none); the
 * {@code release} block says who released it, when, why and what was corrected. On the wire one
 * flat JSON object, as the other instance events.
 *
 * @param validation the labeling check's block as quarantined, or null
 * @param qc the image-quality block as quarantined, or null
 */
@JsonSerialize(using = InstanceReleased.Writer.class)
@JsonDeserialize(using = InstanceReleased.Reader.class)
public record InstanceReleased(
    InstanceReceived instance, Validation validation, Qc qc, Release release) {
  static final String BLOCK = "release";

  public InstanceReleased {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(release, "release");
  }

  /**
   * One attribute the reviewer changed before the release.
   *
   * @param keyword the DICOM keyword, e.g. ImageLaterality
   * @param tag the tag as eight upper-case hex digits (ggggeeee), e.g. 00200062
   */
  public record Correction(String keyword, String tag) {
    private static final Pattern TAG = Pattern.compile("[0-9A-F]{8}");

    public Correction {
      Objects.requireNonNull(keyword, "keyword");
      Objects.requireNonNull(tag, "tag");
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("tag " + tag + " is not eight upper-case hex digits");
      }
    }
  }

  /**
   * The release block.
   *
   * @param quarantineEventId the CloudEvents id of the QUARANTINED delivery event this release
   *     answers, or null when not known
   * @param releasedBy the reviewer's user id (never a patient identifier)
   * @param reason the reviewer's reason, free text: not for logs
   * @param corrections the attributes corrected, empty when released unchanged
   */
  public record Release(
      String quarantineEventId,
      String releasedBy,
      String reason,
      Instant releasedAt,
      List<Correction> corrections) {
    public Release {
      Objects.requireNonNull(releasedBy, "releasedBy");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(releasedAt, "releasedAt");
      corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    /** True when the reviewer changed attributes (the instance's object is a corrected version). */
    public boolean corrected() {
      return !corrections.isEmpty();
    }
  }

  /** Writes the instance's fields, the blocks the quarantined event had, and release. */
  static final class Writer extends JsonSerializer<InstanceReleased> {
    @Override
    public void serialize(InstanceReleased v, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      ObjectMapper mapper = (ObjectMapper) gen.getCodec();
      ObjectNode node = new FlatEvent(v.instance(), v.validation(), v.qc(), null).write(mapper);
      node.set(BLOCK, mapper.valueToTree(v.release()));
      gen.writeTree(node);
    }
  }

  /** Reads the flat object back into its parts. */
  static final class Reader extends JsonDeserializer<InstanceReleased> {
    @Override
    public InstanceReleased deserialize(JsonParser p, DeserializationContext ctx)
        throws IOException {
      ObjectMapper mapper = (ObjectMapper) p.getCodec();
      JsonNode tree = mapper.readTree(p);
      if (!(tree instanceof ObjectNode node) || !node.has(BLOCK)) {
        return ctx.reportInputMismatch(
            InstanceReleased.class, "expected an object with a release block");
      }
      JsonNode release = node.remove(BLOCK);
      FlatEvent e = FlatEvent.read(mapper, node);
      return new InstanceReleased(
          e.instance(), e.validation(), e.qc(), mapper.treeToValue(release, Release.class));
    }
  }
}
