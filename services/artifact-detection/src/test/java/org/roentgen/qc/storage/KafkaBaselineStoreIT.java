package org.roentgen.qc.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.stack.SharedStack;

/**
 * The baselines survive a restart through the compacted topic on a real Kafka broker: an instance
 * that starts again reads back its own series (and keeps adding to them), another instance reads
 * them as history without taking them as its own.
 */
class KafkaBaselineStoreIT {
  private static final Duration T = Duration.ofSeconds(20);

  @Test
  void aRestartedInstanceReadsItsSeriesBackAndAnotherSeesThemAsHistory() throws Exception {
    String servers = SharedStack.get().kafkaBootstrapServers();
    String topic = "it-baselines-" + UUID.randomUUID();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(ProducerSettings.durable(servers, "it-baselines", T))) {
      PersistedBaselines before = new PersistedBaselines(500);
      KafkaBaselineStore a = new KafkaBaselineStore(servers, topic, "qc-a", producer, T);
      assertThat(a.restoreInto(before)).isZero();
      for (int i = 1; i <= 60; i++) {
        before.record("DXROOM1", "CHEST/PA", "sharpness", i);
      }
      before.record("DXROOM1", "HAND/PA", "noise.relative-sigma", 0.02);
      assertThat(a.writeChanged(before)).isEqualTo(2);
      assertThat(a.writeChanged(before)).as("nothing changed since").isZero();
      // Later values of a series: the newer record of the key replaces the older one.
      before.record("DXROOM1", "CHEST/PA", "sharpness", 61);
      assertThat(a.writeChanged(before)).isEqualTo(1);

      // The same instance after a restart.
      PersistedBaselines after = new PersistedBaselines(500);
      assertThat(new KafkaBaselineStore(servers, topic, "qc-a", producer, T).restoreInto(after))
          .isEqualTo(2);
      assertThat(after.snapshot().get("DXROOM1|CHEST/PA|sharpness")).hasSize(61);
      assertThat(after.quantile("DXROOM1", "CHEST/PA", "sharpness", 0.05, 50)).hasValue(4.0);
      assertThat(after.snapshot().get("DXROOM1|HAND/PA|noise.relative-sigma"))
          .containsExactly(0.02);
      after.record("DXROOM1", "CHEST/PA", "sharpness", 62);
      assertThat(after.takeChanged().get("DXROOM1|CHEST/PA|sharpness"))
          .as("its own series goes on where it stopped")
          .hasSize(62)
          .endsWith(61, 62);

      // Another instance: the history is there for the checks, but it writes only its own values.
      PersistedBaselines other = new PersistedBaselines(500);
      KafkaBaselineStore b = new KafkaBaselineStore(servers, topic, "qc-b", producer, T);
      assertThat(b.restoreInto(other)).isEqualTo(2);
      assertThat(other.quantile("DXROOM1", "CHEST/PA", "sharpness", 0.0, 50)).hasValue(1.0);
      other.record("DXROOM1", "CHEST/PA", "sharpness", 100);
      assertThat(other.takeChanged().get("DXROOM1|CHEST/PA|sharpness")).containsExactly(100);
    }
  }
}
