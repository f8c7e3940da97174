package org.roentgen.archive.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.roentgen.archive.it.RetentionStudies.LATE;
import static org.roentgen.archive.it.RetentionStudies.latePreview;
import static org.roentgen.archive.it.RetentionStudies.objects;
import static org.roentgen.archive.it.RetentionStudies.patient;
import static org.roentgen.archive.it.RetentionStudies.sops;
import static org.roentgen.archive.it.RetentionStudies.studies;
import static org.roentgen.archive.it.RetentionStudies.studiesOf;
import static org.roentgen.archive.it.RetentionStudies.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.roentgen.archive.auth.Roles;
import org.roentgen.archive.index.IndexedEvent;
import org.roentgen.archive.index.Indexer;
import org.roentgen.archive.messaging.DeletionsTopic;
import org.roentgen.archive.retention.Retention;
import org.roentgen.archive.retention.RunReport;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.stack.SharedStack;

/**
 * Retention on the real servers (Kafka, S3Proxy, PostgreSQL): studies of three modalities and
 * several ages, one under legal hold; a CR policy deletes exactly the old CR studies (every object
 * version and the QC preview from S3, the index rows, one audit record each), a dry run deletes
 * nothing, a deletion that fails in S3 is completed by the next run, a scheduled run deletes as the
 * user "retention", and a replay of the topics into a fresh database, after the deletions topic,
 * does not bring the deleted instances back.
 */
