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

/**
 * The data of {@code dicom.instance.validated.v1} (schema: {@code
 * contracts/schemas/dicom.instance.validated.v1.json}): the received event's fields unchanged, and
 * beside them the {@code validation} block of the labeling rules. On the wire the two are one flat
 * JSON object, so a consumer of either topic reads the instance fields the same way.
 */
@JsonSerialize(using = InstanceValidated.Writer.class)
@JsonDeserialize(using = InstanceValidated.Reader.class)
public record InstanceValidated(InstanceReceived instance, Validation validation) {
  static final String BLOCK = "validation";

  public InstanceValidated {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(validation, "validation");
  }

  /** PASS, WARN or FAIL: the worst severity among the findings (INFO does not count). */
  public enum Verdict {
    PASS,
    WARN,
    FAIL;

    /** The verdict that a set of findings gives. */
    public static Verdict of(List<Finding> findings) {
      return worst(findings.stream().map(Finding::severity).toList());
    }

    /** The verdict of a set of severities: the worst, INFO counting as PASS. */
    public static Verdict worst(List<Severity> severities) {
      Verdict v = PASS;
      for (Severity s : severities) {
        if (s == Severity.FAIL) {
          return FAIL;
        }
        if (s == Severity.WARN) {
          v = WARN;
        }
      }
      return v;
    }
  }

  /** How much a finding weighs: FAIL holds the image, WARN flags it, INFO only records. */
  public enum Severity {
    FAIL,
    WARN,
    INFO
  }

  /** The outcome of the worklist reconciliation. */
  public enum OrderStatus {
    MATCHED,
    MISMATCH,
    NOT_FOUND,
    NOT_CHECKED,
    DISABLED
  }

  /**
   * The order check.
   *
   * @param reason why the order could not be checked (NOT_CHECKED), else null
   * @param recheckAt when the instance is checked again, or null
   */
  public record Order(OrderStatus status, String reason, Instant recheckAt) {
    public Order {
      Objects.requireNonNull(status, "status");
    }

    public static Order of(OrderStatus status) {
      return new Order(status, null, null);
    }
  }

  /**
   * One thing a rule found.
   *
   * @param attribute the DICOM keyword concerned, or null
   * @param tag that attribute's tag as eight upper-case hex digits, or null
   * @param expected what the rule expected, or null
   * @param found what the image carries, or null when the attribute is missing
   */
  public record Finding(
      String ruleId,
      Severity severity,
      String attribute,
      String tag,
      String expected,
      String found,
      String message) {
    public Finding {
      Objects.requireNonNull(ruleId, "ruleId");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The validation block.
   *
   * @param ruleSet SHA-256 (hex) of the rule file in force
   * @param validator the service instance that validated
   */
  public record Validation(
      Verdict verdict,
      List<Finding> findings,
      Order order,
      String ruleSet,
      Instant validatedAt,
      String validator) {
    public Validation {
      Objects.requireNonNull(verdict, "verdict");
      findings = List.copyOf(findings);
      Objects.requireNonNull(order, "order");
      Objects.requireNonNull(ruleSet, "ruleSet");
      Objects.requireNonNull(validatedAt, "validatedAt");
      Objects.requireNonNull(validator, "validator");
    }
  }

  /** Writes the instance's fields and the validation block as one object. */
  static final class Writer extends JsonSerializer<InstanceValidated> {
    @Override
    public void serialize(InstanceValidated v, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      ObjectMapper mapper = (ObjectMapper) gen.getCodec();
      ObjectNode node = mapper.valueToTree(v.instance());
      node.set(BLOCK, mapper.valueToTree(v.validation()));
      gen.writeTree(node);
    }
  }

  /** Reads the flat object back into its two parts. */
  static final class Reader extends JsonDeserializer<InstanceValidated> {
    @Override
    public InstanceValidated deserialize(JsonParser p, DeserializationContext ctx)
        throws IOException {
      ObjectMapper mapper = (ObjectMapper) p.getCodec();
      JsonNode tree = mapper.readTree(p);
      if (!(tree instanceof ObjectNode node) || !node.has(BLOCK)) {
        return ctx.reportInputMismatch(
            InstanceValidated.class, "expected an object with a validation block");
      }
      JsonNode block = node.remove(BLOCK);
      return new InstanceValidated(
          mapper.treeToValue(node, InstanceReceived.class),
          mapper.treeToValue(block, Validation.class));
    }
  }
}
