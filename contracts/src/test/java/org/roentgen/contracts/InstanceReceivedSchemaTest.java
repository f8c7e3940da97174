package org.roentgen.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstanceReceivedSchemaTest {
  private static final String UID = "1.2.826.0.1.3680043.8.498.1";

  static InstanceReceived sample(InstanceReceived.StoredObject previous) throws IOException {
    JsonNode header =
        EventJson.mapper()
            .readTree(
                "{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"DX\"]},"
                    + "\"7FE00010\":{\"vr\":\"OW\"}}");
    return new InstanceReceived(
        UID + ".3",
        "1.2.840.10008.5.1.4.1.1.1.1",
        UID,
        UID + ".2",
        "1.2.840.10008.1.2.1",
        "DX",
        new InstanceReceived.StoredObject("dicom", "studies/x.dcm", 1234, "ab".repeat(32), 2),
        previous,
        new InstanceReceived.Source(
            InstanceReceived.Protocol.DIMSE, "DX1", "ROENTGEN", "127.0.0.1:4000", "ingest-0"),
        header,
        new InstanceReceived.PixelData(400, 834, false),
        Instant.parse("2026-11-26T15:00:00.123Z"));
  }

  @Test
  void whatTheCodeWritesValidates() throws IOException {
    for (InstanceReceived.StoredObject previous :
        new InstanceReceived.StoredObject[] {
          null, new InstanceReceived.StoredObject("dicom", "studies/y.dcm", 99, "cd".repeat(32), 1)
        }) {
      String json = EventJson.mapper().writeValueAsString(sample(previous));
      assertThat(ContractSchemas.violations(Topics.INSTANCE_RECEIVED, json)).isEmpty();
      assertThat(json).contains("\"newVersion\":" + (previous != null));
    }
  }

  @Test
  void stowRsWithoutAeTitlesValidatesAndKeepsItsWireName() throws IOException {
    InstanceReceived e = sample(null);
    InstanceReceived stow =
        new InstanceReceived(
            e.sopInstanceUid(),
            e.sopClassUid(),
            e.studyInstanceUid(),
            e.seriesInstanceUid(),
            e.transferSyntaxUid(),
            null,
            e.object(),
            null,
            new InstanceReceived.Source(
                InstanceReceived.Protocol.STOW_RS, null, null, "10.0.0.9:5555", "ingest-1"),
            e.header(),
            null,
            e.receivedAt());
    String json = EventJson.mapper().writeValueAsString(stow);
    assertThat(json).contains("\"protocol\":\"STOW-RS\"");
    assertThat(ContractSchemas.violations(Topics.INSTANCE_RECEIVED, json)).isEmpty();
    assertThat(EventJson.mapper().readValue(json, InstanceReceived.class)).isEqualTo(stow);
  }

  @Test
  void jsonRoundTripGivesTheSameEvent() throws IOException {
    InstanceReceived e = sample(null);
    String json = EventJson.mapper().writeValueAsString(e);
    assertThat(EventJson.mapper().readValue(json, InstanceReceived.class)).isEqualTo(e);
    assertThat(json).contains("\"receivedAt\":\"2026-11-26T15:00:00.123Z\"");
  }

  @Test
  void theShippedExampleValidatesAndReads() throws IOException {
    String json;
    try (InputStream in =
        getClass().getResourceAsStream("/contracts/examples/dicom.instance.received.v1.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(ContractSchemas.violations(Topics.INSTANCE_RECEIVED, json)).isEmpty();
    assertThat(EventJson.mapper().readValue(json, InstanceReceived.class).modality())
        .isEqualTo("DX");
  }

  @Test
  void theSchemaRejectsWhatBreaksTheContract() throws IOException {
    ObjectNode good = (ObjectNode) EventJson.mapper().valueToTree(sample(null));
    ObjectNode noSha = good.deepCopy();
    ((ObjectNode) noSha.get("object")).put("sha256", "not-a-digest");
    ObjectNode badUid = good.deepCopy();
    badUid.put("studyInstanceUid", "1.2.abc");
    ObjectNode noHeader = good.deepCopy();
    noHeader.remove("header");
    ObjectNode extra = good.deepCopy();
    extra.put("patientName", "SHOULD^NOT^BE^HERE");
    ObjectNode badTag = good.deepCopy();
    ((ObjectNode) badTag.get("header")).putObject("PatientName").put("vr", "PN");
    ObjectNode badProtocol = good.deepCopy();
    ((ObjectNode) badProtocol.get("source")).put("protocol", "FTP");
    for (ObjectNode bad : new ObjectNode[] {noSha, badUid, noHeader, extra, badTag, badProtocol}) {
      assertThat(ContractSchemas.violations(Topics.INSTANCE_RECEIVED, bad.toString()))
          .as(bad.toString())
          .isNotEmpty();
    }
  }
}
