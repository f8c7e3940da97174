package org.roentgen.router.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.roentgen.router.it.Arrivals.assertSameDataset;
import static org.roentgen.router.it.Arrivals.assertSentAsStored;
import static org.roentgen.router.it.Arrivals.inOrthanc;
import static org.roentgen.router.it.Instances.Kind.CR;
import static org.roentgen.router.it.Instances.Kind.DX;
import static org.roentgen.router.it.Pipeline.of;
import static org.roentgen.router.it.Pipeline.study;
import static org.roentgen.router.it.RouterRest.WAIT;
import static org.roentgen.router.it.RouterRest.awaitRefused;
import static org.roentgen.router.it.RouterRest.awaitRulesInForce;
import static org.roentgen.router.it.RouterRest.lineOf;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceDelivery.Delivery;
import org.roentgen.contracts.InstanceDelivery.Outcome;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReleased;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.Tags;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.router.it.Instances.Stored;
import org.roentgen.router.it.RouterKafka.Received;

/**
 * The rules of the running router (the service of {@link RouterPipelineIT}, on the same servers): a
 * rule file edited while the service runs takes effect on the next instance and an invalid edit is
 * refused with its line while the rules in force stay; a dry run replays the input events of a time
 * window and tells what a candidate file would change; a rule that de-identifies for a destination
 * sends it nothing the Basic Profile removes; a quarantined instance released by a reviewer, with a
 * corrected version, re-enters routing and its corrected data set arrives, once.
 */
@QuarkusTest
@QuarkusTestResource(RouterPipelineResource.class)
class RouterRulesIT extends RunningRouter {
  // ---- 5. rule reload -------------------------------------------------------------------------

  @Test
  void anEditedRuleFileTakesEffectAndAnInvalidEditIsRefusedWithItsLine() throws Exception {
    String original = RouterPipelineResource.rulesText("archive");
    int study = study();
    try {
      Stored one = instances.store(study, DX, "RELOAD");
      send(one);
      assertSentAsStored(awaitOne(one, r -> true), one, "archive");

      String toPacs = RouterPipelineResource.rulesText("orthanc");
      awaitRulesInForce(toPacs);
      Stored two = instances.store(study + 1, DX, "RELOAD");
      send(two);
      Received r2 = awaitOne(two, r -> true);
      assertSentAsStored(r2, two, "orthanc");
      assertThat(r2.delivery().rules()).containsExactly("reloaded");
      assertSameDataset(two, inOrthanc(two, files));

      String badYaml = toPacs.replace("match: {StationName: RELOAD}", "match: StationName: RELOAD");
      assertThat(badYaml).isNotEqualTo(toPacs);
      JsonPath refused = awaitRefused(badYaml);
      assertThat(refused.getInt("refused.errors[0].line"))
          .isEqualTo(lineOf(badYaml, "StationName: RELOAD"));
      assertThat(refused.getString("refused.errors[0].message")).contains("not valid YAML");
      assertThat(refused.getString("sha256")).isEqualTo(RouterRest.sha256(toPacs));

      String unknown = RouterPipelineResource.rulesText("nosuchpacs");
      refused = awaitRefused(unknown);
      assertThat(refused.getInt("refused.errors[0].line"))
          .isEqualTo(lineOf(unknown, "sendTo: [nosuchpacs]"));
      assertThat(refused.getString("refused.errors[0].message"))
          .contains("unknown destination 'nosuchpacs'");
      assertThat(refused.getString("sha256")).isEqualTo(RouterRest.sha256(toPacs));
      assertThat(refused.getLong("refusals")).isGreaterThanOrEqualTo(2);

      Stored three = instances.store(study + 2, DX, "RELOAD");
      send(three);
      assertSentAsStored(awaitOne(three, r -> true), three, "orthanc");
      assertThat(kafka.events(of(two).or(of(three)))).hasSize(2);
    } finally {
      awaitRulesInForce(original);
    }
  }

