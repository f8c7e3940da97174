package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roentgen.stack.KafkaBrokerIT.KafkaClients;

/**
 * A broker of its own (never the shared one) stopped or killed and started again keeps its port,
 * its topics and their records, and leaves no process behind.
 */
class KafkaBrokerRestartIT {

  @Test
  void stopAndKillThenRestartKeepThePortAndTheData() throws Exception {
    try (KafkaBroker kafka = KafkaBroker.builder().partitions(1).build()) {
      kafka.start();
      String bootstrap = kafka.bootstrapServers();
      KafkaClients.send(bootstrap, "restart", "a", "before stop");
      long firstPid = kafka.pid().orElseThrow();

      kafka.stop();

      assertThat(kafka.isRunning()).isFalse();
      assertThat(ProcessHandle.of(firstPid)).isEmpty();
      kafka.start();
      assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
      KafkaClients.send(bootstrap, "restart", "b", "after stop");
      long secondPid = kafka.pid().orElseThrow();

      kafka.kill();

      assertThat(ProcessHandle.of(secondPid)).isEmpty();
      kafka.start();
      assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
      KafkaClients.send(bootstrap, "restart", "c", "after kill");
      assertThat(KafkaClients.readAll(bootstrap, "restart", 3))
          .containsExactly(
              Map.entry("a", "before stop"),
              Map.entry("b", "after stop"),
              Map.entry("c", "after kill"));
    }
  }
}
