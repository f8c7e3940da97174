package org.roentgen.validation.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.roentgen.contracts.EventJson;
import org.roentgen.platform.events.CompactedTopics;
import org.roentgen.platform.events.PendingSends;
import org.roentgen.validation.domain.InMemoryStudyIdentities;
import org.roentgen.validation.domain.PatientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity references kept across restarts and shared by the instances of the service: each new
 * reference (a study's first patient, an instance's patient) is written to a compacted Kafka topic
 * (one partition, key {@code study:<uid>} or {@code sop:<uid>}, value the identity as JSON), read
 * back at start and again whenever partitions are assigned, so the instance that takes over a study
 * knows its first patient. References are written, never updated (the first one stays); the memory
 * bound of {@link InMemoryStudyIdentities} applies to what is read back.
 */
public final class KafkaStudyIdentities extends InMemoryStudyIdentities {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStudyIdentities.class);
  private static final ObjectMapper JSON = EventJson.mapper();

  private final String bootstrapServers;
  private final String topic;
  private final Producer<String, byte[]> producer;
  private final Duration timeout;
  private final PendingSends unacknowledged = new PendingSends();
  private long nextOffset;

  public KafkaStudyIdentities(
      String bootstrapServers,
      String topic,
      Producer<String, byte[]> producer,
      Duration timeout,
      int maxStudies,
      int maxInstances) {
    super(maxStudies, maxInstances);
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.producer = producer;
    this.timeout = timeout;
  }

  /** Called with the lock held: the send is queued, its acknowledgement awaited in flush. */
  @Override
  protected void recorded(String key, PatientIdentity identity) {
    try {
      unacknowledged.add(
          producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsBytes(identity))));
    } catch (IOException e) {
      throw new IllegalStateException("identity not serialisable", e);
    }
  }

  @Override
  public void flush() throws Exception {
    unacknowledged.awaitAll(timeout);
  }

  /** Creates the topic when it is missing, then reads it from the start. */
  public void restore() throws Exception {
    CompactedTopics.ensure(bootstrapServers, topic, timeout);
    long read = catchUp();
    LOG.info("{} identity references read back from {}", read, topic);
  }

  /** Reads what other instances (or an earlier run) wrote since the last read. */
  public synchronized long catchUp() throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    TopicPartition tp = new TopicPartition(topic, 0);
    long read = 0;
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      c.assign(List.of(tp));
      c.seek(tp, nextOffset);
      long end = c.endOffsets(Set.of(tp), timeout).get(tp);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (c.position(tp, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("reading " + topic + " took longer than " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.key() != null && r.value() != null) {
            restore(r.key(), JSON.readValue(r.value(), PatientIdentity.class));
            read++;
          }
        }
      }
      nextOffset = end;
    }
    return read;
  }
}
