package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.platform.events.AsyncTopic.NONE;
import static org.roentgen.platform.events.AsyncTopic.QUICK;
import static org.roentgen.platform.events.KafkaTestSupport.await;
import static org.roentgen.platform.events.KafkaTestSupport.text;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AsyncEventConsumer} against a real Kafka broker (KRaft, shared by the test JVM): what is
 * committed when stages complete out of order, the in-flight bound, dead letters and retries.
 */
@Timeout(60)
class AsyncEventConsumerIT {
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
  void completionsInReverseOrderCommitNothingUntilTheOldestCompletesThenEverything()
      throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 2, "r0", "r1", "r2", "r3", "r4");
    t.send(1, "marker");
    ManualStages stages = new ManualStages();
    try (AsyncEventConsumer consumer = t.consumer(QUICK, stages, new RecordingListener())) {
      consumer.start();
      await("6 records handed over", () -> stages.size() == 6);
      assertThat(consumer.inFlightCount()).isEqualTo(6);
      for (int i = 4; i >= 1; i--) {
        stages.complete("r" + i);
      }
      stages.complete("marker");
      // The marker completed after r4..r1: once it is committed, they have been seen too.
      t.awaitCommitted(Map.of(1, 1L));
      assertThat(consumer.handledCount()).isEqualTo(5);
      assertThat(consumer.inFlightCount()).isEqualTo(5);
      assertThat(t.committed()).doesNotContainKey(0);

      stages.complete("r0");
      t.awaitCommitted(Map.of(0, 5L, 1, 1L));
      await("6 records committed", () -> consumer.committedCount() == 6);
      assertThat(consumer.inFlightCount()).isZero();
    }
    assertThat(stages.values(0)).containsExactly("r0", "r1", "r2", "r3", "r4");
  }

  @Test
  void aRecordThatNeverCompletesHoldsBackOnlyItsPartitionWhileLaterOnesAreHandled()
      throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 2, "stuck", "a1", "a2");
    t.send(1, "b0");
    t.send(1, "b1");
    ManualStages stages = new ManualStages();
    AsyncEventConsumer consumer = t.consumer(QUICK, stages, new RecordingListener());
    consumer.start();
    for (String v : List.of("a1", "a2", "b0", "b1")) {
      stages.complete(v);
    }
    t.send(0, "a3");
    t.send(1, "b2");
    stages.complete("a3");
    stages.complete("b2");
    t.awaitCommitted(Map.of(1, 3L));
    assertThat(consumer.handledCount()).isEqualTo(6);
    assertThat(consumer.inFlightCount()).isEqualTo(4); // stuck and the three behind it

    assertThat(consumer.close(Duration.ofMillis(300))).isFalse(); // stuck is still in work
    assertThat(consumer.state()).isEqualTo(EventConsumer.State.STOPPED);
    assertThat(t.committed()).isEqualTo(Map.of(1, 3L));
    assertThat(t.nextInstanceHandles(4)).containsExactly("stuck", "a1", "a2", "a3");
  }

  @Test
  void theInFlightBoundPausesTheConsumerAndTheLowWaterMarkResumesIt() throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 2);
    for (int i = 0; i < 20; i++) {
      t.send(i % 2, "v" + i);
    }
    ManualStages stages = new ManualStages();
    AsyncConsumerSettings bounded = QUICK.withMaxInFlight(5, 2);
    try (AsyncEventConsumer consumer = t.consumer(bounded, stages, new RecordingListener())) {
      consumer.start();
      await("5 records handed over", () -> stages.size() == 5);
      // The other 15 are left in Kafka (lag counts them) while the consumer keeps polling.
      await("lag of the 15 not taken", () -> consumer.lag() == 15);
      Thread.sleep(300); // three poll timeouts: still nothing more is taken
      assertThat(stages.size()).isEqualTo(5);
      assertThat(consumer.inFlightCount()).isEqualTo(5);

      stages.completeOldest(3); // down to the low-water mark: resumed
      await("more records handed over", () -> stages.size() > 5);
      await(
          "all 20 handled",
          () -> {
            stages.completeAll();
            return consumer.handledCount() == 20;
          });
      t.awaitCommitted(Map.of(0, 10L, 1, 10L));
      await("no lag", () -> consumer.lag() == 0);
    }
    assertThat(stages.maxOpen()).isEqualTo(5);
    assertThat(stages.values())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 20).mapToObj(i -> "v" + i).toList());
  }

  @Test
  void permanentFailuresAreDeadLetteredAndLetTheCommitPass() throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 1, "ok0", "poison", "garbage", "ok3");
    kafka.createTopic(DeadLetters.topicFor(t.topic), 1);
    AsyncRecordHandler handler =
        r ->
            switch (text(r.value())) {
              case "poison" -> // thrown on another thread, wrapped by CompletableFuture
                  CompletableFuture.runAsync(
                      () -> {
                        throw new CompletionException(
                            new PermanentEventException("no SOP Instance UID"));
                      });
              case "garbage" -> // thrown at once, on the consumer's thread
                  throw new EventDecodeException(
                      "not a CloudEvents 1.0 record", r.topic(), r.partition(), r.offset(), null);
              default -> CompletableFuture.completedFuture(null);
            };
    RecordingListener events = new RecordingListener();
    try (AsyncEventConsumer consumer = t.consumer(QUICK, handler, events)) {
      consumer.start();
      t.awaitCommitted(Map.of(0, 4L));
      assertThat(consumer.deadLetteredCount()).isEqualTo(2);
      assertThat(consumer.handledCount()).isEqualTo(2);
    }
    assertThat(events.deadLetterReasons)
        .containsExactlyInAnyOrder(
            "no SOP Instance UID", "not a CloudEvents 1.0 record (" + t.topic + "-0@2)");
    List<ConsumerRecord<String, byte[]>> dead = kafka.readAll(DeadLetters.topicFor(t.topic), 2);
    assertThat(dead).hasSize(2);
    // Sent as each failure is seen: the order of the two depends on the threads.
    assertThat(
            dead.stream()
                .map(
                    d ->
                        text(d.value())
                            + "@"
                            + KafkaCloudEvents.get(d.headers(), DeadLetters.OFFSET)))
        .containsExactlyInAnyOrder("poison@1", "garbage@2");
    for (ConsumerRecord<String, byte[]> d : dead) {
      assertThat(d.key()).isEqualTo(AsyncTopic.key(0));
      assertThat(KafkaCloudEvents.get(d.headers(), DeadLetters.TOPIC)).isEqualTo(t.topic);
      assertThat(KafkaCloudEvents.get(d.headers(), DeadLetters.CONSUMER)).isEqualTo(t.group);
    }
  }

  @Test
  void aFailedDeadLetterSendHandsTheRecordOverAgainAndHoldsOnlyItsCommit() throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 1, "poison", "after");
    MockProducer<String, byte[]> dlq =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    AtomicInteger poisonAttempts = new AtomicInteger();
    AsyncRecordHandler handler =
        r -> {
          if (text(r.value()).equals("poison")) {
            poisonAttempts.incrementAndGet();
            throw new PermanentEventException("no SOP Instance UID");
          }
          return CompletableFuture.completedFuture(null);
        };
    RecordingListener events = new RecordingListener();
    ConsumerSettings settings = kafka.settings(t.group);
    var kafkaConsumer = new KafkaConsumer<String, byte[]>(settings.consumerProperties());
    try (AsyncEventConsumer consumer =
        new AsyncEventConsumer(
            settings, QUICK, t.topic, handler, events, NONE, kafkaConsumer, dlq)) {
      consumer.start();
      await("the first dead-letter send", () -> dlq.history().size() == 1);
      await("the record after the poison handled meanwhile", () -> consumer.handledCount() == 1);
      assertThat(dlq.errorNext(new TimeoutException("cluster unreachable"))).isTrue();
      await("the second dead-letter send", () -> dlq.history().size() == 2);
      assertThat(t.committed()).isEmpty();
      assertThat(dlq.completeNext()).isTrue();
      t.awaitCommitted(Map.of(0, 2L));
      assertThat(consumer.deadLetteredCount()).isEqualTo(1);
    }
    assertThat(poisonAttempts).hasValue(2);
    assertThat(events.retries)
        .containsExactly(
            "poison 1: dead-letter send to "
                + DeadLetters.topicFor(t.topic)
                + " failed: "
                + new TimeoutException("cluster unreachable"));
    assertThat(dlq.closed()).isTrue();
  }

  @Test
  void aTransientFailureIsHandedOverAgainAfterTheBackoff() throws Exception {
    AsyncTopic t = new AsyncTopic(kafka, 1, "v0", "flaky", "v2");
    List<String> attempts = new CopyOnWriteArrayList<>();
    AtomicInteger failuresLeft = new AtomicInteger(2);
    AsyncRecordHandler handler =
        r -> {
          attempts.add(text(r.value()));
          if (text(r.value()).equals("flaky") && failuresLeft.getAndDecrement() > 0) {
            return CompletableFuture.failedFuture(new IOException("PACS unreachable"));
          }
          return CompletableFuture.supplyAsync(() -> "stored");
        };
    RecordingListener events = new RecordingListener();
    try (AsyncEventConsumer consumer = t.consumer(QUICK, handler, events)) {
      consumer.start();
      t.awaitCommitted(Map.of(0, 3L));
      assertThat(consumer.handledCount()).isEqualTo(3);
      assertThat(consumer.deadLetteredCount()).isZero();
    }
    assertThat(attempts).containsExactlyInAnyOrder("v0", "flaky", "flaky", "flaky", "v2");
    assertThat(events.retries)
        .containsExactly("flaky 1: PACS unreachable", "flaky 2: PACS unreachable");
    // 50 ms doubling up to 200 ms (KafkaTestSupport), each wait between half and all of its step.
    assertThat(events.delays.get(0)).isBetween(Duration.ofMillis(25), Duration.ofMillis(50));
    assertThat(events.delays.get(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(events.handled).hasValue(3);
  }
}
