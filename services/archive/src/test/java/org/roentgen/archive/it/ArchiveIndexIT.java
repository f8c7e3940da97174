package org.roentgen.archive.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.roentgen.archive.auth.Roles;
import org.roentgen.archive.index.IndexedEvent;
import org.roentgen.archive.index.Indexer;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReleased;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
import org.roentgen.dicom.testkit.OrthancServer;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.stack.SharedStack;

/**
 * The archive on the real servers (Kafka, S3Proxy, PostgreSQL): the pipeline's events for three
 * studies of generated radiographs build the index, one instance quarantined, corrected and
 * released; QIDO-RS and WADO-RS answers are checked against the data sets sent; a replay of the
 * topics from offset zero, in another order, builds the same index; and Orthanc's DICOMweb client
 * retrieves an instance byte for byte.
 */
@QuarkusTest
@QuarkusTestResource(
    value = ArchiveResource.class,
    restrictToAnnotatedClass = true,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "scope", value = "index"))
class ArchiveIndexIT {
  static final String DATABASE = ArchiveResource.database("index");
  static final Map<Topics, String> TOPICS = ArchiveResource.topics("index");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int IMAGES = 6;
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

  @TempDir static Path files;

  static ObjectStore store;
  static Producer<String, byte[]> producer;
  static PipelineEvents pipeline;
  static final List<PipelineEvents.Stored> stored = new ArrayList<>();
  static PipelineEvents.Stored held;
  static PipelineEvents.Stored corrected;
  static int events;

  @BeforeAll
  static void publishThePipelinesEvents() throws Exception {
    // Every request of this test as a viewer, unless it says otherwise.
    io.restassured.RestAssured.authentication =
        io.restassured.RestAssured.preemptive()
            .basic(Roles.VIEWER, ArchiveResource.password(Roles.VIEWER));
    store = ArchiveResource.store();
    producer =
        new KafkaProducer<>(
            ProducerSettings.durable(
                SharedStack.get().kafkaBootstrapServers(), "archive-it", Duration.ofSeconds(30)));
    pipeline =
        new PipelineEvents(store, ArchiveResource.BUCKET, files.resolve("sent"), producer, TOPICS);
    for (int i = 0; i < IMAGES; i++) {
      Attributes ds = ClinicalRadiographs.image(i, 128, 96, 7);
      // Study k was taken on 1 + k November: the date range tests pick studies by day.
      LocalDate day = LocalDate.of(2026, 11, 1 + i / ClinicalRadiographs.IMAGES_PER_STUDY);
      ds.setString(Tag.StudyDate, VR.DA, day.format(DA));
      stored.add(pipeline.store(ds, 1, null));
    }
    held = stored.get(3);
    for (PipelineEvents.Stored s : stored) {
      // The held instance's laterality contradicts its description: validation FAIL.
      InstanceValidated.Verdict verdict =
          s == held ? InstanceValidated.Verdict.FAIL : InstanceValidated.Verdict.PASS;
      pipeline.received(s);
      pipeline.validated(s, verdict);
      pipeline.qc(s, verdict, InstanceQc.Verdict.PASS);
      events += 3;
    }
    for (PipelineEvents.Stored s : stored) {
      if (s != held) {
        pipeline.delivered(s, "pacs", null);
        events++;
      }
    }
    String quarantine = pipeline.quarantined(held);
    Attributes fixed = DicomFile.read(held.file()).dataset();
    fixed.setString(
        Tag.ImageLaterality, VR.CS, "L".equals(fixed.getString(Tag.ImageLaterality)) ? "R" : "L");
    corrected = pipeline.store(fixed, 2, held.instance().object());
    InstanceReleased.Release release = pipeline.release(quarantine);
    pipeline.released(corrected, release);
    pipeline.delivered(corrected, "pacs", release);
    events += 3;
    awaitIndexed(events);
  }

  @AfterAll
  static void close() {
    io.restassured.RestAssured.authentication = io.restassured.RestAssured.DEFAULT_AUTH;
    if (producer != null) {
      producer.close();
    }
    if (store != null) {
      store.close();
    }
  }

  static void awaitIndexed(int count) throws Exception {
    IndexedTopics.awaitIndexed(DATABASE, count);
  }

  // ---- the index ----------------------------------------------------------------------------

