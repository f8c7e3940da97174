package org.roentgen.archive.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.archive.auth.Roles;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.Chromium;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.stack.SharedStack;

/**
 * The quarantine review on the real servers, through its web page in headless Chromium and its REST
 * API: a technologist corrects a held image's laterality and releases it (a new object version in
 * S3, the release published for the router, the index following); a reject keeps the image; a
 * viewer is refused every action.
 */
@QuarkusTest
@QuarkusTestResource(
    value = ArchiveResource.class,
    restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "scope", value = "review"))
class ArchiveReviewIT {
  static final String DATABASE = ArchiveResource.database("review");
  static final Map<Topics, String> TOPICS = ArchiveResource.topics("review");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path files;
  static ObjectStore store;
  static Producer<String, byte[]> producer;
  static PipelineEvents pipeline;
  static PipelineEvents.Stored corrected;
  static PipelineEvents.Stored rejected;
  static PipelineEvents.Stored untouched;

  @BeforeAll
  static void threeHeldImages() throws Exception {
    store = ArchiveResource.store();
    producer =
        new KafkaProducer<>(
            ProducerSettings.durable(
                SharedStack.get().kafkaBootstrapServers(),
                "archive-review-it",
                Duration.ofSeconds(30)));
    pipeline =
        new PipelineEvents(store, ArchiveResource.BUCKET, files.resolve("sent"), producer, TOPICS);
    corrected = held(60);
    rejected = held(62);
    untouched = held(64);
  }

  /** An image whose laterality contradicts its description, quarantined by the router. */
  private static PipelineEvents.Stored held(int index) throws Exception {
    Attributes ds = ClinicalRadiographs.image(index, 96, 64, 13);
    ds.setString(Tag.SeriesDescription, VR.LO, "HAND LEFT PA");
    ds.setString(Tag.ImageLaterality, VR.CS, "R");
    PipelineEvents.Stored s = pipeline.store(ds, 1, null);
    pipeline.received(s);
    pipeline.validated(s, InstanceValidated.Verdict.FAIL);
    pipeline.qc(s, InstanceValidated.Verdict.FAIL, InstanceQc.Verdict.PASS);
    pipeline.quarantined(s);
    return s;
  }

  @AfterAll
  static void close() {
    if (producer != null) {
      producer.close();
    }
    if (store != null) {
      store.close();
    }
  }

  static RequestSpecification as(String role) {
    return given().auth().preemptive().basic(role, ArchiveResource.password(role));
  }

