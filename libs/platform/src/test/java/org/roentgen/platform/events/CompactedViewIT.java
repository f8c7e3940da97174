package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * A compacted view on the real broker: read back at start, followed, written with acknowledgement.
 */
class CompactedViewIT {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void writesAreReadBackAtStartAndFollowedByOtherInstances() throws Exception {
    try (KafkaTestSupport kafka = new KafkaTestSupport();
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                ProducerSettings.durable(kafka.bootstrap, "view-test", KafkaTestSupport.WAIT))) {
      String topic = KafkaTestSupport.unique("view");
      Duration timeout = KafkaTestSupport.WAIT;
      CompactedView a = new CompactedView(kafka.bootstrap, topic, producer, timeout);
      assertThat(a.start()).isZero();
      a.put("k1", b("one"));
      a.put("k2", b("two"));
      a.put("k1", b("one again"));
      assertThat(s(a.get("k1"))).isEqualTo("one again");

      // A second instance reads the latest values back, then sees the first one's writes.
      CompactedView other = new CompactedView(kafka.bootstrap, topic, producer, timeout);
      assertThat(other.start()).isEqualTo(2);
      assertThat(s(other.get("k1"))).isEqualTo("one again");
      a.put("k3", b("three"));
      a.remove("k2");
      long until = System.nanoTime() + timeout.toNanos();
      while ((other.get("k3") == null || other.get("k2") != null) && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(s(other.get("k3"))).isEqualTo("three");
      assertThat(other.get("k2")).isNull();
      assertThat(a.get("k2")).isNull();
      other.close();
      a.close();

      // After a restart: the tombstone keeps k2 away, the latest values stay.
      CompactedView again = new CompactedView(kafka.bootstrap, topic, producer, timeout);
      assertThat(again.start()).isEqualTo(2);
      assertThat(again.snapshot().keySet()).containsExactlyInAnyOrder("k1", "k3");
      assertThat(s(again.get("k1"))).isEqualTo("one again");
      again.close();
    }
  }
}
