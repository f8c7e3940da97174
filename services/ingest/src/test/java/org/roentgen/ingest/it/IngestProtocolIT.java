package org.roentgen.ingest.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.dimse.Priority;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.AssociationRejectedException;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.dicom.testkit.Processes;
import org.roentgen.dicom.testkit.SyntheticRadiographs;
import org.roentgen.ingest.dicom.DicomListener;
import org.roentgen.ingest.domain.ObjectKeys;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.stack.SharedStack;

/**
 * Bad input and the HTTP side: an AE not on the allow-list is rejected with the right reason, a
 * malformed dataset gets an error status and the association goes on, an object over the maximum
 * size is refused cleanly, STOW-RS stores and answers per PS3.18, health and metrics.
 */
@QuarkusTest
@TestProfile(ProtocolProfile.class)
@QuarkusTestResource(value = SharedStackResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestProtocolIT {
  private static final String DX = SyntheticRadiographs.SOP_CLASS;
  private static final String TS = UID.ExplicitVRLittleEndian;

  @Inject DicomListener listener;
  @Inject ObjectStore store;

  private DimseClient connect(String callingAe) throws IOException {
    return DimseClient.connect(
        AssociationRequest.of("ROENTGEN", callingAe)
            .withContext(DX, TS)
            .withContext(UID.Verification, UID.ImplicitVRLittleEndian),
        "127.0.0.1",
        listener.port(),
        AssociationOptions.defaults(),
        Duration.ofSeconds(30));
  }

  /** True when the first version of the instance with header {@code h} is in the bucket. */
  private boolean stored(Attributes h) throws IOException {
    return store.exists(
        "protocol",
        ObjectKeys.of(
            h.getString(Tag.StudyInstanceUID),
            h.getString(Tag.SeriesInstanceUID),
            h.getString(Tag.SOPInstanceUID),
            1));
  }

  private static Path radiograph(String dir, int size, long seed) throws IOException {
    return SyntheticRadiographs.write(Files.createTempDirectory(dir), 1, size, size, seed).get(0);
  }

  @Test
  @Order(1)
  void anAeNotOnTheAllowListIsRejectedWithTheRightReason() throws IOException {
    Processes.Result r =
        Processes.run(
            Path.of("."),
            30,
            List.of(
                "echoscu",
                "-aet",
                "INTRUDER",
                "-aec",
                "ROENTGEN",
                "127.0.0.1",
                "" + listener.port()));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.out() + r.stderr()).contains("Calling AE Title Not Recognized");
    assertThatThrownBy(() -> connect("INTRUDER").close())
        .isInstanceOf(AssociationRejectedException.class)
        .hasMessageContaining("CALLING_AE_TITLE_NOT_RECOGNIZED");
    Processes.Result ok =
        Processes.run(
            Path.of("."),
            30,
            List.of(
                "echoscu", "-aet", "OTHER", "-aec", "ROENTGEN", "127.0.0.1", "" + listener.port()));
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
  }

  @Test
  @Order(2)
  void aMalformedDatasetGetsAnErrorStatusAndTheAssociationGoesOn() throws Exception {
    Path good = radiograph("good", 64, 5);
    byte[] dataset = Part10Files.dataset(good);
    byte[] broken = Arrays.copyOf(dataset, 200);
    broken[24] = (byte) 0xFF; // the second element's length now runs past the end
    broken[25] = (byte) 0x7F;
    Attributes h = DicomFile.readHeader(good).dataset();
    try (DimseClient c = connect("MODALITY")) {
      Command bad = c.store(DX, "1.2.3.999", TS, Priority.MEDIUM, out -> out.write(broken));
      assertThat(bad.status()).isEqualTo(Status.CANNOT_UNDERSTAND.code());
      assertThat(bad.errorComment()).contains("malformed dataset");

      Command mismatch = c.store(DX, "1.2.3.998", TS, Priority.MEDIUM, out -> out.write(dataset));
      assertThat(mismatch.status()).isEqualTo(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS.code());

      String iuid = h.getString(Tag.SOPInstanceUID);
      Command ok = c.store(DX, iuid, TS, Priority.MEDIUM, out -> out.write(dataset));
      assertThat(ok.status()).isEqualTo(Status.SUCCESS.code());
      assertThat(c.echo().status()).isEqualTo(Status.SUCCESS.code());
      c.release();
    }
    assertThat(stored(h)).isTrue();
  }

  @Test
  @Order(3)
  void anObjectOverTheMaximumSizeIsRefusedCleanly() throws Exception {
    Path big = radiograph("big", 256, 6); // 128 KiB of pixels, over the 100000-byte limit
    Path small = radiograph("small", 32, 7);
    Attributes bh = DicomFile.readHeader(big).dataset();
    Attributes sh = DicomFile.readHeader(small).dataset();
    try (DimseClient c = connect("MODALITY")) {
      byte[] bigSet = Part10Files.dataset(big);
      Command refused =
          c.store(
              DX, bh.getString(Tag.SOPInstanceUID), TS, Priority.MEDIUM, out -> out.write(bigSet));
      assertThat(refused.status()).isEqualTo(Status.OUT_OF_RESOURCES.code());
      assertThat(refused.errorComment()).isEqualTo("object too large");
      byte[] smallSet = Part10Files.dataset(small);
      Command ok =
          c.store(
              DX,
              sh.getString(Tag.SOPInstanceUID),
              TS,
              Priority.MEDIUM,
              out -> out.write(smallSet));
      assertThat(ok.status()).isEqualTo(Status.SUCCESS.code());
      c.release();
    }
    assertThat(stored(bh)).as("nothing of the refused object is kept").isFalse();
  }

  private static byte[] multipart(String boundary, List<byte[]> parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(
          ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(p);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  @Test
  @Order(4)
  void stowRsStoresEveryPartAndAnswersPerPs318() throws Exception {
    Path a = radiograph("stow-a", 32, 8);
    Path b = radiograph("stow-b", 32, 9);
    String type = "multipart/related; type=\"application/dicom\"; boundary=XyZ";
    byte[] body = multipart("XyZ", List.of(Files.readAllBytes(a), Files.readAllBytes(b)));
    String json =
        given()
            .contentType(type)
            .body(body)
            .when()
            .post("/dicomweb/studies")
            .then()
            .statusCode(200)
            .contentType("application/dicom+json")
            .extract()
            .asString();
    JsonPath j = JsonPath.from(json);
    assertThat(j.getList("'00081199'.Value")).hasSize(2);
    for (Path p : List.of(a, b)) {
      Attributes h = DicomFile.readHeader(p).dataset();
      assertThat(json).contains(h.getString(Tag.SOPInstanceUID));
      assertThat(stored(h)).isTrue();
    }

    byte[] notDicom =
        multipart("XyZ", List.of("not a DICOM file".getBytes(StandardCharsets.US_ASCII)));
    String failed =
        given()
            .contentType(type)
            .body(notDicom)
            .when()
            .post("/dicomweb/studies")
            .then()
            .statusCode(409)
            .extract()
            .asString();
    assertThat(JsonPath.from(failed).getList("'00081198'.Value")).hasSize(1);
    assertThat(failed).contains("\"00081197\"");

    given()
        .contentType("application/dicom")
        .body(Files.readAllBytes(a))
        .when()
        .post("/dicomweb/studies")
        .then()
        .statusCode(415);
  }

  @Test
  @Order(5)
  void aResentIdenticalObjectIsADuplicateAndDifferentContentANewVersion() throws Exception {
    Path f = radiograph("versions", 32, 10);
    byte[] dataset = Part10Files.dataset(f);
    byte[] changed = dataset.clone();
    changed[changed.length - 1] ^= 0x5A; // one pixel differs
    Attributes h = DicomFile.readHeader(f).dataset();
    String iuid = h.getString(Tag.SOPInstanceUID);
    try (DimseClient c = connect("MODALITY")) {
      for (byte[] d : List.of(dataset, dataset, changed, changed)) {
        assertThat(c.store(DX, iuid, TS, Priority.MEDIUM, out -> out.write(d)).status()).isZero();
      }
      c.release();
    }
    String study = h.getString(Tag.StudyInstanceUID);
    String series = h.getString(Tag.SeriesInstanceUID);
    assertThat(store.exists("protocol", ObjectKeys.of(study, series, iuid, 1))).isTrue();
    assertThat(store.exists("protocol", ObjectKeys.of(study, series, iuid, 2))).isTrue();
    assertThat(store.exists("protocol", ObjectKeys.of(study, series, iuid, 3)))
        .as("the re-sent second content is a duplicate of version 2")
        .isFalse();
    assertThat(
            Part10Files.sha256(Part10Files.dataset(readAll(ObjectKeys.of(study, series, iuid, 2)))))
        .isEqualTo(Part10Files.sha256(changed));

    var records =
        ReceivedEvents.read(
            SharedStack.get().kafkaBootstrapServers(),
            Topics.INSTANCE_RECEIVED.topic(),
            Duration.ofSeconds(60),
            all -> all.stream().filter(r -> iuid.equals(subject(r))).count() >= 4);
    var mine = records.stream().filter(r -> iuid.equals(subject(r))).toList();
    assertThat(mine).hasSize(4);
    Set<String> ids = new HashSet<>();
    for (var r : mine) {
      ids.add(KafkaCloudEvents.get(r.headers(), KafkaCloudEvents.ID));
    }
    assertThat(ids).as("a duplicate is published with the original's event id").hasSize(2);
    var second =
        KafkaCloudEvents.fromRecord(
                mine.get(2), Topics.INSTANCE_RECEIVED.eventType(), InstanceReceived.class)
            .data();
    assertThat(second.isNewVersion()).isTrue();
    assertThat(second.object().version()).isEqualTo(2);
    assertThat(second.previousVersion().key()).isEqualTo(ObjectKeys.of(study, series, iuid, 1));
  }

  private byte[] readAll(String key) throws IOException {
    try (var in = store.get("protocol", key)) {
      return in.readAllBytes();
    }
  }

  private static String subject(ConsumerRecord<String, byte[]> r) {
    return KafkaCloudEvents.get(r.headers(), KafkaCloudEvents.SUBJECT);
  }

  @Test
  @Order(6)
  void aSenderThatAbortsMidObjectIsCountedAsSuchNotAsAStoreFailure() throws Exception {
    Path f = radiograph("abort", 128, 11);
    byte[] dataset = Part10Files.dataset(f);
    String iuid = DicomFile.readHeader(f).dataset().getString(Tag.SOPInstanceUID);
    try (DimseClient c = connect("MODALITY")) {
      assertThatThrownBy(
              () ->
                  c.store(
                      DX,
                      iuid,
                      TS,
                      Priority.MEDIUM,
                      out -> {
                        out.write(dataset, 0, dataset.length / 2);
                        out.flush();
                        c.association().abort();
                        throw new IOException("the modality was switched off");
                      }))
          .isInstanceOf(IOException.class);
    }
    long end = System.nanoTime() + 10_000_000_000L;
    String metrics = "";
    while (System.nanoTime() < end && !metrics.contains("cause=\"sender\"")) {
      Thread.sleep(200);
      metrics = given().when().get("/q/metrics").then().extract().asString();
    }
    assertThat(metrics).contains("roentgen_ingest_failures_total{cause=\"sender\"");
    assertThat(metrics).doesNotContain("cause=\"object_store\"");
  }

  @Test
  @Order(7)
  void healthAndMetricsTellWhatHappened() {
    given().when().get("/q/health/ready").then().statusCode(200).body(containsString("\"s3\""));
    given().when().get("/q/health/live").then().statusCode(200);
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("roentgen_ingest_instances_total{")
        .contains("outcome=\"stored\"")
        .contains("service=\"ingest\"")
        .contains("roentgen_ingest_failures_total{cause=\"malformed\"")
        .contains("roentgen_ingest_failures_total{cause=\"too_large\"")
        .contains("reason=\"calling_ae_title_not_recognized\"")
        .contains("roentgen_ingest_ack_latency_seconds_bucket")
        .contains("roentgen_ingest_dependency_latency_seconds_count{dependency=\"s3\"")
        .contains("roentgen_ingest_dependency_latency_seconds_count{dependency=\"kafka\"")
        .contains("roentgen_ingest_associations_active");
  }
}
