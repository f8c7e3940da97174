package org.roentgen.router.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.roentgen.dicom.testkit.OrthancServer;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.stack.S3Server;
import org.roentgen.stack.SharedStack;

/**
 * The router's surroundings for the service test: the shared real Kafka broker with this run's own
 * topics (input, release and output of one partition, so events are routed and read in the order
 * sent), an S3 server (S3Proxy) of the test's own, Orthanc as the PACS, and DCMTK storescp
 * processes as the other DICOM destinations. The rule file is written into a folder of the run and
 * edited by the test while the service runs.
 *
 * <p>Destinations: {@code orthanc} (the PACS); {@code archive} (a storescp, one association so that
 * its deliveries go one at a time, in queue order); {@code research} (a storescp whose rule
 * de-identifies); {@code outage} (a storescp that the test stops and starts, with short retries and
 * circuit times); {@code nowhere} (a port nothing listens on until the test starts a storescp
 * there, two attempts, then a dead letter).
 */
public class RouterPipelineResource implements QuarkusTestResourceLifecycleManager {
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String INPUT = "it-router-qc-" + RUN;
  static final String OUTPUT = "it-router-delivery-" + RUN;
  static final String RELEASED = "it-router-released-" + RUN;
  static final String LEDGER = "it-router-ledger-" + RUN;
  static final String DEAD_LETTERS = "it-router-dead-letters-" + RUN;
  static final String BUCKET = "it-router-dicom-" + RUN;
  static final String SITE_KEY = "router-it-site-key-" + RUN;
  static final String ORTHANC_AE = "ORTHANC";

  static volatile Path work;
  static volatile Path rules;
  static volatile S3Server s3;
  static volatile OrthancServer orthanc;
  static volatile StoreScp archive;
  static volatile StoreScp research;
  static volatile StoreScp outage;
  static volatile SlowScp slow;

  /** How long the slow PACS takes over each instance. */
  static final Duration SLOW_PACS = Duration.ofMillis(250);

  static volatile int nowherePort;

  /**
   * The rule file: by Station Name, each test's instances meet their own rules; {@code reloadTo} is
   * the destination of the rule the reload test edits.
   */
  static String rulesText(String reloadTo) {
    return """
        # The router service test's rules (RouterPipelineIT); the test edits the last rule.
        defaults:
          quarantineOnFail: true
        rules:
          - id: radiography-to-pacs
            match:
              StationName: ROUTING
              Modality: [CR, DX]
            actions:
              sendTo: [orthanc]
          - id: everything-to-archive
            match:
              StationName: [ROUTING, PRIORITY, QUARANTINE]
            actions:
              sendTo: [archive]
          - id: outage
            match: {StationName: OUTAGE}
            actions: {sendTo: [outage]}
          - id: slow-pacs
            match: {StationName: SLOW}
            actions: {sendTo: [slow]}
          - id: nobody-listens
            match: {StationName: DEADLETTER}
            actions: {sendTo: [nowhere]}
          - id: research
            match: {StationName: RESEARCH}
            actions:
              sendTo: [research]
              deidentify: {research: true}
          - id: held-for-the-study
            match: {StationName: HOLD}
            actions:
              sendTo: [archive]
              holdForStudyCompletion: 3
          - id: reloaded
            match: {StationName: RELOAD}
            actions:
              sendTo: [%s]
        """
        .formatted(reloadTo);
  }

