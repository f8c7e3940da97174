package org.roentgen.platform.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The records a test's handler saw, in the order it saw them; safe to read from any thread. */
final class Recorded {
  private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();

  void add(ConsumerRecord<String, byte[]> record) {
    records.add(record);
  }

  int size() {
    return records.size();
  }

  List<ConsumerRecord<String, byte[]>> all() {
    return List.copyOf(records);
  }

  /** The values as text, in handling order. */
  List<String> values() {
    return records.stream().map(r -> KafkaTestSupport.text(r.value())).toList();
  }

  /** The values of one partition as text, in handling order. */
  List<String> values(int partition) {
    return records.stream()
        .filter(r -> r.partition() == partition)
        .map(r -> KafkaTestSupport.text(r.value()))
        .toList();
  }

  /** The offsets of one partition, in handling order. */
  List<Long> offsets(int partition) {
    return records.stream().filter(r -> r.partition() == partition).map(r -> r.offset()).toList();
  }

  boolean containsValue(String value) {
    return values().contains(value);
  }
}
