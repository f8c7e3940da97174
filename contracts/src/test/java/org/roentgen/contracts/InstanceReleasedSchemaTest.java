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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceReleased.Correction;
import org.roentgen.contracts.InstanceReleased.Release;
import org.roentgen.contracts.InstanceValidated.Order;
import org.roentgen.contracts.InstanceValidated.OrderStatus;

class InstanceReleasedSchemaTest {
  static Release release(boolean corrected, String quarantineEventId) {
    return new Release(
        quarantineEventId,
        "tech.mlopez",
        "side marker checked: left",
        Instant.parse("2026-11-26T15:41:12.870Z"),
        corrected ? List.of(new Correction("ImageLaterality", "00200062")) : List.of());
  }

  /** The release on each of the router's possible inputs: received, validated, qc. */
  static List<InstanceReleased> onEveryInput(Release r) throws IOException {
    InstanceQc qc = InstanceQcSchemaTest.sample(InstanceQcSchemaTest.analysed(List.of()));
    InstanceValidated validated =
        InstanceValidatedSchemaTest.sample(List.of(), Order.of(OrderStatus.MATCHED));
    InstanceReceived.StoredObject first =
        new InstanceReceived.StoredObject("dicom", "studies/x.dcm", 1200, "cd".repeat(32), 1);
    return List.of(
        new InstanceReleased(InstanceReceivedSchemaTest.sample(first), null, null, r),
        new InstanceReleased(validated.instance(), validated.validation(), null, r),
        new InstanceReleased(qc.instance(), qc.validation(), qc.qc(), r));
  }

  @Test
  void whatTheCodeWritesValidatesAndReadsBack() throws IOException {
    List<InstanceReleased> events = new ArrayList<>();
    for (Release r :
        List.of(release(true, "0b6f1c52-3d2e-3a8f-9c41-7e5d2a9b8c10"), release(false, null))) {
      events.addAll(onEveryInput(r));
    }
    for (InstanceReleased v : events) {
      String json = EventJson.mapper().writeValueAsString(v);
      assertThat(ContractSchemas.violations(Topics.INSTANCE_RELEASED, json)).as(json).isEmpty();
      assertThat(EventJson.mapper().readValue(json, InstanceReleased.class)).isEqualTo(v);
      JsonNode tree = EventJson.mapper().readTree(json);
      assertThat(tree.path("sopInstanceUid").asText()).isEqualTo(v.instance().sopInstanceUid());
      assertThat(tree.has("validation")).isEqualTo(v.validation() != null);
      assertThat(tree.has("qc")).isEqualTo(v.qc() != null);
      assertThat(tree.path("release").path("releasedBy").asText()).isEqualTo("tech.mlopez");
      assertThat(tree.path("release").has("quarantineEventId"))
          .isEqualTo(v.release().quarantineEventId() != null);
    }
  }

  @Test
  void theShippedExampleValidatesAndReads() throws IOException {
    String json;
    try (InputStream in =
        getClass().getResourceAsStream("/contracts/examples/dicom.instance.released.v1.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(ContractSchemas.violations(Topics.INSTANCE_RELEASED, json)).isEmpty();
    InstanceReleased v = EventJson.mapper().readValue(json, InstanceReleased.class);
    assertThat(v.release().corrected()).isTrue();
    assertThat(v.release().corrections())
        .containsExactly(new Correction("ImageLaterality", "00200062"));
    // The corrected version is the object to send; the quarantined one is the previous version.
    assertThat(v.instance().object().version()).isEqualTo(2);
    assertThat(v.instance().previousVersion().version()).isEqualTo(1);
    assertThat(v.instance().header().path("00200062").path("Value").get(0).asText()).isEqualTo("L");
    assertThat(v.qc().verdict()).isEqualTo(InstanceQc.Verdict.FAIL);
    assertThat(v.validation().verdict()).isEqualTo(InstanceValidated.Verdict.FAIL);
  }

  @Test
  void aCorrectionNeedsATagAndAReleaseItsReviewer() {
    assertThatThrownBy(() -> new Correction("ImageLaterality", "0020,0062"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Release(null, null, "r", Instant.now(), List.of()))
        .isInstanceOf(NullPointerException.class);
    assertThat(new Release(null, "a", "r", Instant.now(), null).corrections()).isEmpty();
  }

  @Test
  void aReaderRefusesAnEventWithoutItsBlock() throws IOException {
    ObjectNode noRelease =
        (ObjectNode) EventJson.mapper().valueToTree(onEveryInput(release(true, null)).get(2));
    noRelease.remove("release");
    assertThatThrownBy(
            () -> EventJson.mapper().readValue(noRelease.toString(), InstanceReleased.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void theSchemaRejectsWhatBreaksTheContract() throws IOException {
    ObjectNode good =
        (ObjectNode) EventJson.mapper().valueToTree(onEveryInput(release(true, "e-1")).get(2));
    assertThat(ContractSchemas.violations(Topics.INSTANCE_RELEASED, good.toString())).isEmpty();
    List<ObjectNode> bad = new ArrayList<>();
    ObjectNode noRelease = good.deepCopy();
    noRelease.remove("release");
    bad.add(noRelease);
    for (String field : List.of("releasedBy", "reason", "releasedAt", "corrections")) {
      ObjectNode missing = good.deepCopy();
      block(missing).remove(field);
      bad.add(missing);
    }
    ObjectNode badReviewer = good.deepCopy();
    block(badReviewer).put("releasedBy", "DOE^JANE");
    bad.add(badReviewer);
    ObjectNode emptyReason = good.deepCopy();
    block(emptyReason).put("reason", "");
    bad.add(emptyReason);
    ObjectNode badTag = good.deepCopy();
    ((ObjectNode) block(badTag).get("corrections").get(0)).put("tag", "0020,0062");
    bad.add(badTag);
    ObjectNode badKeyword = good.deepCopy();
    ((ObjectNode) block(badKeyword).get("corrections").get(0)).put("keyword", "Image Laterality");
    bad.add(badKeyword);
    ObjectNode correctionValue = good.deepCopy();
    ((ObjectNode) block(correctionValue).get("corrections").get(0)).put("value", "L");
    bad.add(correctionValue);
    ObjectNode extraInBlock = good.deepCopy();
    block(extraInBlock).put("patientName", "SHOULD^NOT^BE^HERE");
    bad.add(extraInBlock);
    ObjectNode extra = good.deepCopy();
    extra.put("patientName", "SHOULD^NOT^BE^HERE");
    bad.add(extra);
    ObjectNode badQc = good.deepCopy();
    ((ObjectNode) badQc.get("qc")).put("verdict", "MAYBE");
    bad.add(badQc);
    ObjectNode noInstance = good.deepCopy();
    noInstance.remove("object");
    bad.add(noInstance);
    for (ObjectNode b : bad) {
      assertThat(ContractSchemas.violations(Topics.INSTANCE_RELEASED, b.toString()))
          .as(b.toString())
          .isNotEmpty();
    }
  }

  private static ObjectNode block(ObjectNode event) {
    return (ObjectNode) event.get(InstanceReleased.BLOCK);
  }
}
