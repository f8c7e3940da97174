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
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.contracts.InstanceValidated.Validation;

/**
 * The data of {@code dicom.instance.qc.v1} (schema: {@code
 * contracts/schemas/dicom.instance.qc.v1.json}): the validated event's fields unchanged and beside
 * them the {@code qc} block of the image-quality checks. On the wire one flat JSON object, so a
 * consumer reads the instance fields and the validation block as on the earlier topics.
 */
@JsonSerialize(using = InstanceQc.Writer.class)
@JsonDeserialize(using = InstanceQc.Reader.class)
public record InstanceQc(InstanceReceived instance, Validation validation, Qc qc) {
  static final String BLOCK = "qc";

  public InstanceQc {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(qc, "qc");
  }

  /** The validated event this one extends, with the QC block added. */
  public static InstanceQc of(InstanceValidated validated, Qc qc) {
    return new InstanceQc(validated.instance(), validated.validation(), qc);
  }

  /** The outcome of the checks: the worst finding, or NOT_ANALYSED when the pixels were not. */
  public enum Verdict {
    PASS,
    WARN,
    FAIL,
    NOT_ANALYSED;

    /** The verdict that a set of findings gives (INFO does not count). */
    public static Verdict of(List<Finding> findings) {
      return valueOf(
          InstanceValidated.Verdict.worst(findings.stream().map(Finding::severity).toList())
              .name());
    }
  }

  /** Why an image was not analysed (see the schema for each). */
  public enum NotAnalysedReason {
    NO_PIXEL_DATA,
    UNSUPPORTED_TRANSFER_SYNTAX,
    UNSUPPORTED_IMAGE_TYPE,
    PIXEL_DATA_MISMATCH,
    DECODE_FAILED,
    OBJECT_MISSING
  }

  /** The reason code and a readable message of a NOT_ANALYSED verdict. */
  public record NotAnalysed(NotAnalysedReason reason, String message) {
    public NotAnalysed {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Where the threshold a finding crossed came from. */
  public enum ThresholdSource {
    /** The configured absolute default. */
    DEFAULT,
    /** Relative to the station and protocol's history. */
    BASELINE
  }

  /** A rectangle in image pixel coordinates. */
  public record Box(int x, int y, int width, int height) {
    public Box {
      if (x < 0 || y < 0 || width < 1 || height < 1) {
        throw new IllegalArgumentException(
            "box " + x + "," + y + " " + width + "x" + height + " is not a rectangle in the image");
      }
    }
  }

  /**
   * One thing a check found.
   *
   * @param score what the check measured, in the unit of its threshold (null if none)
   * @param threshold the limit crossed (null if none)
   * @param thresholdSource where the threshold came from (null if none)
   * @param box where in the image, or null
   */
  public record Finding(
      String checkId,
      Severity severity,
      Double score,
      Double threshold,
      ThresholdSource thresholdSource,
      Box box,
      String message) {
    public Finding {
      Objects.requireNonNull(checkId, "checkId");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The annotated preview image stored beside the object. */
  public record Preview(String bucket, String key, String contentType, int width, int height) {
    public Preview {
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(contentType, "contentType");
    }
  }

  /**
   * The QC block.
   *
   * @param notAnalysed why the pixels were not analysed (verdict NOT_ANALYSED), else null
   * @param metrics what the checks measured, by name (sorted on the wire)
   * @param field the exposed field in image coordinates, or null
   * @param preview the annotated preview, or null
   * @param checkSet SHA-256 (hex) of the check settings in force
   * @param analyser the service instance that analysed
   * @param durationMillis time spent on fetch, decode and checks, or null
   */
  public record Qc(
      Verdict verdict,
      NotAnalysed notAnalysed,
      Map<String, Double> metrics,
      List<Finding> findings,
      Box field,
      Preview preview,
      String checkSet,
      Instant analysedAt,
      String analyser,
      Double durationMillis) {
    public Qc {
      Objects.requireNonNull(verdict, "verdict");
      if ((verdict == Verdict.NOT_ANALYSED) != (notAnalysed != null)) {
        throw new IllegalArgumentException("notAnalysed goes with the verdict NOT_ANALYSED only");
      }
      metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
      findings = List.copyOf(findings);
      Objects.requireNonNull(checkSet, "checkSet");
      Objects.requireNonNull(analysedAt, "analysedAt");
      Objects.requireNonNull(analyser, "analyser");
    }
  }

  /** Writes the instance's fields, the validation block and the QC block as one object. */
  static final class Writer extends JsonSerializer<InstanceQc> {
    @Override
    public void serialize(InstanceQc v, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      ObjectMapper mapper = (ObjectMapper) gen.getCodec();
      ObjectNode node = mapper.valueToTree(v.instance());
      node.set(InstanceValidated.BLOCK, mapper.valueToTree(v.validation()));
      node.set(BLOCK, mapper.valueToTree(v.qc()));
      gen.writeTree(node);
    }
  }

  /** Reads the flat object back into its three parts. */
  static final class Reader extends JsonDeserializer<InstanceQc> {
    @Override
    public InstanceQc deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      ObjectMapper mapper = (ObjectMapper) p.getCodec();
      JsonNode tree = mapper.readTree(p);
      if (!(tree instanceof ObjectNode node)
          || !node.has(BLOCK)
          || !node.has(InstanceValidated.BLOCK)) {
        return ctx.reportInputMismatch(
            InstanceQc.class, "expected an object with a validation and a qc block");
      }
      JsonNode qc = node.remove(BLOCK);
      JsonNode validation = node.remove(InstanceValidated.BLOCK);
      return new InstanceQc(
          mapper.treeToValue(node, InstanceReceived.class),
          mapper.treeToValue(validation, Validation.class),
          mapper.treeToValue(qc, Qc.class));
    }
  }
}
