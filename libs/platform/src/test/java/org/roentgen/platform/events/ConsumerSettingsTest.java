package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {
  private static final ConsumerSettings DEFAULTS =
      ConsumerSettings.of("kafka:9092", "labeling-validation", "labeling-validation-0");

  @Test
  void theConsumerCommitsByHandAndStartsANewGroupAtTheBeginning() {
    Properties p = DEFAULTS.consumerProperties();
    assertThat(p)
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("group.id", "labeling-validation")
        .containsEntry("client.id", "labeling-validation-0")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("max.poll.records", 100)
        .containsEntry("session.timeout.ms", 45_000)
        .containsEntry("heartbeat.interval.ms", 3_000)
        .containsEntry("max.poll.interval.ms", 300_000);
  }

  @Test
  void theHeartbeatStaysWithinAThirdOfAShortSession() {
    Properties p = DEFAULTS.withSessionTimeout(Duration.ofSeconds(6)).consumerProperties();
    assertThat(p).containsEntry("heartbeat.interval.ms", 2_000);
  }

  @Test
  void theDeadLetterProducerIsDurable() {
    Properties p = DEFAULTS.deadLetterProducerProperties();
    assertThat(p)
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("client.id", "labeling-validation-0-dlq")
        .containsEntry("delivery.timeout.ms", 30_000);
  }

  @Test
  void withersChangeOneValue() {
    ConsumerSettings s =
        DEFAULTS
            .withMaxPollRecords(10)
            .withPollTimeout(Duration.ofMillis(100))
            .withRetryBackoff(Duration.ofMillis(10), Duration.ofSeconds(1))
            .withLagRefreshInterval(Duration.ofSeconds(1));
    assertThat(s.maxPollRecords()).isEqualTo(10);
    assertThat(s.pollTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(s.retryBackoffBase()).isEqualTo(Duration.ofMillis(10));
    assertThat(s.retryBackoffMax()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.lagRefreshInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.groupId()).isEqualTo(DEFAULTS.groupId());
    assertThat(s.sessionTimeout()).isEqualTo(DEFAULTS.sessionTimeout());
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> ConsumerSettings.of("kafka:9092", " ", "c"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> DEFAULTS.withRetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DEFAULTS.withPollTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DEFAULTS.withMaxPollRecords(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