  @BeforeEach
  void heldImagesAreIndexed() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String body =
          as(Roles.TECHNOLOGIST).queryParam("state", "all").get("/api/quarantine").asString();
      if (body.contains(corrected.sop())
          && body.contains(rejected.sop())
          && body.contains(untouched.sop())) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the held images were not indexed");
  }

  @Test
  void aTechnologistCorrectsTheLateralityAndReleasesInTheBrowser() throws Exception {
    try (Chromium chromium = Chromium.start(files.resolve("browser"));
        Chromium.Page page = chromium.newPage()) {
      page.open("http://127.0.0.1:" + RestAssured.port + "/ui/");
      page.type("#user", Roles.TECHNOLOGIST);
      page.type("#password", ArchiveResource.password(Roles.TECHNOLOGIST));
      page.click("#signin");
      String row = "#held tr[data-sop='" + corrected.sop() + "']";
      page.waitFor("document.querySelector(\"" + row + "\") !== null", Duration.ofSeconds(20));
      assertThat(page.text(row)).contains("validation verdict FAIL");
      page.click(row);
      page.waitFor("!document.querySelector('#detail').hidden", Duration.ofSeconds(20));
      assertThat(page.text("#findings")).contains("laterality.contradiction");
      assertThat(page.eval("document.querySelector('select[name=ImageLaterality]').value"))
          .isEqualTo("R");
      page.eval(
          "(() => { const s = document.querySelector('select[name=ImageLaterality]');"
              + " s.value = 'L'; s.dispatchEvent(new Event('change', {bubbles: true})); })()");
      page.type("#reason", "Lead marker on the image reads L; the hand is the left one.");
      page.click("#correct");
      page.waitFor("!document.querySelector('#message').hidden", Duration.ofSeconds(20));
      assertThat(page.text("#message"))
          .contains("Saved as version 2")
          .contains("ImageLaterality R");
      page.type("#reason", "Checked with the referring ward: diagnostic, send it on.");
      page.click("#release");
      page.waitFor(
          "document.querySelector('#message').innerText.startsWith('Released')",
          Duration.ofSeconds(20));
      assertThat(page.text("#message")).contains("Released version 2");
      page.screenshot(files.resolve("released.png"));
      assertThat(page.console()).as("the page's errors").noneMatch(l -> l.contains("exception"));
    }
    // The release on the topic: the corrected object, as the contract says.
    JsonNode event = released(corrected.sop());
    assertThat(ContractSchemas.violations(Topics.INSTANCE_RELEASED, event.toString())).isEmpty();
    assertThat(event.path("object").path("version").asInt()).isEqualTo(2);
    assertThat(event.path("newVersion").asBoolean()).isTrue();
    assertThat(event.path("previousVersion").path("key").asText())
        .isEqualTo(corrected.instance().object().key());
    assertThat(event.path("header").path("00200062").path("Value").path(0).asText()).isEqualTo("L");
    assertThat(event.path("release").path("releasedBy").asText()).isEqualTo(Roles.TECHNOLOGIST);
    assertThat(event.path("release").path("corrections").toString()).contains("ImageLaterality");
    assertThat(event.path("validation").path("verdict").asText()).isEqualTo("FAIL");
    // The new version in S3: the new value, the old one kept in the Original Attributes Sequence,
    // the pixels as they were.
    Path v2 = files.resolve("v2.dcm");
    try (var in =
        store.get(
            event.path("object").path("bucket").asText(),
            event.path("object").path("key").asText())) {
      Files.copy(in, v2);
    }
    assertThat(PipelineEvents.sha256(v2)).isEqualTo(event.path("object").path("sha256").asText());
    Attributes ds = DicomFile.read(v2).dataset();
    assertThat(ds.getString(Tag.ImageLaterality)).isEqualTo("L");
    Sequence original = ds.getSequence(Tag.OriginalAttributesSequence);
    assertThat(original).hasSize(1);
    assertThat(
            original
                .get(0)
                .getSequence(Tag.ModifiedAttributesSequence)
                .get(0)
                .getString(Tag.ImageLaterality))
        .isEqualTo("R");
    assertThat(original.get(0).getString(Tag.ReasonForTheAttributeModification))
        .isEqualTo("CORRECT");
    assertThat(ds.getBytes(Tag.PixelData)).isEqualTo(corrected.dataset().getBytes(Tag.PixelData));
    // The index follows the release it reads back: version 2, released by the technologist.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String state = "";
    while (System.nanoTime() < deadline) {
      try (Connection c = ArchiveResource.connect(DATABASE);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT i.object_version, q.released_by FROM instance i JOIN quarantine q"
                      + " ON q.sop_uid = i.sop_uid WHERE i.sop_uid = '"
                      + corrected.sop()
                      + "'")) {
        rs.next();
        state = rs.getInt(1) + " " + rs.getString(2);
      }
      if (state.equals("2 " + Roles.TECHNOLOGIST)) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(state).isEqualTo("2 " + Roles.TECHNOLOGIST);
    // A second release of the same instance is refused: it is no longer held.
    as(Roles.TECHNOLOGIST)
        .contentType("application/json")
        .body(Map.of("reason", "again"))
        .post("/api/quarantine/" + corrected.sop() + "/release")
        .then()
        .statusCode(409);
  }

  private static JsonNode released(String sop) throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.get().kafkaBootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-review-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TOPICS.get(Topics.INSTANCE_RELEASED)));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          JsonNode data = JSON.readTree(r.value());
          if (sop.equals(data.path("sopInstanceUid").asText())) {
            assertThat(KafkaCloudEvents.get(r.headers(), KafkaCloudEvents.TYPE))
                .isEqualTo(Topics.INSTANCE_RELEASED.eventType());
            return data;
          }
        }
      }
    }
    throw new AssertionError("no release of " + sop + " on the topic");
  }

  @Test
  void aRejectKeepsTheImageAndEndsTheReview() throws Exception {
    String path = "/api/quarantine/" + rejected.sop();
    as(Roles.TECHNOLOGIST)
        .contentType("application/json")
        .body(Map.of("reason", "patient moved", "rejectReason", "MOVED"))
        .post(path + "/reject")
        .then()
        .statusCode(400);
    as(Roles.TECHNOLOGIST)
        .contentType("application/json")
        .body(Map.of("reason", "patient moved during the exposure", "rejectReason", "MOTION"))
        .post(path + "/reject")
        .then()
        .statusCode(200);
    JsonNode d =
        JSON.readTree(as(Roles.TECHNOLOGIST).get(path).then().statusCode(200).extract().asString());
    assertThat(d.path("state").asText()).isEqualTo("REJECTED");
    assertThat(d.path("history").get(0).path("rejectReason").asText()).isEqualTo("MOTION");
    assertThat(store.exists(ArchiveResource.BUCKET, rejected.instance().object().key())).isTrue();
    as(Roles.TECHNOLOGIST)
        .contentType("application/json")
        .body(Map.of("reason", "changed my mind"))
        .post(path + "/release")
        .then()
        .statusCode(409);
    JsonNode held = JSON.readTree(as(Roles.TECHNOLOGIST).get("/api/quarantine").asString());
    List<String> sops = new ArrayList<>();
    held.forEach(n -> sops.add(n.path("sopInstanceUid").asText()));
    assertThat(sops).doesNotContain(rejected.sop());
    assertThat(given().get("/q/metrics").asString())
        .as("the reject counted by coded reason and station")
        .containsPattern(
            "roentgen_archive_rejects_total\\{reason=\"MOTION\",service=\"archive\",station=\""
                + station(rejected)
                + "\"} 1\\.0");
  }

  @Test
  void theQuarantineMetricsCountWhatIsHeldPerStationAndItsAge() throws Exception {
    // The untouched image stays held whatever the other tests do; the gauges are read from the
    // index every 200 ms here (archive.review.metrics-interval). Its station's reject counters
    // are there at zero before any reject.
    String held =
        "roentgen_archive_quarantine_held\\{service=\"archive\",station=\""
            + station(untouched)
            + "\"} ([0-9.]+)";
    String age =
        "roentgen_archive_quarantine_oldest_age_seconds\\{service=\"archive\",station=\""
            + station(untouched)
            + "\"} ([0-9.E]+)";
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String metrics = "";
    while (System.nanoTime() < deadline) {
      metrics = given().get("/q/metrics").asString();
      java.util.regex.Matcher h = java.util.regex.Pattern.compile(held).matcher(metrics);
      java.util.regex.Matcher a = java.util.regex.Pattern.compile(age).matcher(metrics);
      String zeroRejects =
          "roentgen_archive_rejects_total{reason=\"POSITIONING\",service=\"archive\",station=\""
              + station(untouched)
              + "\"} 0.0";
      if (h.find() && a.find() && metrics.contains(zeroRejects)) {
        assertThat(Double.parseDouble(h.group(1))).isBetween(1.0, 3.0);
        assertThat(Double.parseDouble(a.group(1))).isPositive();
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no quarantine gauges of " + station(untouched) + ": " + metrics);
  }

  /** The station label of a stored image: its StationName as a metric label. */
  private static String station(PipelineEvents.Stored s) {
    return org.roentgen.platform.metrics.MetricNames.tagValue(
        s.dataset().getString(Tag.StationName));
  }

  @Test
  void badCorrectionsAreRefusedClearly() {
    String path = "/api/quarantine/" + untouched.sop() + "/corrections";
    as(Roles.TECHNOLOGIST)
        .contentType("application/json")
        .body(Map.of("reason", "x", "changes", Map.of("ImageLaterality", "X")))
        .post(path)
        .then()
        .statusCode(400);
    as(Roles.TECHNOLOGIST)
        .contentType("application/json")
        .body(Map.of("reason", "x", "changes", Map.of("StudyInstanceUID", "1.2.3")))
        .post(path)
        .then()
        .statusCode(400);
    as(Roles.TECHNOLOGIST)
        .contentType("application/json")
        .body(Map.of("changes", Map.of("ImageLaterality", "L")))
        .post(path)
        .then()
        .statusCode(400);
    as(Roles.TECHNOLOGIST)
        .contentType("application/json")
        .body(Map.of("reason", "x", "changes", Map.of("ImageLaterality", "L")))
        .post("/api/quarantine/1.2.3.4.5/corrections")
        .then()
        .statusCode(404);
  }

  @Test
  void aViewerIsRefusedEveryActionInTheBrowserAndByRest() throws Exception {
    String path = "/api/quarantine/" + untouched.sop();
    as(Roles.VIEWER).get("/api/quarantine").then().statusCode(403);
    as(Roles.VIEWER).get(path).then().statusCode(403);
    as(Roles.VIEWER)
        .contentType("application/json")
        .body(Map.of("reason", "x", "changes", Map.of("ImageLaterality", "L")))
        .post(path + "/corrections")
        .then()
        .statusCode(403);
    as(Roles.VIEWER)
        .contentType("application/json")
        .body(Map.of("reason", "x"))
        .post(path + "/release")
        .then()
        .statusCode(403);
    as(Roles.VIEWER)
        .contentType("application/json")
        .body(Map.of("reason", "x", "rejectReason", "OTHER"))
        .post(path + "/reject")
        .then()
        .statusCode(403);
    try (Chromium chromium = Chromium.start(files.resolve("viewer-browser"));
        Chromium.Page page = chromium.newPage()) {
      page.open("http://127.0.0.1:" + RestAssured.port + "/ui/");
      page.type("#user", Roles.VIEWER);
      page.type("#password", ArchiveResource.password(Roles.VIEWER));
      page.click("#signin");
      page.waitFor("!document.querySelector('#error').hidden", Duration.ofSeconds(20));
      assertThat(page.text("#error")).contains("may not review");
      assertThat(
              ((Number) page.eval("document.querySelectorAll('#held tbody tr').length")).intValue())
          .isZero();
    }
    JsonNode d = JSON.readTree(as(Roles.TECHNOLOGIST).get(path).asString());
    assertThat(d.path("state").asText()).isEqualTo("HELD");
    assertThat(d.path("history")).isEmpty();
  }
}