@QuarkusTest
@QuarkusTestResource(
    value = ArchiveResource.class,
    restrictToAnnotatedClass = true,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "scope", value = "retention"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionIT {
  static final String SCOPE = "retention";
  static final String DATABASE = ArchiveResource.database(SCOPE);
  static final Map<Topics, String> TOPICS = ArchiveResource.topics(SCOPE);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path files;
  static ObjectStore store;
  static Producer<String, byte[]> producer;
  static PipelineEvents pipeline;

  @Inject Retention retention;

  @BeforeAll
  static void publishStudiesOfSeveralModalitiesAndAges() throws Exception {
    store = ArchiveResource.store();
    producer =
        new KafkaProducer<>(
            ProducerSettings.durable(
                SharedStack.get().kafkaBootstrapServers(),
                "archive-retention-it",
                Duration.ofSeconds(30)));
    pipeline = new PipelineEvents(store, ArchiveResource.BUCKET, files, producer, TOPICS);
    RetentionStudies.publish(pipeline, store, producer, TOPICS);
    awaitIndexed(RetentionStudies.events);
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

  static void awaitIndexed(int count) throws Exception {
    IndexedTopics.awaitIndexed(DATABASE, count);
  }

  static RequestSpecification as(String role) {
    return given().auth().preemptive().basic(role, ArchiveResource.password(role));
  }

  static JsonNode json(Response r) throws Exception {
    return JSON.readTree(r.asString());
  }

  static Set<String> uids(JsonNode entries) {
    Set<String> out = new TreeSet<>();
    entries.forEach(e -> out.add(e.path("studyInstanceUid").asText()));
    return out;
  }

  static int count(String sql, Object... params) throws Exception {
    try (Connection c = ArchiveResource.connect(DATABASE);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        Object p = params[i];
        if (p instanceof List<?> list) {
          ps.setArray(i + 1, c.createArrayOf("text", list.toArray()));
        } else {
          ps.setObject(i + 1, p);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  // ---- access -------------------------------------------------------------------------------

  @Test
  @Order(1)
  void onlyAdminsMayHoldStudiesOrRunRetention() {
    String held = "/api/legal-holds/" + study("heldCr");
    for (String role : List.of(Roles.VIEWER, Roles.TECHNOLOGIST, Roles.QA)) {
      as(role).get("/api/retention/policies").then().statusCode(403);
      as(role)
          .contentType("application/json")
          .body("[{\"modality\":\"CR\",\"minimumAgeDays\":1}]")
          .put("/api/retention/policies")
          .then()
          .statusCode(403);
      as(role)
          .contentType("application/json")
          .body("{\"dryRun\":false}")
          .post("/api/retention/run")
          .then()
          .statusCode(403);
      as(role).get("/api/legal-holds").then().statusCode(403);
      as(role)
          .contentType("application/json")
          .body("{\"reason\":\"x\"}")
          .put(held)
          .then()
          .statusCode(403);
      as(role).queryParam("reason", "x").delete(held).then().statusCode(403);
    }
    given().get("/api/legal-holds").then().statusCode(401);
    given().post("/api/retention/run").then().statusCode(401);
  }

  // ---- policies and holds -------------------------------------------------------------------

  @Test
  @Order(2)
  void policiesAreReplacedAsAWholeAndKeptAsRecords() throws Exception {
    for (String bad :
        List.of(
            "{}",
            "not json",
            "[{\"modality\":\"CR\"}]",
            "[{\"modality\":\"CR\",\"minimumAgeDays\":0}]",
            "[{\"modality\":\"CR\",\"minimumAgeDays\":\"ten\"}]",
            "[{\"modality\":\"C\\\\R\",\"minimumAgeDays\":10}]",
            "[{\"modality\":\"CR\",\"minimumAgeDays\":10,\"maximumAgeDays\":20}]",
            "[{\"modality\":\"CR\",\"minimumAgeDays\":10},{\"modality\":\"cr\",\"minimumAgeDays\":9}]",
            "[{\"minimumAgeDays\":10},{\"modality\":\"*\",\"minimumAgeDays\":9}]")) {
      as(Roles.ADMIN)
          .contentType("application/json")
          .body(bad)
          .put("/api/retention/policies")
          .then()
          .statusCode(400);
    }
    as(Roles.ADMIN).get("/api/retention/policies").then().statusCode(200);
    as(Roles.ADMIN)
        .contentType("application/json")
        .body("[{\"modality\":\"MG\",\"minimumAgeDays\":100}]")
        .put("/api/retention/policies")
        .then()
        .statusCode(200);
    JsonNode set =
        json(
            as(Roles.ADMIN)
                .contentType("application/json")
                .body("[{\"modality\":\"cr\",\"minimumAgeDays\":365,\"description\":\"one year\"}]")
                .put("/api/retention/policies"));
    assertThat(set).hasSize(1);
    JsonNode current = json(as(Roles.ADMIN).get("/api/retention/policies"));
    assertThat(current).isEqualTo(set);
    assertThat(current.get(0).path("modality").asText()).isEqualTo("CR");
    assertThat(current.get(0).path("minimumAgeDays").asInt()).isEqualTo(365);
    assertThat(current.get(0).path("createdBy").asText()).isEqualTo(Roles.ADMIN);
    // The replaced policy is a record: who replaced it, and nothing may change it.
    assertThat(
            count(
                "SELECT count(*) FROM retention_policy WHERE modality = 'MG'"
                    + " AND replaced_by = 'admin' AND replaced_at IS NOT NULL"))
        .isEqualTo(1);
    try (Connection c = ArchiveResource.connect(DATABASE);
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM retention_policy"))
          .hasMessageContaining("kept as a record");
      assertThatThrownBy(() -> s.executeUpdate("UPDATE retention_policy SET minimum_age_days = 1"))
          .hasMessageContaining("kept as a record");
    }
    assertThat(
            count(
                "SELECT count(*) FROM audit_event WHERE operation = 'PUT /api/retention/policies'"
                    + " AND event_id = '110113' AND user_id = 'admin' AND status = 200"))
        .isEqualTo(2);
  }

  @Test
  @Order(3)
  void legalHoldsArePlacedListedAndLiftedAsRecords() throws Exception {
    String held = "/api/legal-holds/" + study("heldCr");
    String other = "/api/legal-holds/" + study("undatedOldCr");
    as(Roles.ADMIN).contentType("application/json").body("{}").put(held).then().statusCode(400);
    as(Roles.ADMIN)
        .contentType("application/json")
        .body("{\"reason\":\"x\"}")
        .put("/api/legal-holds/not-a-uid")
        .then()
        .statusCode(400);
    JsonNode hold =
        json(
            as(Roles.ADMIN)
                .contentType("application/json")
                .body("{\"reason\":\"litigation 2026-17\"}")
                .put(held)
                .then()
                .statusCode(201)
                .extract()
                .response());
    assertThat(hold.path("studyInstanceUid").asText()).isEqualTo(study("heldCr"));
    assertThat(hold.path("patientId").asText()).isEqualTo(patient("heldCr"));
    assertThat(hold.path("placedBy").asText()).isEqualTo(Roles.ADMIN);
    JsonNode again =
        json(
            as(Roles.ADMIN)
                .contentType("application/json")
                .body("{\"reason\":\"again\"}")
                .put(held)
                .then()
                .statusCode(200)
                .extract()
                .response());
    assertThat(again.path("id").asLong()).isEqualTo(hold.path("id").asLong());
    assertThat(again.path("reason").asText()).isEqualTo("litigation 2026-17");
    // A second hold, lifted again: its study is not protected any more.
    as(Roles.ADMIN)
        .contentType("application/json")
        .body("{\"reason\":\"records request\"}")
        .put(other)
        .then()
        .statusCode(201);
    assertThat(uids(json(as(Roles.ADMIN).get("/api/legal-holds"))))
        .isEqualTo(studiesOf("heldCr", "undatedOldCr"));
    as(Roles.ADMIN).delete(other).then().statusCode(400);
    JsonNode lifted =
        json(
            as(Roles.ADMIN)
                .contentType("application/json")
                .body("{\"reason\":\"request answered\"}")
                .delete(other)
                .then()
                .statusCode(200)
                .extract()
                .response());
    assertThat(lifted.path("liftedBy").asText()).isEqualTo(Roles.ADMIN);
    assertThat(lifted.path("liftReason").asText()).isEqualTo("request answered");
    assertThat(lifted.path("liftedAt").isNull()).isFalse();
    as(Roles.ADMIN).queryParam("reason", "twice").delete(other).then().statusCode(404);
    assertThat(uids(json(as(Roles.ADMIN).get("/api/legal-holds")))).isEqualTo(studiesOf("heldCr"));
    JsonNode all = json(as(Roles.ADMIN).queryParam("all", true).get("/api/legal-holds"));
    assertThat(all).hasSize(2);
    try (Connection c = ArchiveResource.connect(DATABASE);
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM legal_hold"))
          .hasMessageContaining("kept as a record");
      assertThatThrownBy(
              () ->
                  s.executeUpdate(
                      "UPDATE legal_hold SET lifted_at = now(), lifted_by = 'x', lift_reason = 'y'"
                          + " WHERE lifted_at IS NOT NULL"))
          .hasMessageContaining("kept as a record");
    }
    // Each call is in the audit trail with the study and its patient.
    assertThat(
            count(
                "SELECT count(*) FROM audit_event WHERE operation = 'PUT /api/legal-holds/{study}'"
                    + " AND ? = ANY (study_uids) AND ? = ANY (patient_ids) AND status = 201",
                study("heldCr"),
                patient("heldCr")))
        .isEqualTo(1);
  }

  // ---- runs ---------------------------------------------------------------------------------

  @Test
  @Order(4)
  void aDryRunListsTheOldStudiesOfThePolicysModalityAndDeletesNothing() throws Exception {
    int instances = count("SELECT count(*) FROM instance");
    for (RequestSpecification request :
        List.of(as(Roles.ADMIN), as(Roles.ADMIN).contentType("application/json").body("{}"))) {
      JsonNode r =
          json(request.post("/api/retention/run").then().statusCode(200).extract().response());
      assertThat(r.path("dryRun").asBoolean()).isTrue();
      assertThat(uids(r.path("studies")))
          .isEqualTo(studiesOf("oldCr", "undatedOldCr", "failingCr"));
      r.path("studies")
          .forEach(s -> assertThat(s.path("status").asText()).isEqualTo("WOULD_DELETE"));
      assertThat(uids(r.path("held"))).isEqualTo(studiesOf("heldCr"));
      assertThat(r.path("due").asInt()).isEqualTo(3);
      assertThat(r.path("deleted").asInt()).isZero();
    }
    assertThat(count("SELECT count(*) FROM instance")).isEqualTo(instances);
    assertThat(count("SELECT count(*) FROM deleted_instance")).isZero();
    assertThat(count("SELECT count(*) FROM audit_event WHERE event_id = '110105'")).isZero();
    for (String name : studies.keySet()) {
      for (String key : objects(name)) {
        assertThat(store.exists(ArchiveResource.BUCKET, key)).as(key).isTrue();
      }
    }
  }

  @Test
  @Order(5)
  void aRunDeletesTheOldStudiesOfThePolicysModalityButNeverAHeldOne() throws Exception {
    JsonNode r =
        json(
            as(Roles.ADMIN)
                .contentType("application/json")
                .body("{\"dryRun\":false}")
                .post("/api/retention/run")
                .then()
                .statusCode(200)
                .extract()
                .response());
    assertThat(r.path("dryRun").asBoolean()).isFalse();
    assertThat(uids(r.path("studies"))).isEqualTo(studiesOf("oldCr", "undatedOldCr", "failingCr"));
    for (JsonNode s : r.path("studies")) {
      String expected =
          s.path("studyInstanceUid").asText().equals(study("failingCr")) ? "FAILED" : "DELETED";
      assertThat(s.path("status").asText()).isEqualTo(expected);
      if (expected.equals("FAILED")) {
        assertThat(s.path("error").asText()).contains(LATE);
      } else {
        assertThat(s.path("error").asText("")).isEmpty();
      }
    }
    assertThat(r.path("deleted").asInt()).isEqualTo(2);
    assertThat(r.path("failed").asInt()).isEqualTo(1);
    assertThat(uids(r.path("held"))).isEqualTo(studiesOf("heldCr"));
    assertDeleted("oldCr", "undatedOldCr");
    assertKept("oldDx", "oldMg", "heldCr", "youngCr", "undatedNewCr");
    // failingCr: decided (tombstones pending, no hold possible), its rows kept, not yet audited.
    assertThat(count("SELECT count(*) FROM instance WHERE study_uid = ?", study("failingCr")))
        .isEqualTo(2);
    assertThat(
            count(
                "SELECT count(*) FROM deleted_instance WHERE study_uid = ? AND completed_at IS NULL",
                study("failingCr")))
        .isEqualTo(2);
    assertThat(
            count(
                "SELECT count(*) FROM audit_event WHERE event_id = '110105' AND ? = ANY (study_uids)",
                study("failingCr")))
        .isZero();
    as(Roles.ADMIN)
        .contentType("application/json")
        .body("{\"reason\":\"too late\"}")
        .put("/api/legal-holds/" + study("failingCr"))
        .then()
        .statusCode(409);
    // Once the store can delete everything (here: the preview is where the index says), the next
    // run completes the deletion before anything else.
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    store.put(
        ArchiveResource.BUCKET,
        latePreview,
        new ByteArrayInputStream(png),
        png.length,
        "image/png",
        Map.of());
    assertThat(
            count(
                "WITH u AS (UPDATE qc SET preview_bucket = ? WHERE preview_key = ? RETURNING 1)"
                    + " SELECT count(*) FROM u",
                ArchiveResource.BUCKET,
                latePreview))
        .isEqualTo(1);
    JsonNode dry = json(as(Roles.ADMIN).post("/api/retention/run"));
    assertThat(uids(dry.path("studies"))).isEqualTo(studiesOf("failingCr"));
    assertThat(dry.path("studies").get(0).path("status").asText()).isEqualTo("PENDING");
    JsonNode retried =
        json(
            as(Roles.ADMIN)
                .contentType("application/json")
                .body("{\"dryRun\":false}")
                .post("/api/retention/run"));
    assertThat(uids(retried.path("studies"))).isEqualTo(studiesOf("failingCr"));
    assertThat(retried.path("studies").get(0).path("status").asText()).isEqualTo("DELETED");
    assertDeleted("failingCr");
    assertThat(store.stat(ArchiveResource.BUCKET, latePreview)).isEmpty();
    assertAudited("failingCr", Roles.ADMIN, "POST /api/retention/run");
    // oldCr's patient has youngCr still; undatedOldCr's patient had nothing else.
    assertThat(count("SELECT count(*) FROM patient WHERE patient_id = ?", patient("oldCr")))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM patient WHERE patient_id = ?", patient("undatedOldCr")))
        .isZero();
    assertAudited("oldCr", Roles.ADMIN, "POST /api/retention/run");
    assertAudited("undatedOldCr", Roles.ADMIN, "POST /api/retention/run");
    assertThat(
            count(
                "SELECT count(*) FROM deleted_instance d JOIN retention_policy p"
                    + " ON p.id = d.policy_id WHERE p.modality = 'CR' AND d.deleted_by = 'admin'"
                    + " AND d.completed_at IS NOT NULL"))
        .isEqualTo(6);
    // Nothing is left to delete; the viewer finds nothing of the deleted studies.
    JsonNode second =
        json(
            as(Roles.ADMIN)
                .contentType("application/json")
                .body("{\"dryRun\":false}")
                .post("/api/retention/run"));
    assertThat(second.path("studies")).isEmpty();
    assertThat(
            json(
                as(Roles.VIEWER)
                    .queryParam("StudyInstanceUID", study("oldCr"))
                    .get("/dicomweb/studies")))
        .isEmpty();
  }

  @Test
  @Order(6)
  void aScheduledRunDeletesAsTheUserRetention() throws Exception {
    as(Roles.ADMIN)
        .contentType("application/json")
        .body(
            "[{\"modality\":\"CR\",\"minimumAgeDays\":365},"
                + "{\"modality\":\"MG\",\"minimumAgeDays\":365},"
                + "{\"minimumAgeDays\":3650,\"description\":\"ten years\"}]")
        .put("/api/retention/policies")
        .then()
        .statusCode(200);
    RunReport report = retention.runAsScheduled();
    assertThat(report.user()).isEqualTo("retention");
    assertThat(report.studies())
        .extracting(RunReport.Study::studyInstanceUid)
        .containsExactly(study("oldMg"));
    assertDeleted("oldMg");
    // The DX study is three years old: the policy for any modality keeps it ten.
    assertKept("oldDx", "heldCr", "youngCr", "undatedNewCr");
    assertAudited("oldMg", "retention", "scheduled retention run");
  }

  @Test
  @Order(7)
  void aDeletedStudyCannotBeHeld() {
    as(Roles.ADMIN)
        .contentType("application/json")
        .body("{\"reason\":\"too late\"}")
        .put("/api/legal-holds/" + study("oldCr"))
        .then()
        .statusCode(409);
  }

  @Test
  @Order(8)
  void eventsOfDeletedInstancesAreSkipped() throws Exception {
    double before = indexed("received", "deleted");
    PipelineEvents.Stored s = studies.get("oldCr").get(0);
    pipeline.republish(Topics.INSTANCE_RECEIVED, s, UUID.randomUUID().toString(), s.instance());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (indexed("received", "deleted") < before + 1 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(indexed("received", "deleted")).isEqualTo(before + 1);
    assertThat(count("SELECT count(*) FROM instance WHERE sop_uid = ?", s.sop())).isZero();
    assertThat(count("SELECT count(*) FROM study WHERE study_uid = ?", s.study())).isZero();
  }

  @Test
  @Order(9)
  void aReplayIntoAFreshDatabaseDoesNotBringDeletedInstancesBack() throws Exception {
    String database = "archive_retention_replay_" + ArchiveResource.RUN;
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
    // What a new archive does at start: the deletions topic first, then the pipeline's topics.
    try (DeletionsTopic deletions =
        new DeletionsTopic(
            stack.kafkaBootstrapServers(),
            ArchiveResource.deletionsTopic(SCOPE),
            "it-retention-replay-" + UUID.randomUUID(),
            "it-retention-replay",
            Duration.ofSeconds(30),
            ds)) {
      assertThat(deletions.restore()).isGreaterThanOrEqualTo(8);
    }
    Indexer replay = new Indexer(ds);
    Map<Topics, IndexedEvent.Kind> kinds =
        Map.of(
            Topics.INSTANCE_RECEIVED, IndexedEvent.Kind.RECEIVED,
            Topics.INSTANCE_VALIDATED, IndexedEvent.Kind.VALIDATED,
            Topics.INSTANCE_QC, IndexedEvent.Kind.QC,
            Topics.INSTANCE_DELIVERY, IndexedEvent.Kind.DELIVERY,
            Topics.INSTANCE_RELEASED, IndexedEvent.Kind.RELEASED);
    int skipped = 0;
    for (Map.Entry<Topics, IndexedEvent.Kind> t : kinds.entrySet()) {
      for (ConsumerRecord<String, byte[]> r : IndexedTopics.readAll(TOPICS.get(t.getKey()))) {
        IndexedEvent e = IndexedEvent.fromRecord(r, t.getValue(), t.getKey().eventType());
        if (replay.apply(e) == Indexer.Result.DELETED) {
          skipped++;
        }
      }
    }
    assertThat(skipped).isGreaterThanOrEqualTo(8);
    try (Connection live = ArchiveResource.connect(DATABASE);
        Connection rebuilt = ArchiveResource.connect(database);
        PreparedStatement ps =
            rebuilt.prepareStatement(
                "SELECT count(*) FROM instance WHERE sop_uid = ANY (?)"
                    + " UNION ALL SELECT count(*) FROM object_version WHERE sop_uid = ANY (?)"
                    + " UNION ALL SELECT count(*) FROM deleted_instance"
                    + " WHERE completed_at IS NOT NULL")) {
      List<String> deleted = new ArrayList<>();
      for (String name : List.of("oldCr", "undatedOldCr", "failingCr", "oldMg")) {
        deleted.addAll(sops(name));
      }
      Array a = rebuilt.createArrayOf("text", deleted.toArray());
      ps.setArray(1, a);
      ps.setArray(2, a);
      List<Integer> counts = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.add(rs.getInt(1));
        }
      }
      assertThat(counts).containsExactly(0, 0, 8);
      // The rebuilt index is the live one, except for the ids of events applied before deletion.
      Map<String, List<String>> expected = IndexSnapshot.of(live);
      Map<String, List<String>> actual = IndexSnapshot.of(rebuilt);
      expected.remove("processed_event");
      actual.remove("processed_event");
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  @Order(10)
  void metricsCountTheDeletionsAndTheHolds() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metric(metrics, "roentgen_archive_retention_studies_deleted_total")).isEqualTo(4);
    assertThat(metric(metrics, "roentgen_archive_retention_instances_deleted_total")).isEqualTo(8);
    // oldCr: two versions 1, a version 2 and a preview; failingCr two and a preview; two each of
    // undatedOldCr and oldMg.
    assertThat(metric(metrics, "roentgen_archive_retention_objects_deleted_total")).isEqualTo(11);
    assertThat(metric(metrics, "roentgen_archive_retention_failures_total")).isEqualTo(1);
    assertThat(metric(metrics, "roentgen_archive_legal_holds_active")).isEqualTo(1);
  }

  @Test
  @Order(11)
  void aDeletionPublishedByAnotherArchiveIsCompletedHere() throws Exception {
    // Another archive on the same topics deleted undatedNewCr (say, this one was being rebuilt).
    for (String sop : sops("undatedNewCr")) {
      DeletionsTopic.Deletion d =
          new DeletionsTopic.Deletion(
              sop, study("undatedNewCr"), Instant.now(), "admin@other-archive", 99L);
      producer
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  ArchiveResource.deletionsTopic(SCOPE),
                  sop,
                  EventJson.mapper().writeValueAsBytes(d)))
          .get(30, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (count("SELECT count(*) FROM study WHERE study_uid = ?", study("undatedNewCr")) > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertDeleted("undatedNewCr");
    assertAudited("undatedNewCr", "retention", "deletions topic");
    assertThat(
            count(
                "SELECT count(*) FROM deleted_instance WHERE study_uid = ?"
                    + " AND deleted_by = 'admin@other-archive' AND policy_id = 99"
                    + " AND completed_at IS NOT NULL",
                study("undatedNewCr")))
        .isEqualTo(2);
    assertKept("oldDx", "heldCr", "youngCr");
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static void assertDeleted(String... names) throws Exception {
    for (String name : names) {
      assertThat(count("SELECT count(*) FROM study WHERE study_uid = ?", study(name)))
          .as(name)
          .isZero();
      assertThat(count("SELECT count(*) FROM series WHERE study_uid = ?", study(name))).isZero();
      assertThat(count("SELECT count(*) FROM instance WHERE sop_uid = ANY (?)", sops(name)))
          .isZero();
      assertThat(count("SELECT count(*) FROM object_version WHERE sop_uid = ANY (?)", sops(name)))
          .isZero();
      assertThat(count("SELECT count(*) FROM validation WHERE sop_uid = ANY (?)", sops(name)))
          .isZero();
      assertThat(count("SELECT count(*) FROM qc WHERE sop_uid = ANY (?)", sops(name))).isZero();
      assertThat(count("SELECT count(*) FROM dose WHERE sop_uid = ANY (?)", sops(name))).isZero();
      for (String key : objects(name)) {
        assertThat(store.stat(ArchiveResource.BUCKET, key)).as(key).isEmpty();
      }
    }
  }

  private static void assertKept(String... names) throws Exception {
    for (String name : names) {
      assertThat(count("SELECT count(*) FROM instance WHERE study_uid = ?", study(name)))
          .as(name)
          .isEqualTo(2);
      for (String key : objects(name)) {
        assertThat(store.exists(ArchiveResource.BUCKET, key)).as(key).isTrue();
      }
    }
  }

  /** One STUDY_DELETED record for the study, by the user, naming its instances and patient. */
  private static void assertAudited(String name, String user, String operation) throws Exception {
    try (Connection c = ArchiveResource.connect(DATABASE);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT user_id, operation, action, outcome, study_uids, sop_uids, patient_ids"
                    + " FROM audit_event WHERE event_id = '110105' AND ? = ANY (study_uids)")) {
      ps.setString(1, study(name));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("a STUDY_DELETED record of " + name).isTrue();
        assertThat(rs.getString(1)).isEqualTo(user);
        assertThat(rs.getString(2)).isEqualTo(operation);
        assertThat(rs.getString(3)).isEqualTo("D");
        assertThat(rs.getInt(4)).isZero();
        assertThat((String[]) rs.getArray(5).getArray()).containsExactly(study(name));
        assertThat((String[]) rs.getArray(6).getArray())
            .containsExactlyInAnyOrderElementsOf(sops(name));
        assertThat((String[]) rs.getArray(7).getArray()).containsExactly(patient(name));
        assertThat(rs.next()).as("one record only").isFalse();
      }
    }
  }

  private static double indexed(String topic, String result) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith("roentgen_archive_events_indexed_total"))
        .filter(
            l -> l.contains("result=\"" + result + "\"") && l.contains("topic=\"" + topic + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static double metric(String metrics, String name) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
