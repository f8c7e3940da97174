package org.roentgen.archive.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.archive.auth.Roles;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.stack.SharedStack;

/**
 * Access to the archive: who may do what (local users and OIDC bearer tokens, each role), and the
 * audit trail every call to patient data leaves, walked endpoint by endpoint from the OpenAPI
 * document.
 */
@QuarkusTest
@QuarkusTestResource(
    value = ArchiveResource.class,
    restrictToAnnotatedClass = true,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "scope", value = "access"))
class ArchiveAccessIT {
  static final String DATABASE = ArchiveResource.database("access");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Endpoints without patient data: not audited. */
  private static final List<String> NOT_PATIENT_DATA = List.of("GET /api/me");

  @TempDir static Path files;
  static ObjectStore store;
  static Producer<String, byte[]> producer;
  static PipelineEvents.Stored image;

  @BeforeAll
  static void oneStudy() throws Exception {
    store = ArchiveResource.store();
    producer =
        new KafkaProducer<>(
            ProducerSettings.durable(
                SharedStack.get().kafkaBootstrapServers(),
                "archive-access-it",
                Duration.ofSeconds(30)));
    PipelineEvents pipeline =
        new PipelineEvents(
            store, ArchiveResource.BUCKET, files, producer, ArchiveResource.topics("access"));
    Attributes ds = ClinicalRadiographs.image(40, 96, 64, 11);
    ds.setString(Tag.StudyDate, VR.DA, "20261020");
    image = pipeline.store(ds, 1, null);
    pipeline.received(image);
    pipeline.validated(image, InstanceValidated.Verdict.PASS);
    pipeline.qc(image, InstanceValidated.Verdict.PASS, InstanceQc.Verdict.PASS);
  }

  @org.junit.jupiter.api.BeforeEach
  void indexed() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      int code =
          as(Roles.VIEWER)
              .queryParam("SOPInstanceUID", image.sop())
              .get("/dicomweb/instances")
              .then()
              .extract()
              .statusCode();
      String body =
          as(Roles.VIEWER)
              .queryParam("SOPInstanceUID", image.sop())
              .get("/dicomweb/instances")
              .asString();
      if (code == 200 && body.contains(image.sop())) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the access test's instance was not indexed");
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

  static RequestSpecification bearer(String token) {
    return given().header("Authorization", "Bearer " + token);
  }

  // ---- who may do what ----------------------------------------------------------------------

  @Test
  void withoutCredentialsOrWithWrongOnesNothingIsServed() {
    given().get("/dicomweb/studies").then().statusCode(401);
    given().get("/dicomweb/studies/" + image.study()).then().statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic(Roles.VIEWER, "wrong")
        .get("/dicomweb/studies")
        .then()
        .statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic("nobody", "x")
        .get("/dicomweb/studies")
        .then()
        .statusCode(401);
  }

  @Test
  void eachRoleReachesWhatItNeedsAndNoMore() {
    for (String role : Roles.ORDER) {
      as(role).get("/dicomweb/studies").then().statusCode(200);
    }
    as(Roles.VIEWER).get("/api/audit").then().statusCode(403);
    as(Roles.TECHNOLOGIST).get("/api/audit").then().statusCode(403);
    as(Roles.QA).get("/api/audit").then().statusCode(200);
    as(Roles.ADMIN).get("/api/audit").then().statusCode(200);
    JsonNode me =
        JSON.valueToTree(
            as(Roles.QA).get("/api/me").then().statusCode(200).extract().as(Map.class));
    assertThat(me.path("user").asText()).isEqualTo(Roles.QA);
    assertThat(me.path("roles").toString())
        .contains("viewer", "technologist", "qa")
        .doesNotContain("admin");
  }

  @Test
  void oidcBearerTokensCarryTheRoles() {
    Instant later = Instant.now().plusSeconds(300);
    bearer(Tokens.token("dr.who", List.of(Roles.VIEWER), later))
        .get("/dicomweb/studies")
        .then()
        .statusCode(200);
    bearer(Tokens.token("dr.who", List.of(Roles.VIEWER), later))
        .get("/api/audit")
        .then()
        .statusCode(403);
    bearer(Tokens.token("qa.lead", List.of(Roles.QA), later))
        .get("/api/audit")
        .then()
        .statusCode(200);
    bearer(Tokens.token("dr.who", List.of(), later))
        .get("/dicomweb/studies")
        .then()
        .statusCode(403);
    bearer(Tokens.token("dr.who", List.of(Roles.ADMIN), Instant.now().minusSeconds(600)))
        .get("/dicomweb/studies")
        .then()
        .statusCode(401);
    bearer(Tokens.sign(Tokens.OTHER_KEYS, "mallory", List.of(Roles.ADMIN), later))
        .get("/dicomweb/studies")
        .then()
        .statusCode(401);
  }

