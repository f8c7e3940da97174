package org.roentgen.platform.events;

import static org.roentgen.platform.events.KafkaTestSupport.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/** A new topic and group on the shared broker, and asynchronous consumers of them, for the ITs. */
final class AsyncTopic {
  static final EventConsumer.PartitionListener NONE = new EventConsumer.PartitionListener() {};

  /** Commits at most every 50 ms. */
  static final AsyncConsumerSettings QUICK =
      AsyncConsumerSettings.defaults().withCommitInterval(Duration.ofMillis(50));

  /** A study per partition: keys are StudyInstanceUIDs. */
  private static final String STUDY = "1.2.826.0.1.3680043.2.1125.";

  final KafkaTestSupport kafka;
  final String topic = KafkaTestSupport.unique("async");
  final String group = KafkaTestSupport.unique("async-group");

  /** A new topic of {@code partitions} partitions and a new group; {@code values} sent to p0. */
  AsyncTopic(KafkaTestSupport kafka, int partitions, String... values) throws Exception {
    this.kafka = kafka;
    kafka.createTopic(topic, partitions);
    for (String v : values) {
      send(0, v);
    }
  }

  void send(int partition, String value) throws Exception {
    kafka.send(topic, partition, key(partition), value);
  }

  static String key(int partition) {
    return STUDY + partition;
  }

  TopicPartition partition(int p) {
    return new TopicPartition(topic, p);
  }

  AsyncEventConsumer consumer(
      AsyncConsumerSettings limits, AsyncRecordHandler handler, EventConsumer.Listener listener) {
    return consumer(limits, handler, listener, NONE);
  }

  AsyncEventConsumer consumer(
      AsyncConsumerSettings limits,
      AsyncRecordHandler handler,
      EventConsumer.Listener listener,
      EventConsumer.PartitionListener partitions) {
    return new AsyncEventConsumer(
        kafka.settings(group), limits, topic, handler, listener, partitions);
  }

  /** The group's committed next offsets, by partition number. */
  Map<Integer, Long> committed() throws Exception {
    Map<Integer, Long> byNumber = new HashMap<>();
    kafka.committed(group).forEach((tp, offset) -> byNumber.put(tp.partition(), offset));
    return byNumber;
  }

  /** Waits until the group's committed next offsets, by partition number, are {@code expected}. */
  void awaitCommitted(Map<Integer, Long> expected) {
    await(
        "committed " + expected,
        () -> {
          try {
            return committed().equals(expected);
          } catch (Exception e) {
            return false;
          }
        });
  }

  /** Starts a new member of the group and returns the values it handled once it has {@code n}. */
  List<String> nextInstanceHandles(int n) {
    Recorded seen = new Recorded();
    AsyncRecordHandler handler =
        r -> {
          seen.add(r);
          return CompletableFuture.completedFuture(null);
        };
    try (AsyncEventConsumer again =
        new AsyncEventConsumer(kafka.settings(group), QUICK, topic, handler)) {
      again.start();
      await(n + " records handled by the next instance", () -> seen.size() >= n);
    }
    return seen.values();
  }
}
