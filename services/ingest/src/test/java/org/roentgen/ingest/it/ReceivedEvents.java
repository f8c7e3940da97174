package org.roentgen.ingest.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its beginning with a fresh consumer group, as a downstream service would. */
final class ReceivedEvents {
  private ReceivedEvents() {}

  /** Every record of the topic until {@code done} holds for the list, or the timeout passes. */
  static List<ConsumerRecord<String, byte[]>> read(
      String bootstrap,
      String topic,
      Duration timeout,
      Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(topic));
      long end = System.nanoTime() + timeout.toNanos();
      long quietSince = System.nanoTime();
      // Stops at the condition, the timeout, or 20 s without a new record once some arrived.
      while (System.nanoTime() < end && !done.test(all)) {
        int before = all.size();
        c.poll(Duration.ofMillis(500)).forEach(all::add);
        if (all.size() > before) {
          quietSince = System.nanoTime();
        } else if (!all.isEmpty() && System.nanoTime() - quietSince > 20_000_000_000L) {
          break;
        }
      }
    }
    return all;
  }
}
