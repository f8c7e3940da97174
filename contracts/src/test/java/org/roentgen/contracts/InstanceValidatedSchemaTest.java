package org.roentgen.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceValidated.Finding;
import org.roentgen.contracts.InstanceValidated.Order;
import org.roentgen.contracts.InstanceValidated.OrderStatus;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.contracts.InstanceValidated.Validation;
import org.roentgen.contracts.InstanceValidated.Verdict;

class InstanceValidatedSchemaTest {
  static InstanceValidated sample(List<Finding> findings, Order order) throws IOException {
    return new InstanceValidated(
        InstanceReceivedSchemaTest.sample(null),
        new Validation(
            Verdict.of(findings),
            findings,
            order,
            "0f".repeat(32),
            Instant.parse("2026-11-26T15:00:01Z"),
            "labeling-validation-0"));
  }

  private static final Finding MISSING =
      new Finding(
          "laterality.missing",
          Severity.FAIL,
          "ImageLaterality",
          "00200062",
          "L, R, B or U",
          null,
          "a hand needs ImageLaterality or Laterality");

  @Test
  void whatTheCodeWritesValidatesAndReadsBack() throws IOException {
    for (InstanceValidated v :
        List.of(
            sample(List.of(), Order.of(OrderStatus.MATCHED)),
            sample(List.of(MISSING), Order.of(OrderStatus.DISABLED)),
            sample(
                List.of(),
                new Order(
                    OrderStatus.NOT_CHECKED,
                    "worklist WORKLIST@127.0.0.1:11113 unreachable",
                    Instant.parse("2026-11-26T15:05:00Z"))))) {
      String json = EventJson.mapper().writeValueAsString(v);
      assertThat(ContractSchemas.violations(Topics.INSTANCE_VALIDATED, json)).as(json).isEmpty();
      assertThat(EventJson.mapper().readValue(json, InstanceValidated.class)).isEqualTo(v);
      // The instance's fields stay where the received event has them: a flat object.
      assertThat(EventJson.mapper().readTree(json).path("sopInstanceUid").asText())
          .isEqualTo(v.instance().sopInstanceUid());
    }
  }

  @Test
  void theVerdictIsTheWorstSeverity() {
    Finding warn = new Finding("view.missing", Severity.WARN, null, null, null, null, "m");
    Finding info = new Finding("order.name-tolerance", Severity.INFO, null, null, null, null, "m");
    assertThat(Verdict.of(List.of())).isEqualTo(Verdict.PASS);
    assertThat(Verdict.of(List.of(info))).isEqualTo(Verdict.PASS);
    assertThat(Verdict.of(List.of(info, warn))).isEqualTo(Verdict.WARN);
    assertThat(Verdict.of(List.of(warn, MISSING, info))).isEqualTo(Verdict.FAIL);
  }

  @Test
  void theShippedExampleValidatesAndReads() throws IOException {
    String json;
    try (InputStream in =
        getClass().getResourceAsStream("/contracts/examples/dicom.instance.validated.v1.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(ContractSchemas.violations(Topics.INSTANCE_VALIDATED, json)).isEmpty();
    InstanceValidated v = EventJson.mapper().readValue(json, InstanceValidated.class);
    assertThat(v.validation().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(v.instance().modality()).isEqualTo("DX");
  }

  @Test
  void theSchemaRejectsWhatBreaksTheContract() throws IOException {
    ObjectNode good =
        (ObjectNode)
            EventJson.mapper().valueToTree(sample(List.of(MISSING), Order.of(OrderStatus.MATCHED)));
    assertThat(ContractSchemas.violations(Topics.INSTANCE_VALIDATED, good.toString())).isEmpty();
    ObjectNode noBlock = good.deepCopy();
    noBlock.remove("validation");
    ObjectNode badVerdict = good.deepCopy();
    ((ObjectNode) badVerdict.get("validation")).put("verdict", "MAYBE");
    ObjectNode badRule = good.deepCopy();
    ((ObjectNode) badRule.get("validation").get("findings").get(0)).put("ruleId", "Bad Id");
    ObjectNode extra = good.deepCopy();
    extra.put("patientName", "SHOULD^NOT^BE^HERE");
    ObjectNode noInstance = good.deepCopy();
    noInstance.remove("object");
    ObjectNode badOrder = good.deepCopy();
    ((ObjectNode) badOrder.get("validation").get("order")).put("status", "PERHAPS");
    ObjectNode badSeverity = good.deepCopy();
    ((ObjectNode) badSeverity.get("validation").get("findings").get(0)).put("severity", "ERROR");
    for (ObjectNode bad :
        new ObjectNode[] {noBlock, badVerdict, badRule, extra, noInstance, badOrder, badSeverity}) {
      assertThat(ContractSchemas.violations(Topics.INSTANCE_VALIDATED, bad.toString()))
          .as(bad.toString())
          .isNotEmpty();
    }
  }
}
