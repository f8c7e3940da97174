package org.roentgen.qc.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.EventDecodeException;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.stack.SharedStack;

/** The pipeline test's Kafka side: publishes validated events, reads qc events back. */
final class PipelineKafka implements AutoCloseable {
  private final String servers = SharedStack.get().kafkaBootstrapServers();
  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(ProducerSettings.durable(servers, "it-sender", Duration.ofSeconds(30)));

  /** Publishes {@code v} as labeling-validation would, with the given CloudEvents id. */
  void send(InstanceValidated v, String eventId) throws Exception {
    CloudEvent<InstanceValidated> ce =
        new CloudEvent<>(
            eventId,
            "/roentgen/labeling-validation/it",
            Topics.INSTANCE_VALIDATED.eventType(),
            v.instance().sopInstanceUid(),
            Instant.now(),
            v);
    producer
        .send(
            KafkaCloudEvents.toRecord(
                QcPipelineResource.INPUT, v.instance().studyInstanceUid(), ce))
        .get();
  }

  /** Publishes {@code v} with a new event id. */
  void send(InstanceValidated v) throws Exception {
    send(v, UUID.randomUUID().toString());
  }

  /** Publishes raw bytes on the input topic. */
  void sendRaw(String key, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(QcPipelineResource.INPUT, key, value)).get();
  }

  /** A reader of {@code topic} from its beginning, in a group of its own. */
  KafkaConsumer<String, byte[]> reader(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p);
    c.subscribe(List.of(topic));
    return c;
  }

  /**
   * The qc records of the given SOP Instance UIDs, in the order they arrive, until there are {@code
   * n} or {@code within} has passed; records of other instances are skipped.
   */
  static List<ConsumerRecord<String, byte[]>> qcOf(
      KafkaConsumer<String, byte[]> c, Set<String> sops, int n, Duration within) throws Exception {
    List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (got.size() < n && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
        if (sops.contains(decode(r).data().instance().sopInstanceUid())) {
          got.add(r);
        }
      }
    }
    return got;
  }

  /** The qc records of the SOP Instance UIDs, by UID; fails on a duplicate. */
  static Map<String, ConsumerRecord<String, byte[]>> bySop(
      List<ConsumerRecord<String, byte[]>> records) throws Exception {
    Map<String, ConsumerRecord<String, byte[]>> out = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      if (out.put(decode(r).data().instance().sopInstanceUid(), r) != null) {
        throw new AssertionError(
            "two qc events of " + decode(r).data().instance().sopInstanceUid());
      }
    }
    return out;
  }

  static CloudEvent<InstanceQc> decode(ConsumerRecord<String, byte[]> r)
      throws EventDecodeException {
    return KafkaCloudEvents.fromRecord(r, Topics.INSTANCE_QC.eventType(), InstanceQc.class);
  }

  @Override
  public void close() {
    producer.close();
  }
}
