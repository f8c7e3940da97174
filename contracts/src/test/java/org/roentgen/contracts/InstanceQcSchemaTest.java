package org.roentgen.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceQc.Box;
import org.roentgen.contracts.InstanceQc.Finding;
import org.roentgen.contracts.InstanceQc.NotAnalysed;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;
import org.roentgen.contracts.InstanceQc.Preview;
import org.roentgen.contracts.InstanceQc.Qc;
import org.roentgen.contracts.InstanceQc.ThresholdSource;
import org.roentgen.contracts.InstanceQc.Verdict;
import org.roentgen.contracts.InstanceValidated.Order;
import org.roentgen.contracts.InstanceValidated.OrderStatus;
import org.roentgen.contracts.InstanceValidated.Severity;

class InstanceQcSchemaTest {
  private static final Finding METAL =
      new Finding(
          "foreign-object",
          Severity.FAIL,
          0.97,
          0.92,
          ThresholdSource.DEFAULT,
          new Box(1210, 844, 96, 71),
          "a compact region at 97% of the signal range");
  private static final Finding BLUR =
      new Finding("blur", Severity.WARN, 0.8, 1.1, ThresholdSource.BASELINE, null, "soft");

  static InstanceQc sample(Qc qc) throws IOException {
    return InstanceQc.of(
        InstanceValidatedSchemaTest.sample(List.of(), Order.of(OrderStatus.MATCHED)), qc);
  }

  static Qc analysed(List<Finding> findings) {
    return new Qc(
        Verdict.of(findings),
        null,
        Map.of("sharpness", 1.42, "exposure.signal-median", 0.31),
        findings,
        new Box(112, 96, 1820, 1850),
        new Preview("dicom", "studies/1/x.dcm.qc.png", "image/png", 512, 512),
        "ab".repeat(32),
        Instant.parse("2026-11-26T15:00:02Z"),
        "artifact-detection-0",
        84.2);
  }

  static Qc notAnalysed() {
    return new Qc(
        Verdict.NOT_ANALYSED,
        new NotAnalysed(NotAnalysedReason.UNSUPPORTED_TRANSFER_SYNTAX, "RLE Lossless"),
        Map.of(),
        List.of(),
        null,
        null,
        "ab".repeat(32),
        Instant.parse("2026-11-26T15:00:02Z"),
        "artifact-detection-0",
        null);
  }

  @Test
  void whatTheCodeWritesValidatesAndReadsBack() throws IOException {
    for (InstanceQc v :
        List.of(
            sample(analysed(List.of())),
            sample(analysed(List.of(METAL, BLUR))),
            sample(notAnalysed()))) {
      String json = EventJson.mapper().writeValueAsString(v);
      assertThat(ContractSchemas.violations(Topics.INSTANCE_QC, json)).as(json).isEmpty();
      assertThat(EventJson.mapper().readValue(json, InstanceQc.class)).isEqualTo(v);
      assertThat(EventJson.mapper().readTree(json).path("sopInstanceUid").asText())
          .isEqualTo(v.instance().sopInstanceUid());
      assertThat(EventJson.mapper().readTree(json).path("validation").path("verdict").asText())
          .isEqualTo("PASS");
    }
  }

  @Test
  void theVerdictIsTheWorstSeverityAndNotAnalysedHasAReason() {
    assertThat(Verdict.of(List.of())).isEqualTo(Verdict.PASS);
    assertThat(Verdict.of(List.of(BLUR))).isEqualTo(Verdict.WARN);
    assertThat(Verdict.of(List.of(BLUR, METAL))).isEqualTo(Verdict.FAIL);
    assertThatThrownBy(
            () ->
                new Qc(
                    Verdict.NOT_ANALYSED,
                    null,
                    Map.of(),
                    List.of(),
                    null,
                    null,
                    "ab".repeat(32),
                    Instant.now(),
                    "a",
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Box(0, 0, 0, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theShippedExampleValidatesAndReads() throws IOException {
    String json;
    try (InputStream in =
        getClass().getResourceAsStream("/contracts/examples/dicom.instance.qc.v1.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(ContractSchemas.violations(Topics.INSTANCE_QC, json)).isEmpty();
    InstanceQc v = EventJson.mapper().readValue(json, InstanceQc.class);
    assertThat(v.qc().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(v.qc().findings().get(0).box()).isEqualTo(new Box(1210, 844, 96, 71));
    assertThat(v.validation().verdict()).isEqualTo(InstanceValidated.Verdict.FAIL);
  }

  @Test
  void theSchemaRejectsWhatBreaksTheContract() throws IOException {
    ObjectNode good = (ObjectNode) EventJson.mapper().valueToTree(sample(analysed(List.of(METAL))));
    assertThat(ContractSchemas.violations(Topics.INSTANCE_QC, good.toString())).isEmpty();
    ObjectNode noQc = good.deepCopy();
    noQc.remove("qc");
    ObjectNode noValidation = good.deepCopy();
    noValidation.remove("validation");
    ObjectNode badVerdict = good.deepCopy();
    ((ObjectNode) badVerdict.get("qc")).put("verdict", "MAYBE");
    ObjectNode badCheck = good.deepCopy();
    ((ObjectNode) badCheck.get("qc").get("findings").get(0)).put("checkId", "Bad Id");
    ObjectNode badBox = good.deepCopy();
    ((ObjectNode) badBox.get("qc").get("findings").get(0).get("box")).put("width", 0);
    ObjectNode badMetric = good.deepCopy();
    ((ObjectNode) badMetric.get("qc").get("metrics")).put("sharpness", "high");
    ObjectNode badMetricName = good.deepCopy();
    ((ObjectNode) badMetricName.get("qc").get("metrics")).put("Sharp Ness", 1.0);
    ObjectNode extra = good.deepCopy();
    ((ObjectNode) extra.get("qc")).put("patientName", "SHOULD^NOT^BE^HERE");
    ObjectNode badReason = good.deepCopy();
    ((ObjectNode) badReason.get("qc"))
        .putObject("notAnalysed")
        .put("reason", "TOO_HARD")
        .put("message", "m");
    for (ObjectNode bad :
        new ObjectNode[] {
          noQc,
          noValidation,
          badVerdict,
          badCheck,
          badBox,
          badMetric,
          badMetricName,
          extra,
          badReason
        }) {
      assertThat(ContractSchemas.violations(Topics.INSTANCE_QC, bad.toString()))
          .as(bad.toString())
          .isNotEmpty();
    }
  }
}
