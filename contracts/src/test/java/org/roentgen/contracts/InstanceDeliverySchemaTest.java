package org.roentgen.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceDelivery.Delivery;
import org.roentgen.contracts.InstanceDelivery.Failure;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.contracts.InstanceDelivery.GaveUp;
import org.roentgen.contracts.InstanceDelivery.Outcome;
import org.roentgen.contracts.InstanceDelivery.Priority;
import org.roentgen.contracts.InstanceDelivery.Quarantine;
import org.roentgen.contracts.InstanceDelivery.Sent;
import org.roentgen.contracts.InstanceValidated.Order;
import org.roentgen.contracts.InstanceValidated.OrderStatus;

class InstanceDeliverySchemaTest {
  private static final Instant QUEUED = Instant.parse("2026-11-26T15:00:02.500Z");
  private static final Instant DONE = Instant.parse("2026-11-26T15:00:03.750Z");

  static Delivery delivered(boolean duplicate) {
    return new Delivery(
        Outcome.DELIVERED,
        "pacs-main",
        List.of("ed-stat", "dx-to-pacs"),
        Priority.STAT,
        duplicate ? 0 : 1,
        QUEUED,
        DONE,
        3627,
        new Sent(
            duplicate ? null : "1.2.840.10008.1.2.4.70",
            "cd".repeat(32),
            1250,
            !duplicate,
            duplicate ? List.of() : List.of("InstitutionName", "IssuerOfPatientID"),
            duplicate),
        null,
        null,
        "router-0");
  }

  static Delivery deadLettered(Integer status) {
    return new Delivery(
        Outcome.DEAD_LETTERED,
        "pacs-main",
        List.of(),
        Priority.ROUTINE,
        status == null ? 8 : 1,
        QUEUED,
        DONE,
        3627,
        null,
        status == null
            ? new Failure(
                FailureCause.CONNECTION, false, GaveUp.ATTEMPTS, null, "connection refused")
            : new Failure(
                FailureCause.DATA_SET_MISMATCH,
                true,
                GaveUp.PERMANENT,
                status,
                "C-STORE status 0xA900"),
        null,
        "router-1");
  }

  static Delivery quarantined() {
    return new Delivery(
        Outcome.QUARANTINED,
        null,
        List.of("hold-fail"),
        Priority.ROUTINE,
        0,
        QUEUED,
        QUEUED,
        2377,
        null,
        null,
        new Quarantine("QC verdict FAIL", List.of("laterality.contradiction", "foreign-object")),
        "router-0");
  }

  /** The delivery on each of the router's possible inputs: received, validated, qc. */
  static List<InstanceDelivery> onEveryInput(Delivery d) throws IOException {
    InstanceQc qc = InstanceQcSchemaTest.sample(InstanceQcSchemaTest.analysed(List.of()));
    InstanceValidated validated =
        InstanceValidatedSchemaTest.sample(List.of(), Order.of(OrderStatus.MATCHED));
    return List.of(
        new InstanceDelivery(InstanceReceivedSchemaTest.sample(null), null, null, d),
        new InstanceDelivery(validated.instance(), validated.validation(), null, d),
        new InstanceDelivery(qc.instance(), qc.validation(), qc.qc(), d));
  }

  @Test
  void whatTheCodeWritesValidatesAndReadsBack() throws IOException {
    List<InstanceDelivery> events = new ArrayList<>();
    for (Delivery d :
        List.of(
            delivered(false),
            delivered(true),
            deadLettered(null),
            deadLettered(0xA900),
            quarantined())) {
      events.addAll(onEveryInput(d));
    }
    for (InstanceDelivery v : events) {
      String json = EventJson.mapper().writeValueAsString(v);
      assertThat(ContractSchemas.violations(Topics.INSTANCE_DELIVERY, json)).as(json).isEmpty();
      assertThat(EventJson.mapper().readValue(json, InstanceDelivery.class)).isEqualTo(v);
      // A flat object: the instance fields where the received event has them, blocks beside.
      JsonNode tree = EventJson.mapper().readTree(json);
      assertThat(tree.path("sopInstanceUid").asText()).isEqualTo(v.instance().sopInstanceUid());
      assertThat(tree.has("validation")).isEqualTo(v.validation() != null);
      assertThat(tree.has("qc")).isEqualTo(v.qc() != null);
      assertThat(tree.path("delivery").path("outcome").asText())
          .isEqualTo(v.delivery().outcome().name());
    }
  }

