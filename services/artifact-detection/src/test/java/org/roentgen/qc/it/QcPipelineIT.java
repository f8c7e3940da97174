package org.roentgen.qc.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.qc.it.PipelineKafka.bySop;
import static org.roentgen.qc.it.PipelineKafka.decode;
import static org.roentgen.qc.it.PipelineKafka.qcOf;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;
import org.roentgen.contracts.InstanceQc.Verdict;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.qc.TestImages;
import org.roentgen.qc.domain.Analysis;
import org.roentgen.qc.domain.Baselines;
import org.roentgen.qc.domain.ImageHeader;
import org.roentgen.qc.domain.QcAnalyzer;
import org.roentgen.qc.domain.QcSettings;

/**
 * The service as it runs, on a real Kafka broker and S3Proxy: synthetic radiographs stored in S3
 * the way ingest stores them and announced as {@code dicom.instance.validated} events come out on
 * {@code dicom.instance.qc} with their qc block, valid against the schema; objects that are gone,
 * pixel data that does not fit the header and a JPEG that does not decode come out NOT_ANALYSED
 * with the reason while the consumer goes on; a record that is not an event goes to the dead-letter
 * topic; an event waits while S3 is down and is published once it is back.
 */
@QuarkusTest
@QuarkusTestResource(QcPipelineResource.class)
class QcPipelineIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static PipelineKafka kafka;
  private static ObjectStore store;
  private static int next = 100;

  @Inject QcSettings settings;

  @BeforeAll
  static void clients() {
    kafka = new PipelineKafka();
    store = QcPipelineResource.store();
  }

  @AfterAll
  static void close() {
    kafka.close();
    store.close();
  }

  private static InstanceValidated stored(Path file) throws Exception {
    return TestImages.store(store, QcPipelineResource.BUCKET, file);
  }

  private static int index() {
    return next++;
  }

  /** Checks the record against the schema and returns its event. */
  private static CloudEvent<InstanceQc> valid(ConsumerRecord<String, byte[]> r) throws Exception {
    String json = new String(r.value(), StandardCharsets.UTF_8);
    assertThat(ContractSchemas.violations(Topics.INSTANCE_QC, json)).as(json).isEmpty();
    return decode(r);
  }

  @Test
  void imagesComeOutWithTheirQcBlockAndPreview(@TempDir Path dir) throws Exception {
    List<InstanceValidated> sent = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path f = TestImages.image(dir, index(), 256, 192);
      files.add(f);
      sent.add(stored(f));
    }
    String twice = UUID.randomUUID().toString();
    try (KafkaConsumer<String, byte[]> out = kafka.reader(QcPipelineResource.OUTPUT)) {
      kafka.send(sent.get(0), twice);
      kafka.send(sent.get(1));
      kafka.send(sent.get(2));
      kafka.send(sent.get(0), twice);
      Set<String> sops = Set.of(sop(sent.get(0)), sop(sent.get(1)), sop(sent.get(2)));
      List<ConsumerRecord<String, byte[]>> got = qcOf(out, sops, 4, WAIT);
      assertThat(got).hasSize(4);
      for (int i = 0; i < 3; i++) {
        ConsumerRecord<String, byte[]> r = got.get(i);
        CloudEvent<InstanceQc> e = valid(r);
        InstanceValidated v = sent.get(i);
        assertThat(r.key()).isEqualTo(v.instance().studyInstanceUid());
        assertThat(e.subject()).isEqualTo(sop(v));
        assertThat(e.data().instance()).isEqualTo(v.instance());
        assertThat(e.data().validation()).isEqualTo(v.validation());
        InstanceQc.Qc qc = e.data().qc();
        assertThat(qc.verdict()).isNotEqualTo(Verdict.NOT_ANALYSED);
        assertThat(qc.checkSet()).isEqualTo(settings.checkSet());
        assertPreview(qc, v, direct(files.get(i), v));
      }
      // The same input event again: the same event id, the same verdict, findings and metrics.
      CloudEvent<InstanceQc> first = decode(got.get(0));
      CloudEvent<InstanceQc> again = valid(got.get(3));
      assertThat(again.id()).isEqualTo(first.id());
      assertThat(again.data().qc().verdict()).isEqualTo(first.data().qc().verdict());
      assertThat(again.data().qc().findings()).isEqualTo(first.data().qc().findings());
      assertThat(again.data().qc().metrics()).isEqualTo(first.data().qc().metrics());
      assertThat(again.data().qc().preview()).isEqualTo(first.data().qc().preview());
    }
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("roentgen_qc_images_total{")
        .contains("roentgen_qc_station_images_total{")
        .contains("station=\"DXROOM1\"")
        .contains("roentgen_qc_exposure_index_count{")
        .contains("roentgen_qc_deviation_index_images_total{")
        .contains("roentgen_qc_deviation_index_sum{")
        .contains("roentgen_qc_processing_seconds_bucket{")
        .contains("roentgen_qc_check_seconds_count{check=\"decode\"")
        .contains("roentgen_qc_process_resident_memory_bytes{")
        .contains("roentgen_qc_consumer_lag{")
        .contains("service=\"artifact-detection\"");
  }

  /**
   * The preview in the event is there exactly when the analysis makes one (its checks are the
   * domain's), and then it is a PNG of its size beside the object.
   */
  private static void assertPreview(InstanceQc.Qc qc, InstanceValidated v, Analysis direct)
      throws Exception {
    if (direct.preview() == null) {
      assertThat(qc.preview()).as("the analysis makes no preview").isNull();
      return;
    }
    InstanceQc.Preview p = qc.preview();
    assertThat(p).isNotNull();
    assertThat(p.bucket()).isEqualTo(v.instance().object().bucket());
    assertThat(p.key()).isEqualTo(v.instance().object().key() + ".qc.png");
    assertThat(store.stat(p.bucket(), p.key()).orElseThrow().contentType()).isEqualTo("image/png");
    try (InputStream in = store.get(p.bucket(), p.key())) {
      BufferedImage png = ImageIO.read(in);
      assertThat(png.getWidth()).isEqualTo(p.width());
      assertThat(png.getHeight()).isEqualTo(p.height());
    }
  }

  /** The same file analysed here, directly, without baselines. */
  private Analysis direct(Path file, InstanceValidated v) throws Exception {
    InstanceReceived.PixelData pd = v.instance().pixelData();
    ImageHeader h =
        ImageHeader.fromDicomJson(v.instance().header(), v.instance().transferSyntaxUid());
    return new QcAnalyzer(settings, Baselines.NONE)
        .analyze(
            h,
            ByteBuffer.wrap(TestImages.slice(file, pd.offset(), pd.length())),
            pd.encapsulated());
  }

  @Test
  void pixelsThatCannotBeAnalysedAreReportedWithTheReasonAndTheConsumerGoesOn(@TempDir Path dir)
      throws Exception {
    InstanceValidated gone = stored(TestImages.image(dir, index(), 64, 64));
    store.delete(QcPipelineResource.BUCKET, gone.instance().object().key());
    InstanceValidated good = stored(TestImages.image(dir, index(), 64, 64));
    InstanceValidated whole = stored(TestImages.image(dir, index(), 64, 64));
    InstanceReceived.PixelData pd = whole.instance().pixelData();
    InstanceValidated halfLength =
        TestImages.withPixelData(
            whole, new InstanceReceived.PixelData(pd.offset(), pd.length() / 2, false));
    InstanceValidated zeroRows =
        stored(
            TestImages.write(
                dir,
                index(),
                64,
                64,
                UID.ExplicitVRLittleEndian,
                ds -> ds.setInt(Tag.Rows, VR.US, 0)));
    InstanceValidated jpeg = stored(TestImages.corruptJpeg(dir, index()));
    List<InstanceValidated> sent = List.of(gone, good, halfLength, zeroRows, jpeg);
    try (KafkaConsumer<String, byte[]> out = kafka.reader(QcPipelineResource.OUTPUT)) {
      for (InstanceValidated v : sent) {
        kafka.send(v);
      }
      Set<String> sops = Set.of(sop(gone), sop(good), sop(whole), sop(zeroRows), sop(jpeg));
      List<ConsumerRecord<String, byte[]>> got = qcOf(out, sops, sent.size(), WAIT);
      assertThat(got).hasSize(sent.size());
      List<String> order = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : got) {
        order.add(valid(r).data().instance().sopInstanceUid());
      }
      assertThat(order)
          .as("in the order sent")
          .containsExactly(sop(gone), sop(good), sop(whole), sop(zeroRows), sop(jpeg));
      Map<String, ConsumerRecord<String, byte[]>> bySop = bySop(got);
      assertNotAnalysed(bySop.get(sop(gone)), NotAnalysedReason.OBJECT_MISSING);
      assertThat(decode(bySop.get(sop(good))).data().qc().verdict())
          .isNotEqualTo(Verdict.NOT_ANALYSED);
      assertNotAnalysed(bySop.get(sop(whole)), NotAnalysedReason.PIXEL_DATA_MISMATCH);
      assertNotAnalysed(bySop.get(sop(zeroRows)), NotAnalysedReason.PIXEL_DATA_MISMATCH);
      assertNotAnalysed(bySop.get(sop(jpeg)), NotAnalysedReason.DECODE_FAILED);
    }
    assertThat(given().get("/q/metrics").then().extract().asString())
        .contains("roentgen_qc_not_analysed_total{reason=\"OBJECT_MISSING\"")
        .contains("roentgen_qc_not_analysed_total{reason=\"DECODE_FAILED\"");
  }

  private static void assertNotAnalysed(ConsumerRecord<String, byte[]> r, NotAnalysedReason why)
      throws Exception {
    InstanceQc.Qc qc = decode(r).data().qc();
    assertThat(qc.verdict()).isEqualTo(Verdict.NOT_ANALYSED);
    assertThat(qc.notAnalysed().reason()).as(qc.notAnalysed().message()).isEqualTo(why);
    assertThat(qc.preview()).isNull();
  }

  @Test
  void aRecordThatIsNoValidatedEventGoesToTheDeadLetterTopic(@TempDir Path dir) throws Exception {
    InstanceValidated after = stored(TestImages.image(dir, index(), 32, 32));
    try (KafkaConsumer<String, byte[]> dlq = kafka.reader(QcPipelineResource.INPUT + ".dlq");
        KafkaConsumer<String, byte[]> out = kafka.reader(QcPipelineResource.OUTPUT)) {
      kafka.sendRaw("1.2.3", "not an event, not even JSON".getBytes(StandardCharsets.UTF_8));
      kafka.send(after);
      List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (dead.isEmpty() && System.nanoTime() < deadline) {
        dlq.poll(Duration.ofMillis(200)).forEach(dead::add);
      }
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
          .isEqualTo("not an event, not even JSON");
      assertThat(KafkaCloudEvents.get(dead.get(0).headers(), "roentgen-dlq-reason")).isNotBlank();
      assertThat(qcOf(out, Set.of(sop(after)), 1, WAIT)).as("the next event goes on").hasSize(1);
    }
  }

  @Test
  void anEventWaitsWhileS3IsDownAndIsPublishedWhenItIsBack(@TempDir Path dir) throws Exception {
    InstanceValidated v = stored(TestImages.image(dir, index(), 128, 128));
    try (KafkaConsumer<String, byte[]> out = kafka.reader(QcPipelineResource.OUTPUT)) {
      QcPipelineResource.s3.stop();
      try {
        kafka.send(v);
        assertThat(qcOf(out, Set.of(sop(v)), 1, Duration.ofSeconds(8)))
            .as("nothing is published while the object cannot be read")
            .isEmpty();
        assertThat(given().get("/q/health/ready").then().extract().statusCode()).isEqualTo(503);
      } finally {
        QcPipelineResource.s3.start();
      }
      List<ConsumerRecord<String, byte[]>> got = qcOf(out, Set.of(sop(v)), 1, WAIT);
      assertThat(got).hasSize(1);
      assertThat(valid(got.get(0)).data().qc().verdict()).isNotEqualTo(Verdict.NOT_ANALYSED);
    }
    assertThat(given().get("/q/metrics").then().extract().asString())
        .containsPattern("roentgen_qc_retries_total\\{[^}]*\\} [1-9]");
  }

  private static String sop(InstanceValidated v) {
    return v.instance().sopInstanceUid();
  }
}