  @Test
  void aDryRunTellsWhatACandidateRuleFileWouldChange() throws Exception {
    String from = Instant.now().toString();
    int study = study();
    List<Stored> sent =
        List.of(instances.store(study, DX, "DRYRUN"), instances.store(study + 1, CR, "DRYRUN"));
    for (Stored s : sent) {
      send(s);
    }
    String candidate =
        RouterPipelineResource.rulesText("archive")
            + """
              - id: dry-run-to-research
                match: {StationName: DRYRUN}
                actions: {sendTo: [research]}
            """;
    JsonPath r =
        given()
            .contentType("application/yaml")
            .body(candidate.getBytes(StandardCharsets.UTF_8))
            .queryParam("from", from)
            .queryParam("to", Instant.now().plusSeconds(1).toString())
            .post("/rules/dry-run")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(r.getInt("events")).isEqualTo(2);
    assertThat(r.getInt("unreadable")).isZero();
    assertThat(r.getInt("changed")).isEqualTo(2);
    assertThat(r.getList("changes.sopInstanceUid", String.class))
        .containsExactlyInAnyOrder(sent.get(0).sop(), sent.get(1).sop());
    assertThat(r.getList("changes.inForce.outcome", String.class)).containsOnly("NONE");
    assertThat(r.getList("changes.candidate.outcome", String.class)).containsOnly("DELIVER");
    assertThat(r.getInt("candidate.research")).isEqualTo(2);
    assertThat(r.getInt("inForce.NONE")).isEqualTo(2);

    String invalid = RouterPipelineResource.rulesText("nosuchpacs");
    given()
        .contentType("application/yaml")
        .body(invalid.getBytes(StandardCharsets.UTF_8))
        .post("/rules/dry-run")
        .then()
        .statusCode(400)
        .body("errors[0].line", equalTo(lineOf(invalid, "sendTo: [nosuchpacs]")));
  }

  // ---- 6. de-identification -------------------------------------------------------------------

  @Test
  void aDeidentifyingDestinationReceivesNothingTheBasicProfileRemoves() throws Exception {
    int study = study();
    List<Stored> sent = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int n = i;
      sent.add(
          instances.store(
              study + i,
              DX,
              "RESEARCH",
              InstanceQc.Verdict.PASS,
              ds -> {
                ds.setString(Tag.PatientIdentityRemoved, VR.CS, "NO");
                ds.setString(Tag.OtherPatientIDs, VR.LO, "OTHER" + n);
                ds.setString(Tag.PatientAddress, VR.LO, "1 SYNTHETIC STREET");
                ds.setString(Tag.IssuerOfPatientID, VR.LO, "SYNTHETIC ISSUER");
                ds.setString(Tag.DeviceSerialNumber, VR.LO, "SN-12345");
                ds.setString(0x00090010, VR.LO, "SYNTHETIC CREATOR");
                ds.setString(0x00091001, VR.LO, "PRIVATE " + n);
              }));
    }
    for (Stored s : sent) {
      send(s);
    }
    for (Stored s : sent) {
      Delivery d = awaitOne(s, r -> true).delivery();
      assertThat(d.outcome()).isEqualTo(Outcome.DELIVERED);
      assertThat(d.destination()).isEqualTo("research");
      assertThat(d.sent().deidentified()).isTrue();
      assertThat(d.sent().sha256()).isNotEqualTo(s.event().instance().object().sha256());
    }
    List<Path> received = RouterPipelineResource.research.files();
    assertThat(received).hasSize(2);
    List<Attributes> deidentified = new ArrayList<>();
    for (Stored s : sent) {
      Attributes original = s.dataset();
      Attributes got = null;
      for (Path f : received) {
        Attributes a = DicomFile.read(f).dataset();
        if (Arrays.equals(a.getBytes(Tag.PixelData), original.getBytes(Tag.PixelData))) {
          got = a;
        }
      }
      assertThat(got).as("the received file with the pixels of %s", s.sop()).isNotNull();
      deidentified.add(got);
      int checked = BasicProfileCheck.assertDeidentified(original, got);
      // What the test added to the kit's header, by name: removed (X) or replaced (Z, X/Z/D).
      for (int x : new int[] {Tag.OtherPatientIDs, Tag.PatientAddress, Tag.IssuerOfPatientID}) {
        assertThat(got.contains(x)).as("%s removed", Tags.toString(x)).isFalse();
      }
      assertThat(got.getString(Tag.PatientName)).isNotEqualTo(original.getString(Tag.PatientName));
      assertThat(got.getString(Tag.PatientID)).isNotEqualTo(original.getString(Tag.PatientID));
      assertThat(got.getString(Tag.DeviceSerialNumber)).isNotEqualTo("SN-12345");
      assertThat(checked).as("attributes of Table E.1-1 checked").isGreaterThan(20);
      assertThat(got.getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
      Sequence codes = got.getSequence(Tag.DeidentificationMethodCodeSequence);
      assertThat(codes).isNotNull();
      List<String> values = new ArrayList<>();
      codes.forEach(item -> values.add(item.getString(Tag.CodeValue)));
      assertThat(values).contains("113100");
      assertThat(got.getString(Tag.SOPInstanceUID)).isNotEqualTo(s.sop());
      assertThat(got.getString(Tag.StudyInstanceUID)).isNotEqualTo(s.study());
    }
    assertThat(deidentified.get(0).getString(Tag.StudyInstanceUID))
        .as("one new Study Instance UID for the study")
        .isEqualTo(deidentified.get(1).getString(Tag.StudyInstanceUID));
    assertThat(deidentified.get(0).getString(Tag.SOPInstanceUID))
        .isNotEqualTo(deidentified.get(1).getString(Tag.SOPInstanceUID));
  }

