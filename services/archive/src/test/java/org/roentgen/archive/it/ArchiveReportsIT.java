package org.roentgen.archive.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.archive.it.ReportTables.assertRows;
import static org.roentgen.archive.it.ReportTables.assertTable;
import static org.roentgen.archive.it.ReportsDataSet.STATIONS;
import static org.roentgen.archive.it.ReportsExpected.ACTION_HIGH;
import static org.roentgen.archive.it.ReportsExpected.ACTION_LOW;
import static org.roentgen.archive.it.ReportsExpected.DOSE_COLUMNS;
import static org.roentgen.archive.it.ReportsExpected.EXAM_COLUMNS;
import static org.roentgen.archive.it.ReportsExpected.LABELING_COLUMNS;
import static org.roentgen.archive.it.ReportsExpected.REJECT_COLUMNS;
import static org.roentgen.archive.it.ReportsExpected.TARGET;
import static org.roentgen.archive.it.ReportsExpected.doseSummary;
import static org.roentgen.archive.it.ReportsExpected.examRows;
import static org.roentgen.archive.it.ReportsExpected.exposures;
import static org.roentgen.archive.it.ReportsExpected.labelingRows;
import static org.roentgen.archive.it.ReportsExpected.rejectRows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.archive.auth.Roles;
import org.roentgen.archive.it.ReportsDataSet.Sent;
import org.roentgen.dicom.data.Tag;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.stack.SharedStack;

/**
 * The QA reports on the real servers: a generated department (24 studies of CR, DX and MG, 48 views
 * and 5 retakes, across three rooms and six days, deviation indices inside and outside the TG-116
 * levels, QC and validation findings, reviewer rejects and releases) goes through the pipeline's
 * topics into the index; every number of every report, as JSON and as CSV, is checked against what
 * this test computes from the data sets it sent.
 */
@QuarkusTest
@QuarkusTestResource(
    value = ArchiveResource.class,
    restrictToAnnotatedClass = true,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "scope", value = "reports"))
class ArchiveReportsIT {
  static final String DATABASE = ArchiveResource.database("reports");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path files;
  static ObjectStore store;
  static Producer<String, byte[]> producer;
  static List<Sent> sent;