  @Test
  void theEventsBuildTheIndex() throws Exception {
    try (Connection c = ArchiveResource.connect(DATABASE);
        Statement s = c.createStatement()) {
      assertThat(count(s, "SELECT count(*) FROM study")).isEqualTo(3);
      assertThat(count(s, "SELECT count(*) FROM instance")).isEqualTo(IMAGES);
      assertThat(count(s, "SELECT count(*) FROM object_version")).isEqualTo(IMAGES + 1);
      assertThat(count(s, "SELECT count(*) FROM validation WHERE verdict = 'PASS'"))
          .isEqualTo(IMAGES - 1);
      assertThat(count(s, "SELECT count(*) FROM qc WHERE verdict = 'PASS'")).isEqualTo(IMAGES);
      assertThat(count(s, "SELECT count(*) FROM delivery WHERE outcome = 'DELIVERED'"))
          .isEqualTo(IMAGES);
      try (ResultSet rs =
          s.executeQuery(
              "SELECT q.held_at IS NOT NULL, q.released_by, q.released_version, i.object_version,"
                  + " i.header #>> '{00200062,Value,0}', d.released"
                  + " FROM quarantine q JOIN instance i ON i.sop_uid = q.sop_uid"
                  + " JOIN delivery d ON d.sop_uid = q.sop_uid AND d.outcome = 'DELIVERED'"
                  + " WHERE q.sop_uid = '"
                  + held.sop()
                  + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).isTrue();
        assertThat(rs.getString(2)).isEqualTo("tech.it");
        assertThat(rs.getInt(3)).isEqualTo(2);
        assertThat(rs.getInt(4)).isEqualTo(2);
        assertThat(rs.getString(5)).isEqualTo(corrected.dataset().getString(Tag.ImageLaterality));
        assertThat(rs.getBoolean(6)).isTrue();
      }
      for (PipelineEvents.Stored st : stored) {
        Attributes ds = st.dataset();
        try (ResultSet rs =
            s.executeQuery(
                "SELECT kvp, mas, ei, tei, di, station, protocol FROM dose WHERE sop_uid = '"
                    + st.sop()
                    + "'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getDouble(1)).isEqualTo(Double.parseDouble(ds.getString(Tag.KVP)));
          assertThat(rs.getDouble(3))
              .isEqualTo(Double.parseDouble(ds.getString(Tag.ExposureIndex)));
          assertThat(rs.getDouble(5))
              .isEqualTo(Double.parseDouble(ds.getString(Tag.DeviationIndex)));
          assertThat(rs.getString(6)).isEqualTo(ds.getString(Tag.StationName));
          assertThat(rs.getString(7)).isEqualTo(ds.getString(Tag.ProtocolName));
        }
      }
    }
  }

  @Test
  void aRedeliveredEventChangesNothing() throws Exception {
    Map<String, List<String>> before;
    try (Connection c = ArchiveResource.connect(DATABASE)) {
      before = IndexSnapshot.of(c);
    }
    double duplicates = duplicates();
    String id = UUID.randomUUID().toString();
    PipelineEvents.Stored s = stored.get(0);
    // First under a new id (applied: the same facts again), then the same id again (skipped).
    pipeline.republish(Topics.INSTANCE_RECEIVED, s, id, s.instance());
    awaitIndexed(events + 1);
    pipeline.republish(Topics.INSTANCE_RECEIVED, s, id, s.instance());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (duplicates() < duplicates + 1 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(duplicates()).isEqualTo(duplicates + 1);
    try (Connection c = ArchiveResource.connect(DATABASE)) {
      Map<String, List<String>> after = IndexSnapshot.of(c);
      after.get("processed_event").removeIf(r -> r.contains(id));
      assertThat(after).isEqualTo(before);
    }
    events++;
  }

  private static double duplicates() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith("roentgen_archive_events_indexed_total"))
        .filter(l -> l.contains("result=\"duplicate\"") && l.contains("topic=\"received\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void aReplayFromOffsetZeroInAnotherOrderBuildsTheSameIndex() throws Exception {
    String database = "archive_replay_" + ArchiveResource.RUN;
    ArchiveResource.createDatabase(database);
    SharedStack stack = SharedStack.get();
    Flyway.configure()
        .dataSource(
            ArchiveResource.jdbcUrl(database), stack.postgresUser(), stack.postgresPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(ArchiveResource.jdbcUrl(database));
    ds.setUser(stack.postgresUser());
    ds.setPassword(stack.postgresPassword());
    Indexer replay = new Indexer(ds);
    // The topics in reverse pipeline order: deliveries and releases before their receipts.
    List<Topics> order =
        List.of(
            Topics.INSTANCE_RELEASED,
            Topics.INSTANCE_DELIVERY,
            Topics.INSTANCE_QC,
            Topics.INSTANCE_VALIDATED,
            Topics.INSTANCE_RECEIVED);
    Map<Topics, IndexedEvent.Kind> kinds =
        Map.of(
            Topics.INSTANCE_RECEIVED, IndexedEvent.Kind.RECEIVED,
            Topics.INSTANCE_VALIDATED, IndexedEvent.Kind.VALIDATED,
            Topics.INSTANCE_QC, IndexedEvent.Kind.QC,
            Topics.INSTANCE_DELIVERY, IndexedEvent.Kind.DELIVERY,
            Topics.INSTANCE_RELEASED, IndexedEvent.Kind.RELEASED);
    int applied = 0;
    for (Topics t : order) {
      for (ConsumerRecord<String, byte[]> r : IndexedTopics.readAll(TOPICS.get(t))) {
        replay.apply(IndexedEvent.fromRecord(r, kinds.get(t), t.eventType()));
        applied++;
      }
    }
    assertThat(applied).isGreaterThanOrEqualTo(events);
    try (Connection live = ArchiveResource.connect(DATABASE);
        Connection rebuilt = ArchiveResource.connect(database)) {
      assertThat(IndexSnapshot.of(rebuilt)).isEqualTo(IndexSnapshot.of(live));
    }
  }

  private static int count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  // ---- QIDO-RS ------------------------------------------------------------------------------

  private static JsonNode qido(String path, Map<String, ?> params) throws Exception {
    Response r =
        given().queryParams(params).accept("application/dicom+json").get("/dicomweb" + path);
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    return JSON.readTree(r.asString());
  }

  private static Set<String> values(JsonNode results, int tag) {
    Set<String> out = new TreeSet<>();
    for (JsonNode r : results) {
      JsonNode v = r.path(String.format("%08X", tag)).path("Value").path(0);
      out.add(v.isObject() ? v.path("Alphabetic").asText() : v.asText());
    }
    return out;
  }

  private static Set<String> studies(int... indexes) {
    Set<String> out = new TreeSet<>();
    for (int i : indexes) {
      out.add(stored.get(i).study());
    }
    return out;
  }

  @Test
  void studySearchReturnsWhatWasSent() throws Exception {
    JsonNode all = qido("/studies", Map.of());
    assertThat(all).hasSize(3);
    for (JsonNode r : all) {
      String uid = r.path("0020000D").path("Value").path(0).asText();
      List<PipelineEvents.Stored> of = stored.stream().filter(s -> s.study().equals(uid)).toList();
      Attributes ds = of.get(0).dataset();
      assertThat(r.path("00100010").path("Value").path(0).path("Alphabetic").asText())
          .isEqualTo(ds.getString(Tag.PatientName));
      assertThat(r.path("00100020").path("Value").path(0).asText())
          .isEqualTo(ds.getString(Tag.PatientID));
      assertThat(r.path("00080020").path("Value").path(0).asText())
          .isEqualTo(ds.getString(Tag.StudyDate));
      assertThat(r.path("00080050").path("Value").path(0).asText())
          .isEqualTo(ds.getString(Tag.AccessionNumber));
      assertThat(r.path("00201208").path("Value").path(0).asInt()).isEqualTo(of.size());
      Set<String> modalities = new TreeSet<>();
      of.forEach(s -> modalities.add(s.dataset().getString(Tag.Modality)));
      Set<String> returned = new TreeSet<>();
      r.path("00080061").path("Value").forEach(v -> returned.add(v.asText()));
      assertThat(returned).isEqualTo(modalities);
      assertThat(r.path("00081190").path("Value").path(0).asText()).endsWith("/studies/" + uid);
    }
  }

  @Test
  void studySearchMatchesAsTheStandardSays() throws Exception {
    Attributes first = stored.get(0).dataset();
    String name = first.getString(Tag.PatientName);
    // Person names: case-insensitive, with wildcards.
    assertThat(
            values(
                qido("/studies", Map.of("PatientName", name.toLowerCase())), Tag.StudyInstanceUID))
        .isEqualTo(studies(0));
    assertThat(
            values(
                qido("/studies", Map.of("PatientName", name.substring(0, 3).toLowerCase() + "*")),
                Tag.StudyInstanceUID))
        .contains(stored.get(0).study());
    assertThat(
            values(
                qido("/studies", Map.of("00100020", first.getString(Tag.PatientID))),
                Tag.StudyInstanceUID))
        .isEqualTo(studies(0));
    // Date ranges, open and closed.
    assertThat(
            values(
                qido("/studies", Map.of("StudyDate", "20261102-20261103")), Tag.StudyInstanceUID))
        .isEqualTo(studies(2, 4));
    assertThat(values(qido("/studies", Map.of("StudyDate", "-20261101")), Tag.StudyInstanceUID))
        .isEqualTo(studies(0));
    assertThat(values(qido("/studies", Map.of("StudyDate", "20261103-")), Tag.StudyInstanceUID))
        .isEqualTo(studies(4));
    // UID lists, comma or backslash separated.
    assertThat(
            values(
                qido(
                    "/studies",
                    Map.of(
                        "StudyInstanceUID", stored.get(0).study() + "," + stored.get(4).study())),
                Tag.StudyInstanceUID))
        .isEqualTo(studies(0, 4));
    assertThat(
            values(
                qido(
                    "/studies",
                    Map.of(
                        "StudyInstanceUID", stored.get(2).study() + "\\" + stored.get(4).study())),
                Tag.StudyInstanceUID))
        .isEqualTo(studies(2, 4));
    // Modalities in study.
    String modality = first.getString(Tag.Modality);
    Set<String> withModality = new TreeSet<>();
    stored.stream()
        .filter(s -> s.dataset().getString(Tag.Modality).equals(modality))
        .forEach(s -> withModality.add(s.study()));
    assertThat(
            values(qido("/studies", Map.of("ModalitiesInStudy", modality)), Tag.StudyInstanceUID))
        .isEqualTo(withModality);
    // Accession number, exact and by wildcard.
    String accession = first.getString(Tag.AccessionNumber);
    assertThat(values(qido("/studies", Map.of("AccessionNumber", accession)), Tag.StudyInstanceUID))
        .isEqualTo(studies(0));
    assertThat(
            values(
                qido(
                    "/studies",
                    Map.of(
                        "AccessionNumber", accession.substring(0, accession.length() - 1) + "?")),
                Tag.StudyInstanceUID))
        .contains(stored.get(0).study());
    // Nothing matches: an empty array.
    assertThat(qido("/studies", Map.of("PatientID", "NO-SUCH-PATIENT"))).isEmpty();
  }

  @Test
  void limitOffsetAndIncludefield() throws Exception {
    List<String> all = new ArrayList<>();
    qido("/studies", Map.of())
        .forEach(r -> all.add(r.path("0020000D").path("Value").path(0).asText()));
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 3; offset++) {
      JsonNode page = qido("/studies", Map.of("limit", 1, "offset", offset));
      assertThat(page).hasSize(1);
      paged.add(page.get(0).path("0020000D").path("Value").path(0).asText());
    }
    assertThat(paged).isEqualTo(all);
    assertThat(qido("/studies", Map.of("offset", 3))).isEmpty();
    // includefield by keyword and by tag: attributes the index keeps only in headers.
    JsonNode r =
        qido(
                "/studies",
                Map.of(
                    "StudyInstanceUID",
                    stored.get(0).study(),
                    "includefield",
                    "InstitutionName,00101010"))
            .get(0);
    assertThat(r.path("00080080").path("Value").path(0).asText())
        .isEqualTo(stored.get(0).dataset().getString(Tag.InstitutionName));
    assertThat(r.has("00101010")).isTrue();
    // Fuzzy matching is not done: literal matching, with a warning.
    Response fuzzy = given().queryParam("fuzzymatching", "true").get("/dicomweb/studies");
    assertThat(fuzzy.statusCode()).isEqualTo(200);
    assertThat(fuzzy.header("Warning")).contains("fuzzymatching");
    // Unknown attributes and bad numbers are refused clearly.
    given().queryParam("NoSuchKeyword", "x").get("/dicomweb/studies").then().statusCode(400);
    given().queryParam("limit", "ten").get("/dicomweb/studies").then().statusCode(400);
    given().queryParam("StudyDate", "-").get("/dicomweb/studies").then().statusCode(400);
  }

  @Test
  void seriesAndInstanceSearch() throws Exception {
    PipelineEvents.Stored s = stored.get(0);
    JsonNode series = qido("/studies/" + s.study() + "/series", Map.of());
    Set<String> expected = new TreeSet<>();
    stored.stream().filter(x -> x.study().equals(s.study())).forEach(x -> expected.add(x.series()));
    assertThat(values(series, Tag.SeriesInstanceUID)).isEqualTo(expected);
    JsonNode one = series.get(0);
    assertThat(one.path("00201209").path("Value").path(0).asInt()).isPositive();
    JsonNode byModality = qido("/series", Map.of("Modality", s.dataset().getString(Tag.Modality)));
    assertThat(values(byModality, Tag.SeriesInstanceUID)).contains(s.series());
    // Instances: by UID, with the image attributes from the header.
    JsonNode instances =
        qido("/studies/" + s.study() + "/series/" + s.series() + "/instances", Map.of());
    assertThat(values(instances, Tag.SOPInstanceUID)).contains(s.sop());
    JsonNode bySop = qido("/instances", Map.of("SOPInstanceUID", s.sop()));
    assertThat(bySop).hasSize(1);
    assertThat(bySop.get(0).path("00280010").path("Value").path(0).asInt())
        .isEqualTo(s.dataset().getInt(Tag.Rows, 0));
    assertThat(bySop.get(0).path("00081190").path("Value").path(0).asText())
        .endsWith("/studies/" + s.study() + "/series/" + s.series() + "/instances/" + s.sop());
    // An attribute the index keeps only in headers still matches.
    String protocol = s.dataset().getString(Tag.ProtocolName);
    Set<String> sameProtocol = new TreeSet<>();
    stored.stream()
        .filter(x -> protocol.equals(x.dataset().getString(Tag.ProtocolName)))
        .forEach(x -> sameProtocol.add(x.sop()));
    assertThat(values(qido("/instances", Map.of("ProtocolName", protocol)), Tag.SOPInstanceUID))
        .isEqualTo(sameProtocol);
    assertThat(values(qido("/studies", Map.of("ProtocolName", protocol)), Tag.StudyInstanceUID))
        .contains(s.study());
  }

  // ---- WADO-RS ------------------------------------------------------------------------------

  @Test
  void instancesAreRetrievedByteForByte() throws Exception {
    for (PipelineEvents.Stored s : stored) {
      Response r =
          given()
              .accept("multipart/related; type=\"application/dicom\"")
              .get(
                  "/dicomweb/studies/"
                      + s.study()
                      + "/series/"
                      + s.series()
                      + "/instances/"
                      + s.sop());
      assertThat(r.statusCode()).isEqualTo(200);
      List<Multipart.Part> parts = Multipart.parse(r.contentType(), r.asByteArray());
      assertThat(parts).hasSize(1);
      Path expected = s == held ? corrected.file() : s.file();
      assertThat(parts.get(0).body()).isEqualTo(Files.readAllBytes(expected));
      assertThat(parts.get(0).headers().get("content-type")).startsWith("application/dicom");
    }
    // A whole study: every instance once, each whole.
    PipelineEvents.Stored s = stored.get(0);
    Response r = given().get("/dicomweb/studies/" + s.study());
    List<Multipart.Part> parts = Multipart.parse(r.contentType(), r.asByteArray());
    List<byte[]> expected = new ArrayList<>();
    for (PipelineEvents.Stored x : stored) {
      if (x.study().equals(s.study())) {
        expected.add(Files.readAllBytes(x.file()));
      }
    }
    assertThat(parts).hasSize(expected.size());
    for (Multipart.Part p : parts) {
      assertThat(expected.stream().anyMatch(e -> Arrays.equals(e, p.body()))).isTrue();
    }
    given().get("/dicomweb/studies/1.2.3.4.5.6.7.8.9").then().statusCode(404);
    given().accept("image/jpeg").get("/dicomweb/studies/" + s.study()).then().statusCode(406);
  }

  @Test
  void metadataAndFrames() throws Exception {
    PipelineEvents.Stored s = stored.get(1);
    String base =
        "/dicomweb/studies/" + s.study() + "/series/" + s.series() + "/instances/" + s.sop();
    JsonNode meta = qido(base.substring("/dicomweb".length()) + "/metadata", Map.of());
    assertThat(meta).hasSize(1);
    JsonNode h = meta.get(0);
    for (var e : (Iterable<Map.Entry<String, JsonNode>>) s.instance().header()::fields) {
      assertThat(h.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
    String uri = h.path("7FE00010").path("BulkDataURI").asText();
    assertThat(uri).endsWith(base + "/frames/1");
    Response r = given().get(base + "/frames/1");
    assertThat(r.statusCode()).isEqualTo(200);
    List<Multipart.Part> parts = Multipart.parse(r.contentType(), r.asByteArray());
    assertThat(parts).hasSize(1);
    assertThat(parts.get(0).body()).isEqualTo(s.dataset().getBytes(Tag.PixelData));
    given().get(base + "/frames/2").then().statusCode(400);
  }

  @Test
  void renderedImagesFollowTheWindow() throws Exception {
    PipelineEvents.Stored s = stored.get(0);
    Attributes ds = s.dataset();
    String base =
        "/dicomweb/studies/" + s.study() + "/series/" + s.series() + "/instances/" + s.sop();
    int rows = ds.getInt(Tag.Rows, 0);
    int cols = ds.getInt(Tag.Columns, 0);
    byte[] png =
        given()
            .accept("image/png")
            .queryParam("window", "2000,1000")
            .get(base + "/rendered")
            .then()
            .statusCode(200)
            .contentType("image/png")
            .extract()
            .asByteArray();
    java.awt.image.BufferedImage img =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    assertThat(img.getWidth()).isEqualTo(cols);
    assertThat(img.getHeight()).isEqualTo(rows);
    // PS3.3 C.11.2.1.2.1 on the stored values (slope 1, intercept 0 in these images).
    byte[] pixels = ds.getBytes(Tag.PixelData);
    boolean invert = "MONOCHROME1".equals(ds.getString(Tag.PhotometricInterpretation));
    for (int i = 0; i < rows * cols; i += 997) {
      int v = (pixels[2 * i] & 0xFF) | ((pixels[2 * i + 1] & 0xFF) << 8);
      double scaled = v * ds.getDouble(Tag.RescaleSlope, 1) + ds.getDouble(Tag.RescaleIntercept, 0);
      int expected;
      if (scaled <= 2000 - 0.5 - 999 / 2.0) {
        expected = 0;
      } else if (scaled > 2000 - 0.5 + 999 / 2.0) {
        expected = 255;
      } else {
        expected = (int) Math.round(((scaled - 1999.5) / 999 + 0.5) * 255);
      }
      if (invert) {
        expected = 255 - expected;
      }
      int got = img.getRaster().getSample(i % cols, i / cols, 0);
      assertThat(got).as("pixel " + i).isEqualTo(expected);
    }
    byte[] jpeg =
        given()
            .queryParam("viewport", "48,48")
            .get(base + "/rendered")
            .then()
            .statusCode(200)
            .contentType("image/jpeg")
            .extract()
            .asByteArray();
    java.awt.image.BufferedImage small =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
    assertThat(Math.max(small.getWidth(), small.getHeight())).isEqualTo(48);
    given().accept("application/pdf").get(base + "/rendered").then().statusCode(406);
    given().queryParam("window", "1,0").get(base + "/rendered").then().statusCode(400);
  }

  @Test
  void orthancsDicomwebClientRetrievesAnInstanceByteForByte() throws Exception {
    PipelineEvents.Stored s = stored.get(2);
    int port = io.restassured.RestAssured.port;
    Map<String, Object> config = new HashMap<>();
    config.put("Plugins", List.of(OrthancServer.DICOMWEB_PLUGIN.toString()));
    config.put(
        "DicomWeb",
        Map.of(
            "Enable",
            true,
            "Root",
            "/dicom-web/",
            "Servers",
            Map.of(
                "roentgen",
                List.of(
                    "http://127.0.0.1:" + port + "/dicomweb/",
                    Roles.VIEWER,
                    ArchiveResource.password(Roles.VIEWER)))));
    try (OrthancServer orthanc =
        OrthancServer.start(files.resolve("orthanc"), "ORTHANC", List.of(), config)) {
      orthanc.postJson(
          "/dicom-web/servers/roentgen/retrieve",
          Map.of(
              "Resources",
              List.of(
                  Map.of(
                      "Study", s.study(),
                      "Series", s.series(),
                      "Instance", s.sop()))));
      List<String> found = orthanc.find("Instance", Map.of("SOPInstanceUID", s.sop()));
      assertThat(found).as(orthanc.log()).hasSize(1);
      assertThat(orthanc.instanceFile(found.get(0))).isEqualTo(Files.readAllBytes(s.file()));
    }
  }
}
