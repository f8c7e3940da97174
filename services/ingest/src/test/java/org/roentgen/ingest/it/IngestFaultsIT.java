package org.roentgen.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.SyntheticRadiographs;
import org.roentgen.ingest.domain.ObjectKeys;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.stack.KafkaBroker;
import org.roentgen.stack.S3Server;

/**
 * Faults with the real servers: the Kafka broker stopped in the middle of a send and restarted, S3
 * likewise, and in spool mode the ingest process killed (SIGKILL) mid-send and restarted.
 * Afterwards every instance the sender saw answered Success is in S3 and on the topic; every other
 * one got a failure status; no association hangs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestFaultsIT {
  private static final String BUCKET = "faults";
  private static final String TOPIC = Topics.INSTANCE_RECEIVED.topic();
  private static Path tmp;
  private static KafkaBroker kafka;
  private static S3Server s3;
  private static IngestProcess ingest;
  private static MinioObjectStore store;

  @BeforeAll
  static void servers() throws Exception {
    tmp = Files.createTempDirectory("ingest-faults");
    kafka = KafkaBroker.builder().dataDir(tmp.resolve("kafka")).build();
    kafka.start();
    s3 = S3Server.builder().dataDir(tmp.resolve("s3")).build();
    s3.start();
    Map<String, String> config = new HashMap<>();
    config.put("ingest.kafka.bootstrap-servers", kafka.bootstrapServers());
    config.put("ingest.s3.endpoint", s3.endpoint());
    config.put("ingest.s3.access-key", s3.accessKey());
    config.put("ingest.s3.secret-key", s3.secretKey());
    config.put("ingest.s3.bucket", BUCKET);
    config.put("ingest.s3.connect-timeout", "2s");
    config.put("ingest.s3.request-timeout", "5s");
    config.put("ingest.store.timeout", "5s");
    config.put("ingest.spool.dir", tmp.resolve("spool").toString());
    config.put("ingest.spool.backoff", "500ms");
    config.put("ingest.spool.max-backoff", "2s");
    config.put("ingest.store.policies.SPOOLER", "spool");
    ingest = new IngestProcess(config, tmp.resolve("ingest.log"));
    ingest.start();
    store =
        new MinioObjectStore(ObjectStoreSettings.of(s3.endpoint(), s3.accessKey(), s3.secretKey()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (ingest != null) {
      ingest.close();
    }
    if (store != null) {
      store.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Readiness follows Kafka and S3: 503 while one is away, 200 once both are back. */
  private static void awaitReadiness(int status, Duration within) throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    int last = ingest.health("ready");
    while (last != status && System.nanoTime() < end) {
      Thread.sleep(200);
      last = ingest.health("ready");
    }
    assertThat(last).as("readiness").isEqualTo(status);
  }

  private static void awaitResponses(Storescu.Running run, int n) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (run.responses() < n && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertThat(run.responses()).as("responses before the fault").isGreaterThanOrEqualTo(n);
  }

  @Test
  @Order(1)
  void kafkaStoppedMidSendAndRestarted() throws Exception {
    List<Path> files = SyntheticRadiographs.write(tmp.resolve("k"), 1200, 64, 64, 101);
    Storescu.Running run = Storescu.start(ingest.dicomPort(), "MODALITY", files, "-nh");
    awaitResponses(run, 150);
    kafka.stop();
    long outageStart = System.nanoTime();
    awaitReadiness(503, Duration.ofSeconds(5));
    Thread.sleep(Math.max(0, 6000 - (System.nanoTime() - outageStart) / 1_000_000)); // the outage
    kafka.start();
    awaitReadiness(200, Duration.ofSeconds(60));
    Storescu.Result r = run.await(Duration.ofMinutes(5));
    assertEveryFileAnsweredAndEverySuccessDurable(files, r, Duration.ofSeconds(120));
  }

  @Test
  @Order(2)
  void s3StoppedMidSendAndRestarted() throws Exception {
    List<Path> files = SyntheticRadiographs.write(tmp.resolve("s"), 1200, 64, 64, 202);
    Storescu.Running run = Storescu.start(ingest.dicomPort(), "MODALITY", files, "-nh");
    awaitResponses(run, 150);
    s3.stop();
    Thread.sleep(4000); // the outage
    s3.start();
    Storescu.Result r = run.await(Duration.ofMinutes(5));
    assertEveryFileAnsweredAndEverySuccessDurable(files, r, Duration.ofSeconds(120));
  }

  @Test
  @Order(3)
  void spoolSurvivesSigkillMidSend() throws Exception {
    List<Path> files = SyntheticRadiographs.write(tmp.resolve("p"), 800, 64, 64, 303);
    Storescu.Running run = Storescu.start(ingest.dicomPort(), "SPOOLER", files);
    awaitResponses(run, 200);
    ingest.kill();
    Storescu.Result r = run.await(Duration.ofSeconds(60));
    assertThat(r.succeeded()).hasSizeGreaterThanOrEqualTo(200);
    ingest.start();
    // After the restart the uploader finishes the spool: every Success reaches S3 and Kafka.
    assertDurable(r.succeeded(), Duration.ofSeconds(180));
  }

  private static void assertEveryFileAnsweredAndEverySuccessDurable(
      List<Path> files, Storescu.Result r, Duration eventsWithin) throws Exception {
    Set<Path> answered = new HashSet<>(r.succeeded());
    answered.addAll(r.refused());
    assertThat(answered).as("every file was answered: " + tail(r.log())).hasSize(files.size());
    assertThat(r.refused()).as("the outage was felt").isNotEmpty();
    assertThat(r.succeeded()).as("and the send went on after it").hasSizeGreaterThan(150);
    assertDurable(r.succeeded(), eventsWithin);
  }

  /** Every file is in S3 under its key and has its event on the topic. */
  private static void assertDurable(Set<Path> succeeded, Duration within) throws Exception {
    Map<String, String> keyBySop = new HashMap<>();
    for (Path f : succeeded) {
      Attributes ds = DicomFile.readHeader(f).dataset();
      keyBySop.put(
          ds.getString(Tag.SOPInstanceUID),
          ObjectKeys.of(
              ds.getString(Tag.StudyInstanceUID),
              ds.getString(Tag.SeriesInstanceUID),
              ds.getString(Tag.SOPInstanceUID),
              1));
    }
    List<ConsumerRecord<String, byte[]>> records =
        ReceivedEvents.read(
            kafka.bootstrapServers(),
            TOPIC,
            within,
            all -> sops(all).containsAll(keyBySop.keySet()));
    Set<String> seen = sops(records);
    Set<String> missing = new HashSet<>(keyBySop.keySet());
    missing.removeAll(seen);
    assertThat(missing).as("acknowledged but without an event").isEmpty();
    for (ConsumerRecord<String, byte[]> rec : records) {
      String json = new String(rec.value(), StandardCharsets.UTF_8);
      assertThat(ContractSchemas.violations(Topics.INSTANCE_RECEIVED, json)).isEmpty();
    }
    for (Map.Entry<String, String> e : keyBySop.entrySet()) {
      assertThat(store.exists(BUCKET, e.getValue()))
          .as("acknowledged but not in S3: " + e.getValue())
          .isTrue();
    }
  }

  private static Set<String> sops(List<ConsumerRecord<String, byte[]>> records) {
    Set<String> s = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      s.add(KafkaCloudEvents.get(r.headers(), KafkaCloudEvents.SUBJECT));
    }
    return s;
  }

  private static String tail(String log) {
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }
}
