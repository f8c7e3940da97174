package org.roentgen.qc.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.qc.TestImages;
import org.roentgen.qc.config.QcBeans;
import org.roentgen.qc.domain.Analysis;
import org.roentgen.qc.domain.Baselines;
import org.roentgen.qc.domain.CheckIds;
import org.roentgen.qc.domain.ImageHeader;
import org.roentgen.qc.domain.QcAnalyzer;
import org.roentgen.qc.domain.QcSettings;
import org.roentgen.qc.storage.PersistedBaselines;

/**
 * The service's HTTP side and its state, in the same running service as {@link QcPipelineIT}:
 * {@code GET /checks} shows the configured overrides, {@code POST /analyze} answers a file's qc
 * block (400 for what is no DICOM file), health answers, and the baselines reach their topic.
 */
@QuarkusTest
@QuarkusTestResource(QcPipelineResource.class)
class QcWebIT {
  @Inject QcSettings settings;
  @Inject PersistedBaselines baselines;

  @Test
  void getChecksShowsTheSettingsInForce() {
    Response r = given().get("/checks").then().statusCode(200).extract().response();
    assertThat(r.jsonPath().getString("checkSet"))
        .matches("[0-9a-f]{64}")
        .isEqualTo(settings.checkSet())
        .isNotEqualTo(QcSettings.defaults().checkSet());
    assertThat(r.jsonPath().getList("checks.id")).containsExactlyElementsOf(CheckIds.ALL);
    assertThat(
            r.jsonPath()
                .getDouble("checks.find { it.id == '" + CheckIds.EXPOSURE_UNDER + "' }.threshold"))
        .isEqualTo(QcPipelineResource.UNDER_THRESHOLD);
    assertThat(r.jsonPath().getBoolean("checks.find { it.id == 'blur' }.enabled")).isFalse();
    assertThat(r.jsonPath().getString("checks.find { it.id == 'blur' }.severity"))
        .isEqualTo(QcSettings.defaults().check(CheckIds.BLUR).severity().name());
    assertThat(r.jsonPath().getDouble("workingSpacingMm"))
        .isEqualTo(QcSettings.defaults().workingSpacingMm());
  }

  @Test
  void postAnalyzeAnswersTheQcBlockOfAFile(@TempDir Path dir) throws Exception {
    Path file = TestImages.image(dir, 7, 256, 256);
    InstanceValidated v = TestImages.event(file, "unused-bucket");
    Analysis direct = direct(file, v);
    Response r =
        given()
            .contentType("application/dicom")
            .body(Files.readAllBytes(file))
            .post("/analyze")
            .then()
            .statusCode(200)
            .extract()
            .response();
    InstanceQc.Qc qc = EventJson.mapper().readValue(r.asByteArray(), InstanceQc.Qc.class);
    assertThat(qc.verdict())
        .isEqualTo(direct.verdict())
        .isNotEqualTo(InstanceQc.Verdict.NOT_ANALYSED);
    assertThat(qc.findings()).isEqualTo(direct.findings());
    assertThat(qc.checkSet()).isEqualTo(settings.checkSet());
    assertThat(qc.analyser()).isEqualTo(QcBeans.instanceName());
    assertThat(qc.preview()).as("nothing is stored").isNull();

    int previewStatus = direct.preview() == null ? 404 : 200;
    Response p =
        given()
            .contentType("application/dicom")
            .body(Files.readAllBytes(file))
            .post("/analyze/preview")
            .then()
            .statusCode(previewStatus)
            .extract()
            .response();
    if (previewStatus == 200) {
      assertThat(p.contentType()).startsWith("image/png");
      assertThat(p.asByteArray()).startsWith(0x89, 'P', 'N', 'G');
    }

    given()
        .contentType("application/dicom")
        .body(Files.readAllBytes(TestImages.corruptJpeg(dir, 8)))
        .post("/analyze")
        .then()
        .statusCode(200)
        .body("verdict", equalTo("NOT_ANALYSED"))
        .body("notAnalysed.reason", equalTo("DECODE_FAILED"));
    Path noPixels =
        TestImages.write(
            dir, 9, 32, 32, UID.ExplicitVRLittleEndian, ds -> ds.remove(Tag.PixelData));
    given()
        .contentType("application/dicom")
        .body(Files.readAllBytes(noPixels))
        .post("/analyze")
        .then()
        .statusCode(200)
        .body("notAnalysed.reason", equalTo("NO_PIXEL_DATA"));
  }

  @Test
  void postAnalyzeRefusesWhatIsNoDicomFile() {
    given()
        .contentType("application/dicom")
        .body("this is no DICOM file at all, just some text".getBytes(StandardCharsets.UTF_8))
        .post("/analyze")
        .then()
        .statusCode(400)
        .body("error", containsString("DICOM"));
    given()
        .contentType("application/dicom")
        .body(new byte[0])
        .post("/analyze")
        .then()
        .statusCode(400)
        .body("error", containsString("empty"));
  }

  @Test
  void healthAnswers() {
    given().get("/q/health/live").then().statusCode(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = 0;
    while (status != 200 && System.nanoTime() < deadline) {
      status = given().get("/q/health/ready").then().extract().statusCode();
    }
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks", hasSize(1))
        .body("checks[0].data.consumer", equalTo("RUNNING"))
        .body("checks[0].data.s3", equalTo("up"))
        .body("checks[0].data.kafka", matchesPattern("up"));
  }

  @Test
  void recordedBaselinesReachTheirTopic() throws Exception {
    baselines.record("IT-STATION", "CHEST/PA", "sharpness", 4.25);
    String key = "IT-STATION|CHEST/PA|sharpness|" + QcBeans.instanceName();
    try (PipelineKafka kafka = new PipelineKafka();
        KafkaConsumer<String, byte[]> c = kafka.reader(QcPipelineResource.BASELINES)) {
      List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (found.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (key.equals(r.key())) {
            found.add(r);
          }
        }
      }
      assertThat(found).as("written within the write interval (1 s here)").isNotEmpty();
      assertThat(EventJson.mapper().readValue(found.get(0).value(), double[].class))
          .containsExactly(4.25);
    }
  }

  private Analysis direct(Path file, InstanceValidated v) throws Exception {
    var pd = v.instance().pixelData();
    ImageHeader h =
        ImageHeader.fromDicomJson(v.instance().header(), v.instance().transferSyntaxUid());
    return new QcAnalyzer(settings, Baselines.NONE)
        .analyze(h, ByteBuffer.wrap(TestImages.slice(file, pd.offset(), pd.length())), false);
  }
}
