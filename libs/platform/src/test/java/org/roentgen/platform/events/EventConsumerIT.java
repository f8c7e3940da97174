package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.platform.events.KafkaTestSupport.WAIT;
import static org.roentgen.platform.events.KafkaTestSupport.await;
import static org.roentgen.platform.events.KafkaTestSupport.bytes;
import static org.roentgen.platform.events.KafkaTestSupport.text;
import static org.roentgen.platform.events.KafkaTestSupport.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The consumer loop against a real Kafka broker (KRaft, shared by the test JVM). */
@Timeout(60)
class EventConsumerIT {
  private static final EventConsumer.PartitionListener NONE =
      new EventConsumer.PartitionListener() {};
  private static final String STUDY = "1.2.826.0.1.3680043.2.1125.1";
  private static KafkaTestSupport kafka;
  private String topic;
  private String group;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestSupport();
  }

  @AfterAll
  static void disconnect() {
    kafka.close();
  }

  /** A new topic of {@code partitions} partitions and a new group; {@code values} sent to p0. */
  private void newTopic(int partitions, String... values) throws Exception {
    topic = unique("topic");
    group = unique("group");
    kafka.createTopic(topic, partitions);
    for (String v : values) {
      kafka.send(topic, 0, STUDY, v);
    }
  }

  private EventConsumer consumer(RecordHandler handler, EventConsumer.Listener listener) {
    return new EventConsumer(kafka.settings(group), topic, handler, listener, NONE);
  }

  private TopicPartition partition(int p) {
    return new TopicPartition(topic, p);
  }

  /** Starts a new member of the group and returns the values it handled once it has {@code n}. */
  private List<String> nextInstanceHandles(int n) {
    Recorded seen = new Recorded();
    try (EventConsumer again = new EventConsumer(kafka.settings(group), topic, seen::add)) {
      again.start();
      await(n + " records handled by the next instance", () -> seen.size() >= n);
    }
    return seen.values();
  }

  @Test
  void handlesEveryRecordInPartitionOrderAndCommitsIt() throws Exception {
    newTopic(3);
    for (int i = 0; i < 30; i++) {
      kafka.send(topic, i % 3, STUDY + "." + i % 7, "v" + i);
    }
    Recorded seen = new Recorded();
    RecordingListener events = new RecordingListener();
    try (EventConsumer consumer = consumer(seen::add, events)) {
      consumer.start();
      await("30 records handled", () -> consumer.handledCount() == 30);
      assertThat(consumer.close(Duration.ofSeconds(10))).isTrue();
      assertThat(consumer.state()).isEqualTo(EventConsumer.State.STOPPED);
    }
    assertThat(seen.size()).isEqualTo(30);
    assertThat(events.handled).hasValue(30);
    for (int p = 0; p < 3; p++) {
      int partition = p;
      List<String> sent =
          IntStream.range(0, 30).filter(i -> i % 3 == partition).mapToObj(i -> "v" + i).toList();
      assertThat(seen.values(p)).containsExactlyElementsOf(sent);
      assertThat(seen.offsets(p))
          .containsExactlyElementsOf(LongStream.range(0, 10).boxed().toList());
    }
    assertThat(kafka.committed(group))
        .isEqualTo(Map.of(partition(0), 10L, partition(1), 10L, partition(2), 10L));

    for (int p = 0; p < 3; p++) {
      kafka.send(topic, p, STUDY, "new" + p);
    }
    assertThat(nextInstanceHandles(3)).containsExactlyInAnyOrder("new0", "new1", "new2");
  }

  @Test
  void retriesAFailedRecordUntilItSucceedsWithoutSkippingOrReordering() throws Exception {
    newTopic(1, "v0", "v1", "v2", "v3", "v4", "v5");
    Recorded seen = new Recorded();
    List<String> attempts = new CopyOnWriteArrayList<>();
    AtomicInteger failuresLeft = new AtomicInteger(2);
    RecordHandler handler =
        r -> {
          attempts.add(text(r.value()));
          if (text(r.value()).equals("v2") && failuresLeft.getAndDecrement() > 0) {
            throw new IOException("worklist unreachable");
          }
          seen.add(r);
        };
    RecordingListener events = new RecordingListener();
    try (EventConsumer consumer = consumer(handler, events)) {
      consumer.start();
      await("6 records handled", () -> seen.size() == 6);
    }
    assertThat(seen.values()).containsExactly("v0", "v1", "v2", "v3", "v4", "v5");
    assertThat(attempts).containsExactly("v0", "v1", "v2", "v2", "v2", "v3", "v4", "v5");
    assertThat(events.retries)
        .containsExactly("v2 1: worklist unreachable", "v2 2: worklist unreachable");
    // 50 ms doubling up to 200 ms (KafkaTestSupport), each wait between half and all of its step.
    assertThat(events.delays.get(0)).isBetween(Duration.ofMillis(25), Duration.ofMillis(50));
    assertThat(events.delays.get(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(kafka.committed(group)).isEqualTo(Map.of(partition(0), 6L));
  }

  @Test
  void otherPartitionsFlowWhileOneWaitsAndTheWaitingRecordIsNeverSkipped() throws Exception {
    newTopic(2, "stuck");
    Recorded seen = new Recorded();
    AtomicInteger stuckAttempts = new AtomicInteger();
    AtomicInteger stuckAttemptsWhenFlowing = new AtomicInteger(-1);
    RecordHandler handler =
        r -> {
          switch (text(r.value())) {
            case "stuck" -> {
              stuckAttempts.incrementAndGet();
              throw new IllegalStateException("object store unreachable");
            }
            case "flowing" -> stuckAttemptsWhenFlowing.set(stuckAttempts.get());
            default -> {}
          }
          seen.add(r);
        };
    RecordingListener events = new RecordingListener();
    // The first wait is at least 5 s; the test is over long before the retry.
    ConsumerSettings slowRetries =
        kafka.settings(group).withRetryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(10));
    try (EventConsumer consumer = new EventConsumer(slowRetries, topic, handler, events, NONE)) {
      consumer.start();
      assertThat(events.firstRetry.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      kafka.send(topic, 0, STUDY, "behind");
      kafka.send(topic, 1, STUDY + ".2", "flowing");
      await("the other partition's record handled", () -> seen.containsValue("flowing"));
      await("lag: the waiting record and the one behind it", () -> consumer.lag() == 2);
      assertThat(stuckAttemptsWhenFlowing).hasValue(1);
      long start = System.nanoTime();
      assertThat(consumer.close(Duration.ofSeconds(5))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
    assertThat(seen.values()).containsExactly("flowing");
    assertThat(kafka.committed(group)).isEqualTo(Map.of(partition(1), 1L));
    assertThat(nextInstanceHandles(2)).containsExactly("stuck", "behind");
  }

  @Test
  void deadLettersAPermanentFailureWithItsOriginAndGoesOn() throws Exception {
    newTopic(1);
    kafka.createTopic(DeadLetters.topicFor(topic), 1);
    String type = "org.roentgen.test.v1";
    var first = CloudEvent.of("/test", type, "1.2.3.4.1", Instant.now(), Map.of("n", 1));
    var third = CloudEvent.of("/test", type, "1.2.3.4.3", Instant.now(), Map.of("n", 3));
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", bytes("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    byte[] patientData = bytes("{\"00100010\":{\"vr\":\"PN\",\"Value\":[\"DOE^JANE\"]}}");
    kafka.send(KafkaCloudEvents.toRecord(topic, STUDY, first));
    kafka.send(new ProducerRecord<>(topic, 0, STUDY, patientData, headers));
    kafka.send(KafkaCloudEvents.toRecord(topic, STUDY, third));
    List<String> ids = new CopyOnWriteArrayList<>();
    RecordHandler handler = r -> ids.add(KafkaCloudEvents.fromRecord(r, type, JsonNode.class).id());
    RecordingListener events = new RecordingListener();
    try (EventConsumer consumer = consumer(handler, events)) {
      consumer.start();
      await(
          "1 dead-lettered, 2 handled", () -> consumer.deadLetteredCount() == 1 && ids.size() == 2);
    }
    assertThat(ids).containsExactly(first.id(), third.id());
    assertThat(events.deadLetterReasons).hasSize(1);
    String reason = events.deadLetterReasons.get(0);
    assertThat(reason).startsWith("not a CloudEvents 1.0 record");

    List<ConsumerRecord<String, byte[]>> dead = kafka.readAll(DeadLetters.topicFor(topic), 1);
    assertThat(dead).hasSize(1);
    ConsumerRecord<String, byte[]> d = dead.get(0);
    assertThat(d.key()).isEqualTo(STUDY);
    assertThat(d.value()).isEqualTo(patientData);
    assertThat(KafkaCloudEvents.get(d.headers(), "traceparent"))
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(KafkaCloudEvents.get(d.headers(), DeadLetters.REASON)).isEqualTo(reason);
    assertThat(KafkaCloudEvents.get(d.headers(), DeadLetters.TOPIC)).isEqualTo(topic);
    assertThat(KafkaCloudEvents.get(d.headers(), DeadLetters.PARTITION)).isEqualTo("0");
    assertThat(KafkaCloudEvents.get(d.headers(), DeadLetters.OFFSET)).isEqualTo("1");
    assertThat(KafkaCloudEvents.get(d.headers(), DeadLetters.CONSUMER)).isEqualTo(group);
    assertThat(kafka.committed(group)).isEqualTo(Map.of(partition(0), 3L));
  }

  @Test
  void aFailedDeadLetterSendIsRetriedAndTheRecordNotSkipped() throws Exception {
    newTopic(1, "poison", "after");
    MockProducer<String, byte[]> dlq =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    dlq.sendException = new TimeoutException("cluster unreachable");
    AtomicInteger deadLettersWhenAfterHandled = new AtomicInteger(-1);
    RecordHandler handler =
        r -> {
          if (text(r.value()).equals("poison")) {
            throw new PermanentEventException("no SOP Instance UID");
          }
          deadLettersWhenAfterHandled.set(dlq.history().size());
        };
    // The cluster is back after the second failed send.
    RecordingListener events =
        new RecordingListener(n -> dlq.sendException = n == 2 ? null : dlq.sendException);
    ConsumerSettings settings = kafka.settings(group);
    var kafkaConsumer = new KafkaConsumer<String, byte[]>(settings.consumerProperties());
    try (EventConsumer consumer =
        new EventConsumer(settings, topic, handler, events, NONE, kafkaConsumer, dlq)) {
      consumer.start();
      await("the record after the poison handled", () -> consumer.handledCount() == 1);
      assertThat(consumer.deadLetteredCount()).isEqualTo(1);
    }
    String failed = "dead-letter send to " + topic + ".dlq failed";
    assertThat(events.retries).hasSize(2);
    assertThat(events.retries.get(0)).startsWith("poison 1: " + failed);
    assertThat(events.retries.get(1)).startsWith("poison 2: " + failed);
    assertThat(deadLettersWhenAfterHandled).hasValue(1);
    assertThat(dlq.history()).hasSize(1);
    assertThat(KafkaCloudEvents.get(dlq.history().get(0).headers(), DeadLetters.REASON))
        .isEqualTo("no SOP Instance UID");
    assertThat(dlq.closed()).isTrue();
    assertThat(kafka.committed(group)).isEqualTo(Map.of(partition(0), 2L));
  }

  @Test
  void aCrashBeforeTheCommitMeansRedeliveryNeverLoss() throws Exception {
    newTopic(1, IntStream.range(0, 20).mapToObj(i -> "r" + i).toArray(String[]::new));
    CrashingConsumerMain.Crashed crashed =
        CrashingConsumerMain.runAndKill(kafka.bootstrap, topic, group, 12);
    assertThat(crashed.handled())
        .containsExactlyElementsOf(LongStream.range(0, 12).boxed().toList());
    long committed = crashed.committed().stream().mapToLong(Long::longValue).max().orElse(0);
    // All 20 came in one poll, so nothing was committed before the handler hung.
    assertThat(committed).isLessThan(12);

    List<String> redelivered = nextInstanceHandles(20 - (int) committed);
    assertThat(redelivered)
        .containsExactlyElementsOf(
            IntStream.range((int) committed, 20).mapToObj(i -> "r" + i).toList());
  }

  @Test
  void closeLetsTheRecordInHandFinishAndCommitsIt() throws Exception {
    newTopic(1, "a", "b", "c");
    Recorded seen = new Recorded();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordHandler handler =
        r -> {
          if (text(r.value()).equals("b")) {
            entered.countDown();
            assertThat(release.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
          }
          seen.add(r);
        };
    EventConsumer consumer = consumer(handler, new RecordingListener());
    consumer.start();
    assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    CompletableFuture<Boolean> closed =
        CompletableFuture.supplyAsync(() -> consumer.close(Duration.ofSeconds(10)));
    await("close requested", () -> consumer.state() == EventConsumer.State.STOPPING);
    assertThat(closed).isNotDone(); // the record in hand is not done
    release.countDown();
    assertThat(closed.get(15, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(consumer.state()).isEqualTo(EventConsumer.State.STOPPED);
    assertThat(seen.values()).containsExactly("a", "b");
    assertThat(kafka.committed(group)).isEqualTo(Map.of(partition(0), 2L));
    assertThat(nextInstanceHandles(1)).containsExactly("c");
  }

  @Test
  void closeGivesUpOnAHandlerThatOutlivesItsTimeout() throws Exception {
    newTopic(1, "hangs");
    CountDownLatch entered = new CountDownLatch(1);
    RecordHandler handler =
        r -> {
          entered.countDown();
          new CountDownLatch(1).await(); // until interrupted
        };
    EventConsumer consumer = consumer(handler, new RecordingListener());
    consumer.start();
    assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    assertThat(consumer.close(Duration.ofMillis(500))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    await("the interrupted loop stopped", () -> consumer.state() == EventConsumer.State.STOPPED);
    assertThat(consumer.handledCount()).isZero();
    assertThat(kafka.committed(group)).isEmpty();
  }

  @Test
  void lagCountsTheBacklogUntilItIsHandled() throws Exception {
    newTopic(3);
    for (int i = 0; i < 12; i++) {
      kafka.send(topic, i % 3, STUDY + "." + i, "v" + i);
    }
    CountDownLatch release = new CountDownLatch(1);
    RecordHandler handler =
        r -> assertThat(release.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    try (EventConsumer consumer = consumer(handler, new RecordingListener())) {
      assertThat(consumer.lag()).isZero();
      consumer.start();
      await("lag of the 12 records", () -> consumer.lag() == 12);
      release.countDown();
      await("12 records handled", () -> consumer.handledCount() == 12);
      await("no lag", () -> consumer.lag() == 0);
    }
  }
}