  // ---- 7. quarantine release ------------------------------------------------------------------

  @Test
  void aReleasedQuarantinedInstanceIsDeliveredCorrectedAndOnlyOnce() throws Exception {
    Stored failed =
        instances.store(
            study(),
            DX,
            "QUARANTINE",
            InstanceQc.Verdict.FAIL,
            ds -> ds.setString(Tag.ImageLaterality, VR.CS, "R"));
    send(failed);
    Received q = awaitOne(failed, r -> r.delivery().outcome() == Outcome.QUARANTINED);
    assertThat(q.data().released()).isFalse();
    Thread.sleep(3000);
    assertThat(RouterPipelineResource.archive.bySop())
        .as("a quarantined instance reaches no destination")
        .doesNotContainKey(failed.sop());

    // The reviewer corrects the side: the archive stores version 2 and releases it.
    Stored corrected =
        instances.version(failed, 2, ds -> ds.setString(Tag.ImageLaterality, VR.CS, "L"));
    assertThat(corrected.event().instance().object().sha256())
        .isNotEqualTo(failed.event().instance().object().sha256());
    InstanceReleased released =
        new InstanceReleased(
            corrected.event().instance(),
            failed.event().validation(),
            failed.event().qc(),
            new InstanceReleased.Release(
                q.event().id(),
                "tech.it",
                "side marker checked on the image",
                Instant.now(),
                List.of(new InstanceReleased.Correction("ImageLaterality", "00200062"))));
    assertThat(
            ContractSchemas.violations(
                Topics.INSTANCE_RELEASED, EventJson.mapper().writeValueAsString(released)))
        .isEmpty();
    String releaseId = UUID.randomUUID().toString();
    kafka.sendReleased(RouterPipelineResource.RELEASED, released, releaseId);

    Received d = awaitOne(failed, Pipeline.delivered("archive"));
    assertThat(d.data().released()).as("the delivery says it was released").isTrue();
    assertThat(d.data().release()).isEqualTo(released.release());
    assertThat(d.data().release().quarantineEventId()).isEqualTo(q.event().id());
    assertThat(d.data().instance()).isEqualTo(corrected.event().instance());
    assertThat(d.delivery().rules()).containsExactly("everything-to-archive");
    assertThat(d.delivery().sent().duplicate()).isFalse();
    assertThat(d.delivery().sent().sha256())
        .isEqualTo(corrected.event().instance().object().sha256());
    Path arrived = RouterPipelineResource.archive.file(failed.sop());
    assertThat(DicomFile.read(arrived).dataset().getString(Tag.ImageLaterality))
        .as("the corrected data set arrived")
        .isEqualTo("L");
    assertSameDataset(corrected, arrived);

    // The same release again (redelivered, or released twice): the ledger spares the send.
    kafka.sendReleased(RouterPipelineResource.RELEASED, released, releaseId);
    List<Received> both = kafka.await(of(failed).and(Pipeline.delivered("archive")), 2, WAIT);
    assertThat(both).hasSize(2);
    Received again = Arrivals.valid(both.get(1));
    assertThat(again.delivery().sent().duplicate()).isTrue();
    assertThat(again.delivery().attempts()).isZero();
    assertThat(again.data().released()).isTrue();
    assertThat(RouterPipelineResource.archive.bySop().get(failed.sop())).hasSize(1);
    assertThat(kafka.events(of(failed))).as("quarantined, delivered, duplicate").hasSize(3);
  }
}