  // ---- the audit trail ----------------------------------------------------------------------

  @Test
  void aRetrieveIsAuditedWithWhoWhenWhatAndWhere() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    bearer(Tokens.token("tech.mlopez", List.of(Roles.TECHNOLOGIST), Instant.now().plusSeconds(300)))
        .get(
            "/dicomweb/studies/"
                + image.study()
                + "/series/"
                + image.series()
                + "/instances/"
                + image.sop())
        .then()
        .statusCode(200);
    JsonNode messages =
        JSON.readTree(
            as(Roles.QA)
                .queryParam("user", "tech.mlopez")
                .queryParam("from", before.toString())
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(messages).hasSize(1);
    JsonNode m = messages.get(0);
    JsonNode ev = m.path("EventIdentification");
    assertThat(ev.path("EventID").path("csd-code").asText()).isEqualTo("110104");
    assertThat(ev.path("EventActionCode").asText()).isEqualTo("R");
    assertThat(ev.path("EventOutcomeIndicator").asText()).isEqualTo("0");
    assertThat(Instant.parse(ev.path("EventDateTime").asText())).isAfter(before);
    JsonNode user = m.path("ActiveParticipant").get(0);
    assertThat(user.path("UserID").asText()).isEqualTo("tech.mlopez");
    assertThat(user.path("UserIsRequestor").asBoolean()).isTrue();
    assertThat(user.path("NetworkAccessPointID").asText()).isEqualTo("127.0.0.1");
    List<String> objects = new ArrayList<>();
    m.path("ParticipantObjectIdentification")
        .forEach(o -> objects.add(o.path("ParticipantObjectID").asText()));
    assertThat(objects)
        .contains(image.study(), image.sop(), image.dataset().getString(Tag.PatientID));
    // The refused call of a viewer is recorded too, as refused.
    as(Roles.VIEWER).get("/api/audit").then().statusCode(403);
    JsonNode refused =
        JSON.readTree(
            as(Roles.QA)
                .queryParam("user", Roles.VIEWER)
                .queryParam("from", before.toString())
                .get("/api/audit")
                .asString());
    assertThat(refused.toString()).contains("\"EventOutcomeIndicator\":\"4\"");
  }

  @Test
  void theAuditTrailCannotBeChangedOrDeleted() throws Exception {
    as(Roles.VIEWER).get("/dicomweb/studies").then().statusCode(200);
    try (Connection c = ArchiveResource.connect(DATABASE);
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_event SET user_id = 'someone'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_event"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_event"))
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void everyEndpointInTheOpenApiDocumentLeavesAnAuditRecord() throws Exception {
    JsonNode openapi =
        JSON.readTree(
            given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    Map<String, String> values =
        Map.of(
            "study", image.study(),
            "series", image.series(),
            "instance", image.sop(),
            "sop", image.sop(),
            "frame", "1",
            "frames", "1");
    int walked = 0;
    List<String> unaudited = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next().toUpperCase(java.util.Locale.ROOT);
        if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
          continue;
        }
        String operation = method + " " + path.getKey();
        if (NOT_PATIENT_DATA.contains(operation)) {
          continue;
        }
        String url = path.getKey();
        for (Map.Entry<String, String> v : values.entrySet()) {
          url = url.replace("{" + v.getKey() + "}", v.getValue());
        }
        assertThat(url)
            .as(operation + ": a path parameter the test does not know")
            .doesNotContain("{");
        long last = lastAuditId();
        as(Roles.ADMIN).contentType("application/json").body("{}").request(method, url);
        if (!audited(last, operation)) {
          unaudited.add(operation);
        }
        walked++;
      }
    }
    assertThat(walked).isGreaterThanOrEqualTo(16);
    assertThat(unaudited).as("endpoints without an audit record").isEmpty();
  }

  private static long lastAuditId() throws Exception {
    try (Connection c = ArchiveResource.connect(DATABASE);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM audit_event")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean audited(long after, String operation) throws Exception {
    try (Connection c = ArchiveResource.connect(DATABASE);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM audit_event WHERE id > ? AND operation = ? AND user_id = ?")) {
      ps.setLong(1, after);
      ps.setString(2, operation);
      ps.setString(3, Roles.ADMIN);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    }
  }
}
