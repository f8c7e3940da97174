package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The shared broker takes and serves records as the services will send them. */
class KafkaBrokerIT {

  @Test
  void producesWithAllAcksAndIdempotenceAndConsumes() throws Exception {
    String bootstrap = SharedStack.get().kafkaBootstrapServers();
    String topic = "stack-it-" + UUID.randomUUID();

    RecordMetadata sent = KafkaClients.send(bootstrap, topic, "1.2.3.4", "received");

    assertThat(sent.topic()).isEqualTo(topic);
    assertThat(sent.offset()).isZero();
    assertThat(KafkaClients.readAll(bootstrap, topic, 1))
        .containsExactly(Map.entry("1.2.3.4", "received"));
  }

  @Test
  void createsTopicsWithTheDefaultPartitionCount() throws Exception {
    String bootstrap = SharedStack.get().kafkaBootstrapServers();
    String topic = "stack-it-partitions-" + UUID.randomUUID();
    KafkaClients.send(bootstrap, topic, "k", "v");

    try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(bootstrap)) {
      assertThat(consumer.partitionsFor(topic)).hasSize(3);
    }
  }

  /** Producer and consumer settings shared by the Kafka tests. */
  static final class KafkaClients {
    private KafkaClients() {}

    static RecordMetadata send(String bootstrap, String topic, String key, String value)
        throws Exception {
      try (KafkaProducer<String, String> producer = producer(bootstrap)) {
        return producer.send(new ProducerRecord<>(topic, key, value)).get();
      }
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
      return new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              bootstrap,
              ProducerConfig.ACKS_CONFIG,
              "all",
              ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
              true,
              ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
              30_000,
              ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
              10_000),
          new StringSerializer(),
          new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(String bootstrap) {
      return new KafkaConsumer<>(
          Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
              bootstrap,
              ConsumerConfig.GROUP_ID_CONFIG,
              "stack-it-" + UUID.randomUUID(),
              ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
              "earliest",
              ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
              false),
          new StringDeserializer(),
          new StringDeserializer());
    }

    /** Reads a topic from the start until {@code count} records came, for up to 30 s. */
    static List<Map.Entry<String, String>> readAll(String bootstrap, String topic, int count) {
      List<Map.Entry<String, String>> records = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            records.add(Map.entry(r.key(), r.value()));
          }
        }
      }
      return records;
    }
  }
}
