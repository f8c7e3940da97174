package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.platform.events.AsyncTopic.QUICK;
import static org.roentgen.platform.events.KafkaTestSupport.await;
import static org.roentgen.platform.events.KafkaTestSupport.text;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AsyncEventConsumer} closing, restarting, rebalancing and failing, against a real Kafka
 * broker: whatever happens, a record not committed is delivered again and none is lost.
 */
@Timeout(60)
class AsyncEventConsumerLifecycleIT {
  private static KafkaTestSupport kafka;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestSupport();
  }

  @AfterAll
  static void disconnect() {
    kafka.close();
  }

  @Test
  void closeTakesNothingNewWaitsForTheWorkInHandAndCommitsIt() throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 1, "a", "b");
    ManualStages stages = new ManualStages();
    AsyncEventConsumer consumer = t.consumer(QUICK, stages, new RecordingListener());
    consumer.start();
    await("2 records handed over", () -> stages.size() == 2);
    CompletableFuture<Boolean> closed =
        CompletableFuture.supplyAsync(() -> consumer.close(Duration.ofSeconds(10)));
    await("close requested", () -> consumer.state() == EventConsumer.State.STOPPING);
    t.send(0, "c");
    assertThat(closed).isNotDone(); // a and b are in work
    stages.complete("b");
    stages.complete("a");
    assertThat(closed.get(15, TimeUnit.SECONDS)).isTrue();
    assertThat(consumer.state()).isEqualTo(EventConsumer.State.STOPPED);
    assertThat(stages.values()).containsExactly("a", "b");
    assertThat(t.committed()).isEqualTo(Map.of(0, 2L));
    assertThat(t.nextInstanceHandles(1)).containsExactly("c");
  }

  @Test
  void aRestartDeliversAgainExactlyTheRecordsNotCommitted() throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 2, "a0", "a1", "a2", "a3", "a4");
    for (int i = 0; i < 5; i++) {
      t.send(1, "b" + i);
    }
    ManualStages stages = new ManualStages();
    AsyncEventConsumer consumer = t.consumer(QUICK, stages, new RecordingListener());
    consumer.start();
    for (String v : List.of("a4", "a3", "a1", "a0", "b4", "b0", "b2", "b1")) {
      stages.complete(v); // a2 and b3 never complete
    }
    t.awaitCommitted(Map.of(0, 2L, 1, 3L));
    assertThat(consumer.close(Duration.ofMillis(300))).isFalse();
    assertThat(t.committed()).isEqualTo(Map.of(0, 2L, 1, 3L));

    Recorded again = new Recorded();
    AsyncRecordHandler handler =
        r -> {
          again.add(r);
          return CompletableFuture.completedFuture(null);
        };
    try (AsyncEventConsumer restarted = t.consumer(QUICK, handler, new RecordingListener())) {
      restarted.start();
      t.awaitCommitted(Map.of(0, 5L, 1, 5L));
    }
    assertThat(again.values(0)).containsExactly("a2", "a3", "a4");
    assertThat(again.values(1)).containsExactly("b3", "b4");
  }

  @Test
  void aRebalanceToASecondConsumerLosesNothing() throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 4);
    for (int i = 0; i < 40; i++) {
      t.send(i % 4, "v" + i);
    }
    // Every fifth record is held by the first consumer until the second has joined.
    Set<String> seenByFirst = ConcurrentHashMap.newKeySet();
    ManualStages held = new ManualStages();
    AsyncRecordHandler first =
        r -> {
          String v = text(r.value());
          if (seenByFirst.add(v) && Integer.parseInt(v.substring(1)) % 5 == 0) {
            return held.handle(r);
          }
          return CompletableFuture.completedFuture(null);
        };
    AsyncRecordHandler second = r -> CompletableFuture.runAsync(() -> {});
    // What the consumers counted as handled: a late outcome of a record that moved does not count.
    Set<String> done = ConcurrentHashMap.newKeySet();
    EventConsumer.Listener counted =
        new EventConsumer.Listener() {
          @Override
          public void onHandled(ConsumerRecord<String, byte[]> record, Duration took) {
            done.add(text(record.value()));
          }
        };
    Owned ownedByFirst = new Owned();
    Owned ownedBySecond = new Owned();
    try (AsyncEventConsumer a = t.consumer(QUICK, first, counted, ownedByFirst)) {
      a.start();
      await("32 handled, 8 held", () -> a.handledCount() == 32 && held.size() == 8);
      try (AsyncEventConsumer b = t.consumer(QUICK, second, counted, ownedBySecond)) {
        b.start();
        await(
            "the partitions shared",
            () ->
                !ownedBySecond.get().isEmpty()
                    && ownedByFirst.get().size() + ownedBySecond.get().size() == 4);
        for (int i = 40; i < 80; i++) {
          t.send(i % 4, "v" + i);
        }
        held.completeAll(); // late for the partitions that moved: ignored, delivered again
        t.awaitCommitted(Map.of(0, 20L, 1, 20L, 2, 20L, 3, 20L));
      }
    }
    assertThat(done)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 80).mapToObj(i -> "v" + i).toList());
  }

  @Test
  void commitsAreThrottledToTheCommitInterval() throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 1, "a", "b", "c");
    AsyncRecordHandler handler = r -> CompletableFuture.completedFuture(null);
    AsyncConsumerSettings hourly = QUICK.withCommitInterval(Duration.ofHours(1));
    AsyncEventConsumer consumer = t.consumer(hourly, handler, new RecordingListener());
    consumer.start();
    await("3 handled", () -> consumer.handledCount() == 3);
    Thread.sleep(300); // three poll timeouts
    assertThat(t.committed()).isEmpty();
    assertThat(consumer.committedCount()).isZero();
    assertThat(consumer.close(Duration.ofSeconds(5))).isTrue();
    assertThat(t.committed()).isEqualTo(Map.of(0, 3L));
    assertThat(consumer.committedCount()).isEqualTo(3);
  }

  @Test
  void anErrorStopsTheConsumerWithoutCommittingItsRecord() throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 1, "a", "boom", "c");
    ManualStages stages = new ManualStages();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    EventConsumer.Listener listener =
        new EventConsumer.Listener() {
          @Override
          public void onFailed(Throwable f) {
            failure.set(f);
          }
        };
    AsyncEventConsumer consumer = t.consumer(QUICK, stages, listener);
    consumer.start();
    stages.complete("a");
    await("a handled", () -> consumer.handledCount() == 1);
    stages.complete("c");
    stages.fail("boom", new Error("handler bug"));
    await("failed", () -> consumer.state() == EventConsumer.State.FAILED);
    assertThat(failure.get()).hasMessage("handler bug");
    assertThat(consumer.close(Duration.ofSeconds(1))).isFalse();
    assertThat(t.committed()).isEqualTo(Map.of(0, 1L));
    assertThat(t.nextInstanceHandles(2)).containsExactly("boom", "c");
  }

  /** The partitions a consumer owns now. */
  private static final class Owned implements EventConsumer.PartitionListener {
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();

    @Override
    public void onAssigned(Collection<TopicPartition> partitions) {
      owned.addAll(partitions);
    }

    @Override
    public void onRevoked(Collection<TopicPartition> partitions) {
      owned.removeAll(partitions);
    }

    Set<TopicPartition> get() {
      return Set.copyOf(owned);
    }
  }
}
