package org.roentgen.archive.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.archive.auth.Roles;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReleased;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
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
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
  private static final long SEED = 23;
  private static final int STUDIES = 24;

  /** The rooms; the third needs quoting in CSV. */
  static final List<String> STATIONS = List.of("ROOM A", "ROOM B", "DX \"R2\", EAST");

  /** Deviation indices put on every fourth image: inside, on and beyond the levels. */
  static final double[] DI = {-3.5, 3.2, -1.5, 2.0, -3.0, 1.0, 3.01, -0.99, 4.5, -2.2, 0.0, -4.1};

  static final List<String> SOURCES = List.of("REVIEW", "QC", "VALIDATION");
  static final List<String> REASONS =
      List.of("POSITIONING", "EXPOSURE", "MOTION", "ARTIFACT", "LABELING", "EQUIPMENT", "OTHER");

  /** The TG-116 defaults the archive runs with here. */
  static final double ACTION_LOW = -3.0;

  static final double ACTION_HIGH = 3.0;
  static final double TARGET = 1.0;

  static final List<String> DOSE_COLUMNS =
      List.of(
          "station",
          "protocol",
          "exposures",
          "kvpMedian",
          "masMedian",
          "dapMedian",
          "eiMedian",
          "diMedian",
          "diRecorded",
          "diOutsideAction",
          "diOutsideActionShare",
          "diOutsideTarget",
          "diOutsideTargetShare");
  static final List<String> EXAM_COLUMNS =
      List.of(
          "studyInstanceUid",
          "sopInstanceUid",
          "studyDate",
          "station",
          "protocol",
          "modality",
          "bodyPart",
          "viewPosition",
          "kvp",
          "mas",
          "dap",
          "ei",
          "tei",
          "di");
  static final List<String> REJECT_COLUMNS =
      List.of(
          "station",
          "images",
          "repeats",
          "repeatRate",
          "source",
          "reason",
          "detail",
          "rejected",
          "rejectRate");
  static final List<String> LABELING_COLUMNS =
      List.of("station", "ruleId", "validated", "fail", "warn", "instances", "rate");

  /** A review action as the review service records it. */
  record Review(String action, String rejectReason, Instant at) {}

  /**
   * One image sent, what the pipeline said about it and what the reject analysis must make of it.
   */
  static final class Sent {
    final int index;
    Attributes ds;
    PipelineEvents.Stored stored;
    boolean validated = true;
    List<InstanceValidated.Finding> validation = List.of();
    boolean analysed = true;
    boolean notAnalysed;
    List<InstanceQc.Finding> qc = List.of();
    boolean releasedEvent;
    final List<Review> reviews = new ArrayList<>();
    List<String> reject;

    Sent(int index, Attributes ds) {
      this.index = index;
      this.ds = ds;
    }

    Sent v(InstanceValidated.Finding... findings) {
      validation = List.of(findings);
      return this;
    }

    Sent q(InstanceQc.Finding... findings) {
      qc = List.of(findings);
      return this;
    }

    Sent review(String action, String reason, int minute) {
      reviews.add(
          new Review(
              action, reason, Instant.parse("2026-11-10T09:00:00Z").plusSeconds(60L * minute)));
      return this;
    }

    /** The reject the analysis must find: source, reason, detail (null for a reviewer's). */
    Sent rejected(String source, String reason, String detail) {
      reject = Arrays.asList(source, reason, detail);
      return this;
    }

    String station() {
      return text(ds, Tag.StationName);
    }

    String studyDate() {
      return text(ds, Tag.StudyDate);
    }
  }

  @TempDir static Path files;
  static ObjectStore store;
  static Producer<String, byte[]> producer;
  static final List<Sent> sent = new ArrayList<>();

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
    for (int i = 0; i < STUDIES * ClinicalRadiographs.IMAGES_PER_STUDY; i++) {
      int study = i / ClinicalRadiographs.IMAGES_PER_STUDY;
      Attributes ds = ClinicalRadiographs.image(i, 64, 64, SEED);
      ds.setString(Tag.StationName, VR.SH, STATIONS.get((study / 2) % STATIONS.size()));
      ds.setString(Tag.StudyDate, VR.DA, LocalDate.of(2026, 11, 1).plusDays(study % 6).format(DA));
      if (i % 4 == 1) {
        ds.setString(Tag.DeviationIndex, VR.DS, Double.toString(DI[i / 4]));
      }
      if ("DX".equals(ds.getString(Tag.Modality))) {
        ds.setString(
            Tag.ImageAndFluoroscopyAreaDoseProduct,
            VR.DS,
            String.format(java.util.Locale.ROOT, "%.3f", 0.05 + 0.01 * i));
      }
      if (i == 42) {
        ds.remove(Tag.DeviationIndex);
      }
      if (i == 46) {
        for (int tag :
            new int[] {
              Tag.KVP,
              Tag.Exposure,
              Tag.ExposureInuAs,
              Tag.ExposureInmAs,
              Tag.ExposureIndex,
              Tag.TargetExposureIndex,
              Tag.DeviationIndex,
              Tag.ImageAndFluoroscopyAreaDoseProduct
            }) {
          ds.remove(tag);
        }
      }
      sent.add(new Sent(i, ds));
    }
    // What the pipeline and the reviewers said, and what the analysis must count.
    at(1).review("REJECTED", "POSITIONING", 0).rejected("REVIEW", "POSITIONING", null);
    at(3).q(qcFail("exposure.under")).rejected("QC", "EXPOSURE", "exposure.under");
    at(4)
        .v(vFail("laterality.contradiction"))
        .rejected("VALIDATION", "LABELING", "laterality.contradiction");
    at(5).q(qcWarn("noise"));
    at(6).v(vWarn("order.mismatch"));
    at(8)
        .q(qcWarn("noise"), qcFail("blur"))
        .v(vFail("view.missing"))
        .rejected("QC", "MOTION", "blur");
    at(10)
        .v(vWarn("order.mismatch"), vFail("identity.malformed"))
        .rejected("VALIDATION", "LABELING", "identity.malformed");
    at(11).v(vWarn("view.undefined-term"), vWarn("order.name-tolerance"));
    at(13)
        .q(qcWarn("grid-lines"), qcFail("foreign-object"), qcFail("detector-defect"))
        .rejected("QC", "ARTIFACT", "foreign-object");
    at(15)
        .v(vFail("exposure.deviation-index-action"))
        .rejected("VALIDATION", "EXPOSURE", "exposure.deviation-index-action");
    at(17)
        .v(vWarn("order.mismatch"), vFail("order.mismatch"))
        .rejected("VALIDATION", "LABELING", "order.mismatch");
    at(18).v(finding("pregnancy.status-unknown", Severity.INFO));
    at(20).q(qcFail("detector-defect")).releasedEvent = true;
    at(22).v(vFail("laterality.contradiction")).review("RELEASED", null, 1);
    at(27).q(qcFail("blur")).review("REJECTED", "MOTION", 2).rejected("REVIEW", "MOTION", null);
    at(30).review("REJECTED", null, 3).rejected("REVIEW", "OTHER", null);
    at(33).q(qcFail("saturation")).rejected("QC", "EXPOSURE", "saturation");
    at(35)
        .v(vWarn("order.mismatch"))
        .review("REJECTED", "EXPOSURE", 4)
        .rejected("REVIEW", "EXPOSURE", null);
    at(36).review("REJECTED", "MOTION", 5).review("RELEASED", null, 6);
    at(37)
        .q(qcFail("blur"))
        .review("RELEASED", null, 7)
        .review("REJECTED", "POSITIONING", 8)
        .rejected("REVIEW", "POSITIONING", null);
    at(40).notAnalysed = true;
    at(44).validated = false;
    at(44).analysed = false;
    // Retakes: of the rejected image 1, two of image 2, one of image 9; and a copy of image 16
    // with the other side, which is no retake.
    int next = sent.size();
    for (int of : new int[] {1, 2, 2, 9, 16}) {
      Attributes ds = copy(at(of).ds);
      ds.setString(Tag.AcquisitionTime, VR.TM, "23" + (next - 38) + "00"); // later that day
      if (of == 1) {
        ds.setString(Tag.DeviationIndex, VR.DS, "0.3"); // the retake was well exposed
      }
      if (of == 16) {
        for (int tag : new int[] {Tag.Laterality, Tag.ImageLaterality}) {
          String side = text(ds, tag);
          if (side != null) {
            ds.setString(tag, VR.CS, "L".equals(side) ? "R" : "L");
          }
        }
      }
      sent.add(new Sent(next++, ds));
    }
    int events = 0;
    for (Sent s : sent) {
      s.stored = pipeline.store(s.ds, 1, null);
      s.ds = s.stored.dataset();
      pipeline.received(s.stored);
      events++;
      InstanceValidated.Validation v = validation(s);
      InstanceQc.Qc q = qc(s);
      if (s.validated) {
        pipeline.republish(
            Topics.INSTANCE_VALIDATED,
            s.stored,
            id(),
            new InstanceValidated(s.stored.instance(), v));
        events++;
      }
      if (s.analysed) {
        pipeline.republish(
            Topics.INSTANCE_QC, s.stored, id(), new InstanceQc(s.stored.instance(), v, q));
        events++;
      }
      if (s.releasedEvent) {
        pipeline.republish(
            Topics.INSTANCE_RELEASED,
            s.stored,
            id(),
            new InstanceReleased(
                s.stored.instance(),
                v,
                q,
                new InstanceReleased.Release(
                    null,
                    "tech.it",
                    "the defect is outside the anatomy",
                    Instant.parse("2026-11-10T08:00:00Z"),
                    List.of())));
        events++;
      }
    }
    awaitIndexed(events);
    // The review service is not built yet: its records, as it would write them.
    try (Connection c = ArchiveResource.connect(DATABASE);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO review_action (sop_uid, study_uid, action, at, user_id, reason,"
                    + " reject_reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (Sent s : sent) {
        for (Review r : s.reviews) {
          ps.setString(1, s.stored.sop());
          ps.setString(2, s.stored.study());
          ps.setString(3, r.action());
          ps.setTimestamp(4, Timestamp.from(r.at()));
          ps.setString(5, "tech.it");
          ps.setString(6, "seen on the image");
          ps.setString(7, r.rejectReason());
          ps.executeUpdate();
        }
      }
    }
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
    List<Sent> all = sent;
    assertThat(exposures(all)).hasSize(sent.size() - 1);
    JsonNode json = getJson("/api/reports/dose", Map.of());
    assertThat(json.path("report").asText()).isEqualTo("dose");
    assertThat(json.path("diActionLow").asDouble()).isEqualTo(ACTION_LOW);
    assertThat(json.path("diActionHigh").asDouble()).isEqualTo(ACTION_HIGH);
    assertThat(json.path("diTarget").asDouble()).isEqualTo(TARGET);
    assertThat(json.path("from").isNull()).isTrue();
    List<List<Object>> expected = doseSummary(all);
    // The set has exposures beyond the action levels and outside the target range in some rooms.
    assertThat(expected.stream().mapToLong(r -> (Long) r.get(9)).sum()).isEqualTo(5);
    assertThat(expected.stream().mapToLong(r -> (Long) r.get(11)).sum()).isGreaterThan(8);
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

  // ---- what the reports must say, computed from the data sets sent ----------------------------

  static List<List<Object>> doseSummary(List<Sent> images) {
    List<List<Object>> e = exposures(images);
    TreeSet<List<String>> keys =
        new TreeSet<>(
            Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
    for (List<Object> x : e) {
      keys.add(List.of((String) x.get(3), (String) x.get(4)));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (List<String> key : keys) {
      List<List<Object>> g =
          e.stream()
              .filter(x -> key.get(0).equals(x.get(3)) && key.get(1).equals(x.get(4)))
              .toList();
      List<Double> di = column(g, 13).stream().filter(Objects::nonNull).toList();
      long action = di.stream().filter(d -> d < ACTION_LOW || d > ACTION_HIGH).count();
      long target = di.stream().filter(d -> Math.abs(d) > TARGET).count();
      rows.add(
          Arrays.asList(
              key.get(0),
              key.get(1),
              (long) g.size(),
              median(column(g, 8)),
              median(column(g, 9)),
              median(column(g, 10)),
              median(column(g, 11)),
              median(column(g, 13)),
              (long) di.size(),
              action,
              di.isEmpty() ? null : (double) action / di.size(),
              target,
              di.isEmpty() ? null : (double) target / di.size()));
    }
    return rows;
  }

  /** The exams: images with any exposure value, by date, station, study and instance. */
  static List<List<Object>> examRows(List<Sent> images) {
    List<List<Object>> rows = new ArrayList<>(exposures(images));
    rows.sort(
        Comparator.comparing((List<Object> r) -> (String) r.get(2))
            .thenComparing(r -> (String) r.get(3))
            .thenComparing(r -> (String) r.get(0))
            .thenComparing(r -> (String) r.get(1)));
    return rows;
  }

  static List<List<Object>> exposures(List<Sent> images) {
    List<List<Object>> out = new ArrayList<>();
    for (Sent s : images) {
      Attributes ds = s.ds;
      Double mas = number(ds, Tag.ExposureInmAs);
      if (mas == null) {
        mas = number(ds, Tag.Exposure);
      }
      if (mas == null && number(ds, Tag.ExposureInuAs) != null) {
        mas = number(ds, Tag.ExposureInuAs) / 1000;
      }
      Double kvp = number(ds, Tag.KVP);
      Double dap = number(ds, Tag.ImageAndFluoroscopyAreaDoseProduct);
      Double ei = number(ds, Tag.ExposureIndex);
      Double di = number(ds, Tag.DeviationIndex);
      if (kvp == null && mas == null && dap == null && ei == null && di == null) {
        continue;
      }
      out.add(
          Arrays.asList(
              s.stored.study(),
              s.stored.sop(),
              s.studyDate(),
              s.station(),
              text(ds, Tag.ProtocolName),
              text(ds, Tag.Modality),
              text(ds, Tag.BodyPartExamined),
              text(ds, Tag.ViewPosition),
              kvp,
              mas,
              dap,
              ei,
              number(ds, Tag.TargetExposureIndex),
              di));
    }
    return out;
  }

  static List<List<Object>> rejectRows(List<Sent> images) {
    List<List<Object>> rows = new ArrayList<>();
    for (String station : new TreeSet<>(images.stream().map(Sent::station).toList())) {
      List<Sent> room = images.stream().filter(s -> station.equals(s.station())).toList();
      long n = room.size();
      // Retakes: further images of a study with the same body part, view, side and protocol.
      Map<List<String>, Integer> groups = new TreeMap<>(Comparator.comparing(Object::toString));
      for (Sent s : room) {
        String part = text(s.ds, Tag.BodyPartExamined);
        String view = text(s.ds, Tag.ViewPosition);
        if (part != null && view != null) {
          String side = text(s.ds, Tag.Laterality);
          side = side != null ? side : text(s.ds, Tag.ImageLaterality);
          groups.merge(
              Arrays.asList(s.stored.study(), part, view, side, text(s.ds, Tag.ProtocolName)),
              1,
              Integer::sum);
        }
      }
      long repeats = groups.values().stream().mapToLong(c -> c - 1).sum();
      Double repeatRate = (double) repeats / n;
      List<Sent> rejected = room.stream().filter(s -> s.reject != null).toList();
      rows.add(
          Arrays.asList(
              station,
              n,
              repeats,
              repeatRate,
              null,
              "ALL",
              null,
              (long) rejected.size(),
              (double) rejected.size() / n));
      Set<List<String>> reasons =
          new TreeSet<>(
              Comparator.<List<String>>comparingInt(r -> SOURCES.indexOf(r.get(0)))
                  .thenComparingInt(r -> REASONS.indexOf(r.get(1)))
                  .thenComparing(r -> r.get(2), Comparator.nullsFirst(Comparator.naturalOrder())));
      rejected.forEach(s -> reasons.add(s.reject));
      for (List<String> r : reasons) {
        long c = rejected.stream().filter(s -> s.reject.equals(r)).count();
        rows.add(
            Arrays.asList(
                station, n, repeats, repeatRate, r.get(0), r.get(1), r.get(2), c, (double) c / n));
      }
    }
    return rows;
  }

  static List<List<Object>> labelingRows(List<Sent> images) {
    List<List<Object>> rows = new ArrayList<>();
    for (String station : new TreeSet<>(images.stream().map(Sent::station).toList())) {
      List<Sent> validated =
          images.stream().filter(s -> station.equals(s.station()) && s.validated).toList();
      if (validated.isEmpty()) {
        continue;
      }
      long n = validated.size();
      Set<String> rules = new TreeSet<>();
      validated.forEach(
          s ->
              s.validation.stream()
                  .filter(f -> f.severity() != Severity.INFO)
                  .forEach(f -> rules.add(f.ruleId())));
      List<String> order = new ArrayList<>();
      order.add(null);
      order.addAll(rules);
      for (String rule : order) {
        long fail = 0;
        long warn = 0;
        for (Sent s : validated) {
          Set<Severity> seen = new LinkedHashSet<>();
          s.validation.stream()
              .filter(f -> rule == null || f.ruleId().equals(rule))
              .forEach(f -> seen.add(f.severity()));
          if (seen.contains(Severity.FAIL)) {
            fail++;
          } else if (seen.contains(Severity.WARN)) {
            warn++;
          }
        }
        rows.add(
            Arrays.asList(
                station,
                rule == null ? "ALL" : rule,
                n,
                fail,
                warn,
                fail + warn,
                (double) (fail + warn) / n));
      }
    }
    return rows;
  }

  static Double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values.stream().filter(Objects::nonNull).toList());
    if (v.isEmpty()) {
      return null;
    }
    java.util.Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  static List<Double> column(List<List<Object>> rows, int i) {
    return rows.stream().map(r -> (Double) r.get(i)).toList();
  }

  // ---- comparing answers --------------------------------------------------------------------

  static void assertTable(
      String what, JsonNode json, String csv, List<String> columns, List<List<Object>> expected) {
    assertRows(what + " (JSON)", json.path("rows"), columns, expected);
    List<List<String>> records = parseCsv(csv);
    assertThat(records.get(0)).as(what + " (CSV header)").isEqualTo(columns);
    assertThat(records.subList(1, records.size()))
        .as(what + " (CSV rows)")
        .hasSize(expected.size());
    for (int r = 0; r < expected.size(); r++) {
      List<String> record = records.get(r + 1);
      assertThat(record).as(what + " CSV row " + r).hasSize(columns.size());
      for (int c = 0; c < columns.size(); c++) {
        String where = what + " CSV row " + r + " " + columns.get(c);
        Object want = expected.get(r).get(c);
        String got = record.get(c);
        if (want == null) {
          assertThat(got).as(where).isEmpty();
        } else if (want instanceof Double d) {
          assertThat(Double.parseDouble(got)).as(where).isCloseTo(d, within(1e-9));
        } else if (want instanceof Long l) {
          assertThat(Long.parseLong(got)).as(where).isEqualTo(l);
        } else {
          assertThat(got).as(where).isEqualTo(want);
        }
      }
    }
  }

  static void assertRows(
      String what, JsonNode rows, List<String> columns, List<List<Object>> expected) {
    assertThat(rows.isArray()).as(what).isTrue();
    assertThat(rows).as(what + " rows").hasSize(expected.size());
    for (int r = 0; r < expected.size(); r++) {
      JsonNode row = rows.get(r);
      assertThat(row.size()).as(what + " row " + r).isEqualTo(columns.size());
      for (int c = 0; c < columns.size(); c++) {
        String where = what + " row " + r + " " + columns.get(c);
        JsonNode got = row.get(columns.get(c));
        assertThat(got).as(where).isNotNull();
        Object want = expected.get(r).get(c);
        if (want == null) {
          assertThat(got.isNull()).as(where + " is null, not " + got).isTrue();
        } else if (want instanceof Double d) {
          assertThat(got.isNumber()).as(where + " " + got).isTrue();
          assertThat(got.asDouble()).as(where).isCloseTo(d, within(1e-9));
        } else if (want instanceof Long l) {
          assertThat(got.isIntegralNumber()).as(where + " " + got).isTrue();
          assertThat(got.asLong()).as(where).isEqualTo(l);
        } else {
          assertThat(got.asText()).as(where).isEqualTo(want);
        }
      }
    }
  }

  /** RFC 4180, strictly: CRLF after every record, quoted fields with doubled quotes. */
  static List<List<String>> parseCsv(String csv) {
    assertThat(csv).endsWith("\r\n");
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < csv.length()) {
      char ch = csv.charAt(i);
      if (ch == '"' && field.length() == 0) {
        i++;
        while (true) {
          char q = csv.charAt(i++);
          if (q == '"') {
            if (i < csv.length() && csv.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(q);
          }
        }
        continue;
      }
      if (ch == ',') {
        record.add(field.toString());
        field.setLength(0);
        i++;
      } else if (ch == '\r') {
        assertThat(csv.charAt(i + 1)).as("CR is followed by LF").isEqualTo('\n');
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else {
        assertThat(ch).as("a bare LF or a quote inside an unquoted field").isNotIn('\n', '"');
        field.append(ch);
        i++;
      }
    }
    return records;
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

  // ---- the data set ---------------------------------------------------------------------------

  static Sent at(int index) {
    return sent.get(index);
  }

  static InstanceQc.Finding qcFail(String check) {
    return qcFinding(check, Severity.FAIL);
  }

  static InstanceQc.Finding qcWarn(String check) {
    return qcFinding(check, Severity.WARN);
  }

  static InstanceQc.Finding qcFinding(String check, Severity severity) {
    return new InstanceQc.Finding(
        check, severity, 0.9, 0.5, InstanceQc.ThresholdSource.DEFAULT, null, check + " found");
  }

  static InstanceValidated.Finding vFail(String rule) {
    return finding(rule, Severity.FAIL);
  }

  static InstanceValidated.Finding vWarn(String rule) {
    return finding(rule, Severity.WARN);
  }

  static InstanceValidated.Finding finding(String rule, Severity severity) {
    return new InstanceValidated.Finding(rule, severity, null, null, null, null, rule + " found");
  }

  static InstanceValidated.Validation validation(Sent s) {
    return new InstanceValidated.Validation(
        InstanceValidated.Verdict.of(s.validation),
        s.validation,
        InstanceValidated.Order.of(InstanceValidated.OrderStatus.MATCHED),
        "ab".repeat(32),
        Instant.parse("2026-11-02T08:00:01Z"),
        "labeling-validation-it");
  }

  static InstanceQc.Qc qc(Sent s) {
    return new InstanceQc.Qc(
        s.notAnalysed ? InstanceQc.Verdict.NOT_ANALYSED : InstanceQc.Verdict.of(s.qc),
        s.notAnalysed
            ? new InstanceQc.NotAnalysed(
                InstanceQc.NotAnalysedReason.DECODE_FAILED, "the frame does not decode")
            : null,
        Map.of("sharpness", 1.5),
        s.qc,
        null,
        null,
        "cd".repeat(32),
        Instant.parse("2026-11-02T08:00:02Z"),
        "artifact-detection-it",
        12.0);
  }

  /** The data set with a new SOP Instance UID: a further exposure of the same view. */
  static Attributes copy(Attributes ds) throws Exception {
    Path tmp = files.resolve("copy-" + UUID.randomUUID() + ".dcm");
    org.roentgen.dicom.io.DicomOutputStream.writeFile(
        tmp,
        org.roentgen.dicom.io.DicomOutputStream.createFileMetaInformation(
            ds.getString(Tag.SOPClassUID),
            ds.getString(Tag.SOPInstanceUID),
            org.roentgen.dicom.data.UID.ExplicitVRLittleEndian),
        ds);
    Attributes copy = DicomFile.read(tmp).dataset();
    copy.setString(
        Tag.SOPInstanceUID,
        VR.UI,
        "2.25." + new java.math.BigInteger(UUID.randomUUID().toString().replace("-", ""), 16));
    copy.setString(Tag.InstanceNumber, VR.IS, "2");
    return copy;
  }

  static String id() {
    return UUID.randomUUID().toString();
  }

  static String text(Attributes ds, int tag) {
    String s = ds.getString(tag);
    return s == null || s.isBlank() ? null : s.strip();
  }

  static Double number(Attributes ds, int tag) {
    String s = text(ds, tag);
    return s == null ? null : Double.valueOf(s);
  }

  static void awaitIndexed(int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int seen = -1;
    while (System.nanoTime() < deadline) {
      try (Connection c = ArchiveResource.connect(DATABASE);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM processed_event")) {
        rs.next();
        seen = rs.getInt(1);
      } catch (Exception e) {
        // the service has not created its tables yet
      }
      if (seen >= count) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the index holds " + seen + " of " + count + " events");
  }
}