  /** Replaces the rule file at once (a reader never sees half of it). */
  static void writeRules(String text) throws IOException {
    Path tmp = rules.resolveSibling("rules.yaml.tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, rules, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public Map<String, String> start() {
    SharedStack stack = SharedStack.get();
    try {
      work = Files.createTempDirectory("router-it-");
      rules = work.resolve("rules.yaml");
      writeRules(rulesText("archive"));
      s3 = S3Server.builder().build();
      s3.start();
      try (ObjectStore store = store()) {
        store.ensureBucket(BUCKET);
      }
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
      try (Admin admin = Admin.create(p)) {
        admin
            .createTopics(
                List.of(
                    new NewTopic(INPUT, 1, (short) 1),
                    new NewTopic(OUTPUT, 1, (short) 1),
                    new NewTopic(RELEASED, 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      orthanc = OrthancServer.start(work.resolve("orthanc"), ORTHANC_AE, List.of());
      archive = StoreScp.start(work.resolve("archive"));
      research = StoreScp.start(work.resolve("research"));
      outage = StoreScp.start(work.resolve("outage"));
      slow = SlowScp.start(SLOW_PACS);
      nowherePort = StoreScp.freePort();
    } catch (Exception e) {
      stop();
      throw new IllegalStateException("cannot set up the router service test: " + e, e);
    }
    Map<String, String> c = new HashMap<>();
    c.put("router.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
    c.put("router.kafka.group-id", "it-router-" + RUN);
    c.put("router.kafka.input-topic", INPUT);
    c.put("router.kafka.output-topic", OUTPUT);
    c.put("router.kafka.release-topic", RELEASED);
    c.put("router.kafka.ledger-topic", LEDGER);
    c.put("router.kafka.dead-letter-topic", DEAD_LETTERS);
    c.put("router.kafka.commit-interval", "200ms");
    // Longer than the test's waits: a write that hangs until its timeout fails the test rather
    // than passing late.
    c.put("router.kafka.publish-timeout", "2m");
    c.put("router.kafka.retry-backoff", "100ms");
    c.put("router.kafka.retry-max-backoff", "1s");
    c.put("router.s3.endpoint", s3.endpoint());
    c.put("router.s3.access-key", s3.accessKey());
    c.put("router.s3.secret-key", s3.secretKey());
    c.put("router.s3.bucket", BUCKET);
    c.put("router.s3.connect-timeout", "1s");
    c.put("router.s3.request-timeout", "5s");
    c.put("router.rules.file", rules.toString());
    c.put("router.rules.reload-interval", "200ms");
    c.put("router.deidentify.site-key", SITE_KEY);
    c.put("router.engine.hold-tick", "200ms");
    dicom(c, "orthanc", ORTHANC_AE, orthanc.dicomPort());
    dicom(c, "archive", StoreScp.AE_TITLE, archive.port());
    c.put("router.destinations.archive.max-associations", "1");
    dicom(c, "research", StoreScp.AE_TITLE, research.port());
    dicom(c, "outage", StoreScp.AE_TITLE, outage.port());
    c.put("router.destinations.outage.max-associations", "1");
    dicom(c, "slow", SlowScp.AE_TITLE, slow.port());
    c.put("router.destinations.slow.max-associations", "1");
    c.put("router.destinations.outage.retry.max-attempts", "100");
    c.put("router.destinations.outage.retry.initial-backoff", "200ms");
    c.put("router.destinations.outage.retry.max-backoff", "1s");
    c.put("router.destinations.outage.breaker.failure-threshold", "3");
    c.put("router.destinations.outage.breaker.open-for", "300ms");
    c.put("router.destinations.outage.breaker.max-open-for", "1s");
    dicom(c, "nowhere", StoreScp.AE_TITLE, nowherePort);
    c.put("router.destinations.nowhere.retry.max-attempts", "2");
    c.put("router.destinations.nowhere.retry.initial-backoff", "100ms");
    c.put("router.destinations.nowhere.retry.max-backoff", "200ms");
    c.put("router.destinations.nowhere.breaker.failure-threshold", "10");
    return c;
  }

  /** A DICOM destination on the loopback with short timeouts. */
  private static void dicom(Map<String, String> c, String name, String ae, int port) {
    String k = "router.destinations." + name + ".";
    c.put(k + "kind", "dicom");
    c.put(k + "ae-title", ae);
    c.put(k + "host", "127.0.0.1");
    c.put(k + "port", Integer.toString(port));
    c.put(k + "connect-timeout", "1s");
    c.put(k + "association-timeout", "5s");
    c.put(k + "dimse-timeout", "10s");
  }

  /** A client of the test's S3 server. */
  static ObjectStore store() {
    return new MinioObjectStore(
        ObjectStoreSettings.of(s3.endpoint(), s3.accessKey(), s3.secretKey()));
  }

  @Override
  public void stop() {
    for (AutoCloseable c : new AutoCloseable[] {archive, research, outage, slow, orthanc, s3}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the others are stopped anyway
      }
    }
    if (work != null) {
      try (Stream<Path> s = Files.walk(work)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a temporary folder: left behind
      }
    }
  }
}
