package org.roentgen.validation.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.roentgen.stack.SharedStack;
import org.roentgen.validation.LabeledCase;
import org.roentgen.validation.LabeledCorpus;
import org.roentgen.validation.WorklistFiles;
import org.roentgen.validation.WorklistScp;
import org.roentgen.validation.domain.ScheduledStep;

/**
 * The service's surroundings for the pipeline tests: the shared real Kafka broker with this run's
 * own topics (input with one partition, so the corpus is validated in the order it is sent), and
 * DCMTK's worklist SCP ({@code wlmscpfs}) holding the labeled corpus's orders.
 */
public class PipelineResource implements QuarkusTestResourceLifecycleManager {
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String INPUT = "it-received-" + RUN;
  static final String OUTPUT = "it-validated-" + RUN;
  static final String RECHECK = "it-recheck-" + RUN;
  static final String AE = "WORKLIST";
  static volatile WorklistScp scp;

  @Override
  public Map<String, String> start() {
    SharedStack stack = SharedStack.get();
    try {
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
      try (Admin admin = Admin.create(p)) {
        admin
            .createTopics(
                List.of(new NewTopic(INPUT, 1, (short) 1), new NewTopic(OUTPUT, 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      Path dir = Files.createTempDirectory("worklist");
      WorklistFiles files = new WorklistFiles(dir.resolve("data"), AE);
      for (LabeledCase c : LabeledCorpus.cases()) {
        for (ScheduledStep s : c.orders()) {
          files.add(s);
        }
      }
      scp = WorklistScp.start(files, dir.resolve("wlmscpfs.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the pipeline test: " + e, e);
    }
    return Map.ofEntries(
        Map.entry("validation.kafka.bootstrap-servers", stack.kafkaBootstrapServers()),
        Map.entry("validation.kafka.input-topic", INPUT),
        Map.entry("validation.kafka.output-topic", OUTPUT),
        Map.entry("validation.kafka.recheck-topic", RECHECK),
        Map.entry("validation.kafka.identities-topic", "it-identities-" + RUN),
        Map.entry("validation.worklist.recheck-after", "2s"),
        Map.entry("validation.worklist.recheck-attempts", "5"),
        Map.entry("validation.kafka.group-id", "it-validation-" + RUN),
        Map.entry("validation.kafka.retry-backoff", "100ms"),
        Map.entry("validation.kafka.retry-max-backoff", "1s"),
        Map.entry("validation.worklist.host", scp.host()),
        Map.entry("validation.worklist.port", Integer.toString(scp.port())),
        Map.entry("validation.worklist.called-ae-title", AE),
        Map.entry("validation.worklist.response-timeout", "2s"),
        Map.entry("validation.worklist.cache-negative-ttl", "0s"));
  }

  @Override
  public void stop() {
    if (scp != null) {
      scp.close();
    }
  }
}
