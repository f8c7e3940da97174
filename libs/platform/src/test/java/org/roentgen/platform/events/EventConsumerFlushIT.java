package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.platform.events.KafkaTestSupport.await;
import static org.roentgen.platform.events.KafkaTestSupport.text;
import static org.roentgen.platform.events.KafkaTestSupport.unique;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordHandler#flush}: called before every commit; when it fails, nothing is committed and
 * the records handled since the last commit are handled again. {@link DeferredEventException}: the
 * record comes back after its delay, and the records behind it wait for it.
 */
class EventConsumerFlushIT {
  private static KafkaTestSupport kafka;

  @BeforeAll
  static void setUp() {
    kafka = new KafkaTestSupport();
  }

  @AfterAll
  static void tearDown() {
    kafka.close();
  }

  @Test
  void aFailedFlushCommitsNothingAndTheRecordsAreHandledAgain() throws Exception {
    String topic = unique("flush");
    String group = unique("flush-group");
    kafka.createTopic(topic, 1);
    for (int i = 0; i < 5; i++) {
      kafka.send(topic, 0, "k", "r" + i);
    }
    List<String> handled = new CopyOnWriteArrayList<>();
    List<Integer> handledAtFlush = new CopyOnWriteArrayList<>();
    AtomicInteger flushes = new AtomicInteger();
    RecordHandler handler =
        new RecordHandler() {
          @Override
          public void handle(ConsumerRecord<String, byte[]> record) {
            handled.add(text(record.value()));
          }

          @Override
          public void flush() throws IOException {
            handledAtFlush.add(handled.size());
            // The first flush that follows records finds them not durable.
            if (!handled.isEmpty() && flushes.getAndIncrement() == 0) {
              throw new IOException("publish not acknowledged");
            }
          }
        };
    try (EventConsumer consumer = new EventConsumer(kafka.settings(group), topic, handler)) {
      consumer.start();
      await(
          "all five handled twice and committed",
          () -> {
            try {
              return handled.size() >= 10
                  && Long.valueOf(5)
                      .equals(kafka.committed(group).get(new TopicPartition(topic, 0)));
            } catch (Exception e) {
              return false;
            }
          });
    }
    // The first pass was undone at the failed flush, the second committed after a good one.
    assertThat(handled).containsExactly("r0", "r1", "r2", "r3", "r4", "r0", "r1", "r2", "r3", "r4");
    assertThat(flushes.get()).isGreaterThanOrEqualTo(2);
    assertThat(kafka.committed(group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 5L));
  }

  @Test
  void flushComesBeforeEveryCommit() throws Exception {
    String topic = unique("flush-order");
    String group = unique("flush-order-group");
    kafka.createTopic(topic, 1);
    for (int i = 0; i < 3; i++) {
      kafka.send(topic, 0, "k", "r" + i);
    }
    List<String> events = new CopyOnWriteArrayList<>();
    RecordHandler handler =
        new RecordHandler() {
          @Override
          public void handle(ConsumerRecord<String, byte[]> record) {
            events.add("handle " + text(record.value()));
          }

          @Override
          public void flush() {
            events.add("flush");
          }
        };
    try (EventConsumer consumer =
        new EventConsumer(
            kafka.settings(group),
            topic,
            handler,
            new EventConsumer.Listener() {
              @Override
              public void onCommitted(
                  Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> o) {
                events.add("commit " + o.values().iterator().next().offset());
              }
            },
            new EventConsumer.PartitionListener() {})) {
      consumer.start();
      await("committed", () -> events.contains("commit 3"));
    }
    int commit = events.indexOf("commit 3");
    assertThat(events.subList(0, commit)).contains("handle r0", "handle r1", "handle r2");
    assertThat(events.get(commit - 1)).isEqualTo("flush");
  }

  @Test
  void aDeferredRecordComesBackAfterItsDelayAndTheOnesBehindItWait() throws Exception {
    String topic = unique("defer");
    String group = unique("defer-group");
    kafka.createTopic(topic, 1);
    kafka.send(topic, 0, "k", "later");
    kafka.send(topic, 0, "k", "behind");
    long[] firstSeen = new long[1];
    List<String> handled = new CopyOnWriteArrayList<>();
    List<Long> handledAt = new CopyOnWriteArrayList<>();
    AtomicInteger deferrals = new AtomicInteger();
    List<Long> laterCalls = new CopyOnWriteArrayList<>();
    RecordHandler handler =
        record -> {
          if (text(record.value()).equals("later")) {
            laterCalls.add(System.nanoTime());
            if (firstSeen[0] == 0) {
              firstSeen[0] = System.nanoTime();
            }
            if (System.nanoTime() - firstSeen[0] < java.time.Duration.ofMillis(800).toNanos()) {
              deferrals.incrementAndGet();
              throw new DeferredEventException(java.time.Duration.ofMillis(400));
            }
          }
          handled.add(text(record.value()));
          handledAt.add(System.nanoTime());
        };
    RecordingListener listener = new RecordingListener();
    try (EventConsumer consumer =
        new EventConsumer(
            kafka.settings(group),
            topic,
            handler,
            listener,
            new EventConsumer.PartitionListener() {})) {
      consumer.start();
      await("both handled", () -> handled.size() == 2);
    }
    assertThat(handled).containsExactly("later", "behind");
    assertThat(handledAt.get(0) - firstSeen[0])
        .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(800).toNanos());
    // At least one deferral, each handed back no sooner than its delay (a loaded machine only
    // makes the gaps longer, and then fewer deferrals are needed to pass the 800 ms).
    assertThat(deferrals.get()).isBetween(1, 3);
    for (int i = 1; i < laterCalls.size(); i++) {
      assertThat(laterCalls.get(i) - laterCalls.get(i - 1))
          .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(400).toNanos());
    }
    assertThat(listener.retries).isEmpty();
  }
}
