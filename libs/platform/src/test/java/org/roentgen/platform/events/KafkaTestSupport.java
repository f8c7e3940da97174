package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.roentgen.stack.SharedStack;

/** Topics, a producer, committed offsets and waiting, on the shared broker, for consumer tests. */
final class KafkaTestSupport implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  final String bootstrap = SharedStack.get().kafkaBootstrapServers();
  private final Admin admin;
  private final KafkaProducer<String, byte[]> producer;

  KafkaTestSupport() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    admin = Admin.create(p);
    producer = new KafkaProducer<>(ProducerSettings.durable(bootstrap, "test-producer", WAIT));
  }

  /** A name no other test uses. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Quick settings: short polls and backoffs, a lag refreshed every 100 ms. */
  ConsumerSettings settings(String group) {
    return ConsumerSettings.of(bootstrap, group, group + "-" + UUID.randomUUID())
        .withPollTimeout(Duration.ofMillis(100))
        .withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
        .withLagRefreshInterval(Duration.ofMillis(100))
        .withSessionTimeout(Duration.ofSeconds(6));
  }

  /** A new topic of {@code partitions} partitions. */
  void createTopic(String topic, int partitions) throws Exception {
    admin
        .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
        .all()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  RecordMetadata send(ProducerRecord<String, byte[]> record) throws Exception {
    return producer.send(record).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  RecordMetadata send(String topic, int partition, String key, String value) throws Exception {
    return send(new ProducerRecord<>(topic, partition, key, bytes(value)));
  }

  /** The group's committed next offsets. */
  Map<TopicPartition, Long> committed(String group) throws Exception {
    return admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS)
        .entrySet()
        .stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** Every record of {@code topic} once {@code count} are there, read from the beginning. */
  List<ConsumerRecord<String, byte[]>> readAll(String topic, int count) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      int partitions = c.partitionsFor(topic, WAIT).size();
      c.assign(IntStream.range(0, partitions).mapToObj(i -> new TopicPartition(topic, i)).toList());
      c.seekToBeginning(c.assignment());
      List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (all.size() < count && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(100)).forEach(all::add);
      }
      return all;
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Waits until {@code condition} holds, checking every 10 ms; fails after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting until " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting until " + what);
      }
    }
  }

  static void await(String what, BooleanSupplier condition) {
    await(what, WAIT, condition);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