  @Test
  void theDeliveryOfAReleasedInstanceCarriesTheReleaseBlock() throws IOException {
    for (Delivery d : List.of(delivered(false), delivered(true), deadLettered(null))) {
      for (InstanceReleased r :
          InstanceReleasedSchemaTest.onEveryInput(
              InstanceReleasedSchemaTest.release(true, "0b6f1c52-3d2e-3a8f-9c41-7e5d2a9b8c10"))) {
        InstanceDelivery v =
            new InstanceDelivery(r.instance(), r.validation(), r.qc(), r.release(), d);
        assertThat(v.released()).isTrue();
        String json = EventJson.mapper().writeValueAsString(v);
        assertThat(ContractSchemas.violations(Topics.INSTANCE_DELIVERY, json)).as(json).isEmpty();
        assertThat(EventJson.mapper().readValue(json, InstanceDelivery.class)).isEqualTo(v);
        assertThat(
                EventJson.mapper()
                    .readTree(json)
                    .path("release")
                    .path("quarantineEventId")
                    .asText())
            .isEqualTo("0b6f1c52-3d2e-3a8f-9c41-7e5d2a9b8c10");
      }
    }
    assertThat(onEveryInput(delivered(false)).get(0).released()).isFalse();
    ObjectNode badRelease =
        (ObjectNode)
            EventJson.mapper()
                .valueToTree(
                    new InstanceDelivery(
                        InstanceReceivedSchemaTest.sample(null),
                        null,
                        null,
                        InstanceReleasedSchemaTest.release(false, null),
                        delivered(false)));
    ((ObjectNode) badRelease.get("release")).remove("releasedBy");
    assertThat(ContractSchemas.violations(Topics.INSTANCE_DELIVERY, badRelease.toString()))
        .isNotEmpty();
  }

