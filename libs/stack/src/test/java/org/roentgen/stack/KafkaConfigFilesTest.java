package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConfigFilesTest {

  @Test
  void oneNodeIsBrokerAndControllerWithReplicationFactorOne() {
    Map<String, String> p =
        KafkaConfigFiles.serverProperties(
            "127.0.0.1", 9092, 9093, Path.of("/data/kafka"), 3, true, Map.of());

    assertThat(p)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
        .containsEntry("log.dirs", "/data/kafka/kafka-logs")
        .containsEntry("num.partitions", "3")
        .containsEntry("auto.create.topics.enable", "true")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("min.insync.replicas", "1");
  }

  @Test
  void extraPropertiesOverrideTheDefaults() {
    Map<String, String> p =
        KafkaConfigFiles.serverProperties(
            "127.0.0.1", 1, 2, Path.of("/d"), 3, true, Map.of("num.partitions", "7"));

    assertThat(p).containsEntry("num.partitions", "7");
  }

  @Test
  void theLogGoesToAFileInTheDataFolder() {
    assertThat(KafkaConfigFiles.log4j2(Path.of("/data/kafka")))
        .contains("appender.file.fileName = /data/kafka/broker.log")
        .doesNotContain("Console");
  }

  @Test
  void aClusterIdIsSixteenBytesOfUrlSafeBase64() {
    String id = KafkaBroker.newClusterId();

    assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
    assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
    assertThat(KafkaBroker.newClusterId()).isNotEqualTo(id);
  }
}
