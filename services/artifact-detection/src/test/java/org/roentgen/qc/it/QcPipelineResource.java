package org.roentgen.qc.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.qc.domain.CheckIds;
import org.roentgen.stack.S3Server;
import org.roentgen.stack.SharedStack;

/**
 * The service's surroundings for the pipeline test: the shared real Kafka broker with this run's
 * own topics (input and output of one partition, so events come out in the order they went in), and
 * an S3 server (S3Proxy) of the test's own, since the test stops and restarts it. Two check
 * settings are overridden, so that the settings in force differ from the defaults.
 */
public class QcPipelineResource implements QuarkusTestResourceLifecycleManager {
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String INPUT = "it-validated-" + RUN;
  static final String OUTPUT = "it-qc-" + RUN;
  static final String BASELINES = "it-qc-baselines-" + RUN;
  static final String BUCKET = "it-dicom-" + RUN;
  static final double UNDER_THRESHOLD = 0.07;
  static volatile S3Server s3;

  @Override
  public Map<String, String> start() {
    SharedStack stack = SharedStack.get();
    s3 = S3Server.builder().build();
    s3.start();
    try (ObjectStore store = store()) {
      store.ensureBucket(BUCKET);
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
      try (Admin admin = Admin.create(p)) {
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(INPUT)) {
          admin
              .createTopics(
                  List.of(new NewTopic(INPUT, 1, (short) 1), new NewTopic(OUTPUT, 1, (short) 1)))
              .all()
              .get(30, TimeUnit.SECONDS);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the pipeline test: " + e, e);
    }
    return Map.ofEntries(
        Map.entry("qc.kafka.bootstrap-servers", stack.kafkaBootstrapServers()),
        Map.entry("qc.kafka.input-topic", INPUT),
        Map.entry("qc.kafka.output-topic", OUTPUT),
        Map.entry("qc.kafka.group-id", "it-qc-" + RUN),
        // Two consumers in the group: one gets the partition, the other waits in the group.
        Map.entry("qc.kafka.consumers", "2"),
        Map.entry("qc.kafka.retry-backoff", "100ms"),
        Map.entry("qc.kafka.retry-max-backoff", "1s"),
        Map.entry("qc.s3.endpoint", s3.endpoint()),
        Map.entry("qc.s3.access-key", s3.accessKey()),
        Map.entry("qc.s3.secret-key", s3.secretKey()),
        Map.entry("qc.s3.bucket", BUCKET),
        Map.entry("qc.s3.connect-timeout", "1s"),
        Map.entry("qc.s3.request-timeout", "5s"),
        Map.entry("qc.baselines.topic", BASELINES),
        Map.entry("qc.baselines.write-interval", "1s"),
        Map.entry(
            "qc.checks.\"" + CheckIds.EXPOSURE_UNDER + "\".threshold",
            Double.toString(UNDER_THRESHOLD)),
        Map.entry("qc.checks.\"" + CheckIds.BLUR + "\".enabled", "false"));
  }

  /** A client of the test's S3 server. */
  static ObjectStore store() {
    return new MinioObjectStore(
        ObjectStoreSettings.of(s3.endpoint(), s3.accessKey(), s3.secretKey()));
  }

  @Override
  public void stop() {
    if (s3 != null) {
      s3.close();
    }
  }
}