  @Test
  void eachOutcomeNeedsItsFields() {
    assertThatThrownBy(
            () ->
                new Delivery(
                    Outcome.DELIVERED,
                    "pacs-main",
                    List.of(),
                    Priority.STAT,
                    1,
                    QUEUED,
                    DONE,
                    1,
                    null,
                    null,
                    null,
                    "router-0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Delivery(
                    Outcome.DEAD_LETTERED,
                    null,
                    List.of(),
                    Priority.STAT,
                    1,
                    QUEUED,
                    DONE,
                    1,
                    null,
                    deadLettered(null).failure(),
                    null,
                    "router-0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Delivery(
                    Outcome.QUARANTINED,
                    null,
                    List.of(),
                    Priority.STAT,
                    0,
                    QUEUED,
                    DONE,
                    1,
                    null,
                    null,
                    null,
                    "router-0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSchemasEnumsAreTheJavaEnums() throws IOException {
    JsonNode defs;
    try (InputStream in =
        getClass().getResourceAsStream(Topics.INSTANCE_DELIVERY.schemaResource())) {
      defs = EventJson.mapper().readTree(in).path("$defs");
    }
    assertThat(enumOf(defs, "/delivery/properties/outcome")).isEqualTo(names(Outcome.values()));
    assertThat(enumOf(defs, "/delivery/properties/priority")).isEqualTo(names(Priority.values()));
    assertThat(enumOf(defs, "/failure/properties/cause")).isEqualTo(names(FailureCause.values()));
    assertThat(enumOf(defs, "/failure/properties/gaveUp")).isEqualTo(names(GaveUp.values()));
  }

  private static List<String> enumOf(JsonNode defs, String pointer) {
    List<String> values = new ArrayList<>();
    defs.at(pointer).path("enum").forEach(n -> values.add(n.asText()));
    return values;
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  @Test
  void theShippedExampleValidatesAndReads() throws IOException {
    String json;
    try (InputStream in =
        getClass().getResourceAsStream("/contracts/examples/dicom.instance.delivery.v1.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(ContractSchemas.violations(Topics.INSTANCE_DELIVERY, json)).isEmpty();
    InstanceDelivery v = EventJson.mapper().readValue(json, InstanceDelivery.class);
    assertThat(v.delivery().outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(v.delivery().priority()).isEqualTo(Priority.STAT);
    assertThat(v.delivery().destination()).isEqualTo("pacs-main");
    assertThat(v.delivery().sent().coerced()).containsExactly("InstitutionName");
    assertThat(v.instance().modality()).isEqualTo("DX");
    assertThat(v.validation().verdict()).isEqualTo(InstanceValidated.Verdict.PASS);
    assertThat(v.qc().verdict()).isEqualTo(InstanceQc.Verdict.PASS);
    // End to end: from ingest's receipt to the outcome.
    assertThat(v.delivery().latencyMillis())
        .isEqualTo(
            v.delivery().completedAt().toEpochMilli() - v.instance().receivedAt().toEpochMilli());
  }

  @Test
  void aReaderRefusesAnEventWithoutItsBlock() throws IOException {
    ObjectNode noDelivery =
        (ObjectNode) EventJson.mapper().valueToTree(onEveryInput(delivered(false)).get(2));
    noDelivery.remove("delivery");
    assertThatThrownBy(
            () -> EventJson.mapper().readValue(noDelivery.toString(), InstanceDelivery.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void theSchemaRejectsWhatBreaksTheContract() throws IOException {
    ObjectNode good =
        (ObjectNode) EventJson.mapper().valueToTree(onEveryInput(delivered(false)).get(2));
    ObjectNode dead =
        (ObjectNode) EventJson.mapper().valueToTree(onEveryInput(deadLettered(0xA900)).get(0));
    ObjectNode held =
        (ObjectNode) EventJson.mapper().valueToTree(onEveryInput(quarantined()).get(1));
    for (ObjectNode ok : List.of(good, dead, held)) {
      assertThat(ContractSchemas.violations(Topics.INSTANCE_DELIVERY, ok.toString())).isEmpty();
    }
    List<ObjectNode> bad = new ArrayList<>();
    ObjectNode noDelivery = good.deepCopy();
    noDelivery.remove("delivery");
    bad.add(noDelivery);
    ObjectNode noSent = good.deepCopy();
    block(noSent).remove("sent");
    bad.add(noSent);
    ObjectNode deliveredNowhere = good.deepCopy();
    block(deliveredNowhere).remove("destination");
    bad.add(deliveredNowhere);
    ObjectNode noFailure = dead.deepCopy();
    block(noFailure).remove("failure");
    bad.add(noFailure);
    ObjectNode deadNowhere = dead.deepCopy();
    block(deadNowhere).remove("destination");
    bad.add(deadNowhere);
    ObjectNode noQuarantine = held.deepCopy();
    block(noQuarantine).remove("quarantine");
    bad.add(noQuarantine);
    ObjectNode badOutcome = good.deepCopy();
    block(badOutcome).put("outcome", "LOST");
    bad.add(badOutcome);
    ObjectNode badPriority = good.deepCopy();
    block(badPriority).put("priority", "URGENT");
    bad.add(badPriority);
    ObjectNode badCause = dead.deepCopy();
    ((ObjectNode) block(badCause).get("failure")).put("cause", "GREMLINS");
    bad.add(badCause);
    ObjectNode badGaveUp = dead.deepCopy();
    ((ObjectNode) block(badGaveUp).get("failure")).put("gaveUp", "BORED");
    bad.add(badGaveUp);
    ObjectNode badStatus = dead.deepCopy();
    ((ObjectNode) block(badStatus).get("failure")).put("status", 70000);
    bad.add(badStatus);
    ObjectNode badSha = good.deepCopy();
    ((ObjectNode) block(badSha).get("sent")).put("sha256", "not-a-digest");
    bad.add(badSha);
    ObjectNode badFinding = held.deepCopy();
    ((ObjectNode) block(badFinding).get("quarantine")).putArray("findings").add("Bad Id");
    bad.add(badFinding);
    ObjectNode extra = good.deepCopy();
    extra.put("patientName", "SHOULD^NOT^BE^HERE");
    bad.add(extra);
    ObjectNode extraInBlock = good.deepCopy();
    block(extraInBlock).put("patientName", "SHOULD^NOT^BE^HERE");
    bad.add(extraInBlock);
    ObjectNode extraInSent = good.deepCopy();
    ((ObjectNode) block(extraInSent).get("sent")).put("patientName", "SHOULD^NOT^BE^HERE");
    bad.add(extraInSent);
    ObjectNode badValidation = good.deepCopy();
    ((ObjectNode) badValidation.get("validation")).put("verdict", "MAYBE");
    bad.add(badValidation);
    ObjectNode badQc = good.deepCopy();
    ((ObjectNode) badQc.get("qc")).put("verdict", "MAYBE");
    bad.add(badQc);
    ObjectNode noInstance = good.deepCopy();
    noInstance.remove("object");
    bad.add(noInstance);
    for (ObjectNode b : bad) {
      assertThat(ContractSchemas.violations(Topics.INSTANCE_DELIVERY, b.toString()))
          .as(b.toString())
          .isNotEmpty();
    }
  }

  private static ObjectNode block(ObjectNode event) {
    return (ObjectNode) event.get(InstanceDelivery.BLOCK);
  }
}