  @BeforeAll
  static void publishADepartmentsWeek() throws Exception {
    store = ArchiveResource.store();
    producer =
        new KafkaProducer<>(
            ProducerSettings.durable(
                SharedStack.get().kafkaBootstrapServers(),
                "archive-reports-it",
                Duration.ofSeconds(30)));
    PipelineEvents pipeline =
        new PipelineEvents(
            store, ArchiveResource.BUCKET, files, producer, ArchiveResource.topics("reports"));
    sent = ReportsDataSet.generate(files);
    awaitIndexed(ReportsDataSet.publish(pipeline, sent));
    // The review service is not built yet: its records, as it would write them.
    ReportsDataSet.recordReviews(DATABASE, sent);
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

  // ---- the dose report ------------------------------------------------------------------------

  @Test
  void theDoseReportHasEveryStationAndProtocolWithItsMediansAndShares() throws Exception {
    // Every image but one (no exposure values at all) is an exposure.
    assertThat(exposures(sent)).hasSize(sent.size() - 1);
    JsonNode json = getJson("/api/reports/dose", Map.of());
    assertThat(json.path("report").asText()).isEqualTo("dose");
    assertThat(json.path("diActionLow").asDouble()).isEqualTo(ACTION_LOW);
    assertThat(json.path("diActionHigh").asDouble()).isEqualTo(ACTION_HIGH);
    assertThat(json.path("diTarget").asDouble()).isEqualTo(TARGET);
    assertThat(json.path("from").isNull()).isTrue();
    List<List<Object>> expected = doseSummary(sent);
    // Beyond the action levels: -3.5, 3.2, 3.01, 4.5, -4.1 (-3.0 is on the level: inside).
    assertThat(expected.stream().mapToLong(r -> (Long) r.get(9)).sum()).isEqualTo(5);
    // Outside the target range: those, -1.5 (and its retake), 2.0, -3.0, -2.2 (1.0 is inside).
    assertThat(expected.stream().mapToLong(r -> (Long) r.get(11)).sum()).isEqualTo(10);
    assertTable("dose", json, getCsv("/api/reports/dose", Map.of(), true), DOSE_COLUMNS, expected);
  }

  @Test
  void theDoseReportTakesAPeriodAStationAndAModality() throws Exception {
    Map<String, String> period = Map.of("from", "20261102", "to", "20261104");
    Predicate<Sent> inPeriod =
        s -> s.studyDate().compareTo("20261102") >= 0 && s.studyDate().compareTo("20261104") <= 0;
    assertTable(
        "dose in a period",
        getJson("/api/reports/dose", period),
        getCsv("/api/reports/dose", period, false),
        DOSE_COLUMNS,
        doseSummary(sent.stream().filter(inPeriod).toList()));
    Map<String, String> room = Map.of("station", STATIONS.get(2), "modality", "DX");
    List<Sent> dxInRoom =
        sent.stream()
            .filter(s -> STATIONS.get(2).equals(s.station()))
            .filter(s -> "DX".equals(s.ds.getString(Tag.Modality)))
            .toList();
    assertThat(dxInRoom).isNotEmpty();
    JsonNode json = getJson("/api/reports/dose", room);
    assertThat(json.path("station").asText()).isEqualTo(STATIONS.get(2));
    assertTable(
        "dose of a room's DX",
        json,
        getCsv("/api/reports/dose", room, true),
        DOSE_COLUMNS,
        doseSummary(dxInRoom));
    // A dose-area product only where the headers have one (DX here).
    for (JsonNode row : json.path("rows")) {
      assertThat(row.path("dapMedian").isNumber()).isTrue();
    }
  }

  @Test
  void theExamListingIsTheDoseRegistryRowByRow() throws Exception {
    List<List<Object>> expected = examRows(sent);
    assertTable(
        "exams",
        getJson("/api/reports/dose/exams", Map.of()),
        getCsv("/api/reports/dose/exams", Map.of(), false),
        EXAM_COLUMNS,
        expected);
    Instant before = Instant.now().minusSeconds(1);
    JsonNode page = getJson("/api/reports/dose/exams", Map.of("offset", "5", "limit", "7"));
    assertThat(page.path("offset").asInt()).isEqualTo(5);
    assertThat(page.path("limit").asInt()).isEqualTo(7);
    assertRows("a page of exams", page.path("rows"), EXAM_COLUMNS, expected.subList(5, 12));
    // The listing names instances: its audit record names them too, as an export.
    try (Connection c = ArchiveResource.connect(DATABASE);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT event_id, sop_uids, study_uids, patient_ids, details::text FROM audit_event"
                    + " WHERE operation = 'GET /api/reports/dose/exams' AND at >= ?"
                    + " ORDER BY id DESC LIMIT 1")) {
      ps.setTimestamp(1, Timestamp.from(before));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("110106");
        assertThat(List.of((String[]) rs.getArray(2).getArray()))
            .containsExactlyInAnyOrderElementsOf(
                expected.subList(5, 12).stream().map(r -> (String) r.get(1)).toList());
        assertThat((String[]) rs.getArray(3).getArray()).isNotEmpty();
        assertThat((String[]) rs.getArray(4).getArray()).isNotEmpty();
        assertThat(rs.getString(5)).contains("\"report\": \"dose-exams\"");
      }
    }
  }

  // ---- the reject and repeat analysis -----------------------------------------------------------

  @Test
  void theRejectAnalysisCountsRejectsByRoomAndReasonAndTheRetakes() throws Exception {
    List<List<Object>> expected = rejectRows(sent);
    long rejected =
        expected.stream().filter(r -> "ALL".equals(r.get(5))).mapToLong(r -> (Long) r.get(7)).sum();
    assertThat(rejected)
        .isEqualTo(sent.stream().filter(s -> s.reject != null).count())
        .isEqualTo(13);
    long repeats =
        expected.stream().filter(r -> "ALL".equals(r.get(5))).mapToLong(r -> (Long) r.get(2)).sum();
    assertThat(repeats).isEqualTo(4);
    JsonNode json = getJson("/api/reports/rejects", Map.of());
    assertThat(json.path("report").asText()).isEqualTo("rejects");
    assertTable(
        "rejects", json, getCsv("/api/reports/rejects", Map.of(), true), REJECT_COLUMNS, expected);
    Map<String, String> one = Map.of("station", STATIONS.get(0), "to", "20261103");
    assertTable(
        "rejects of a room until a day",
        getJson("/api/reports/rejects", one),
        getCsv("/api/reports/rejects", one, false),
        REJECT_COLUMNS,
        rejectRows(
            sent.stream()
                .filter(s -> STATIONS.get(0).equals(s.station()))
                .filter(s -> s.studyDate().compareTo("20261103") <= 0)
                .toList()));
  }

  // ---- labeling errors --------------------------------------------------------------------------

  @Test
  void theLabelingReportCountsFindingsPerStationAndRuleOverTheValidated() throws Exception {
    List<List<Object>> expected = labelingRows(sent);
    assertThat(expected.stream().filter(r -> !"ALL".equals(r.get(1))).map(r -> r.get(1)))
        .contains("order.mismatch", "laterality.contradiction", "view.undefined-term")
        .doesNotContain("pregnancy.status-unknown");
    assertTable(
        "labeling",
        getJson("/api/reports/labeling", Map.of()),
        getCsv("/api/reports/labeling", Map.of(), true),
        LABELING_COLUMNS,
        expected);
    Map<String, String> period = Map.of("from", "20261104", "modality", "CR");
    assertTable(
        "labeling of CR from a day",
        getJson("/api/reports/labeling", period),
        getCsv("/api/reports/labeling", period, false),
        LABELING_COLUMNS,
        labelingRows(
            sent.stream()
                .filter(s -> s.studyDate().compareTo("20261104") >= 0)
                .filter(s -> "CR".equals(s.ds.getString(Tag.Modality)))
                .toList()));
  }

  // ---- access and requests ----------------------------------------------------------------------

  @Test
  void onlyQaAndAdminReadTheReports() {
    for (String path :
        List.of(
            "/api/reports/dose",
            "/api/reports/dose/exams",
            "/api/reports/rejects",
            "/api/reports/labeling")) {
      given().get(path).then().statusCode(401);
      as(Roles.VIEWER).get(path).then().statusCode(403);
      as(Roles.TECHNOLOGIST).get(path).then().statusCode(403);
      as(Roles.QA).get(path).then().statusCode(200);
      as(Roles.ADMIN).queryParam("format", "csv").get(path).then().statusCode(200);
    }
  }

  @Test
  void malformedParametersAreRefusedWithTheReason() {
    as(Roles.QA)
        .queryParam("from", "2026-11-01")
        .get("/api/reports/dose")
        .then()
        .statusCode(400)
        .body(org.hamcrest.Matchers.containsString("from is a date YYYYMMDD"));
    as(Roles.QA)
        .queryParam("from", "20261105")
        .queryParam("to", "20261101")
        .get("/api/reports/rejects")
        .then()
        .statusCode(400);
    as(Roles.QA).queryParam("format", "xml").get("/api/reports/labeling").then().statusCode(400);
    as(Roles.QA).queryParam("limit", "0").get("/api/reports/dose/exams").then().statusCode(400);
    as(Roles.QA).accept("application/xml").get("/api/reports/dose").then().statusCode(406);
  }

  // ---- requests -------------------------------------------------------------------------------

  static RequestSpecification as(String role) {
    return given().auth().preemptive().basic(role, ArchiveResource.password(role));
  }

  static JsonNode getJson(String path, Map<String, String> params) throws Exception {
    Response r = as(Roles.QA).queryParams(params).get(path);
    assertThat(r.statusCode()).as(path + " " + r.asString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    return JSON.readTree(r.asString());
  }

  /** The CSV answer, asked for by the Accept header or by {@code format=csv}. */
  static String getCsv(String path, Map<String, String> params, boolean byAccept) {
    RequestSpecification req = as(Roles.QA).queryParams(params);
    req = byAccept ? req.accept("text/csv") : req.queryParam("format", "csv");
    Response r = req.get(path);
    assertThat(r.statusCode()).as(path + " " + r.asString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/csv");
    String body = r.asString();
    if (body.contains("R2")) {
      assertThat(body).contains("\"DX \"\"R2\"\", EAST\"");
    }
    return body;
  }

  static void awaitIndexed(int count) throws Exception {
    IndexedTopics.awaitIndexed(DATABASE, count);
  }
}
