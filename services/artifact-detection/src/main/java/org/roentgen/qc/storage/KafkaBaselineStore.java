package org.roentgen.qc.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baselines kept across restarts in a compacted Kafka topic of one partition: key {@code
 * station|protocol|metric|instance}, value the instance's latest values of that series as a JSON
 * array of numbers, oldest first. Each instance writes its own series; at start the whole topic is
 * read back into {@link PersistedBaselines}, this instance's series as its own, the others' as
 * history. Station names are device names, never patient data.
 */
public final class KafkaBaselineStore {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBaselineStore.class);
  private static final ObjectMapper JSON = EventJson.mapper();
  private static final char SEPARATOR = '|';

  private final String bootstrapServers;
  private final String topic;
  private final String instance;
  private final Producer<String, byte[]> producer;
  private final Duration timeout;

  /**
   * @param instance this instance's name, the last part of the keys it writes
   * @param timeout bound on each step (topic creation, reading back, the acknowledgements)
   */
  public KafkaBaselineStore(
      String bootstrapServers,
      String topic,
      String instance,
      Producer<String, byte[]> producer,
      Duration timeout) {
    if (instance.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("an instance name without '|': " + instance);
    }
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.instance = instance;
    this.producer = producer;
    this.timeout = timeout;
  }

  public String topic() {
    return topic;
  }

  /** Creates the topic when it is missing, reads it from start to end into {@code baselines}. */
  public long restoreInto(PersistedBaselines baselines) throws Exception {
    CompactedTopics.ensure(bootstrapServers, topic, timeout);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    TopicPartition tp = new TopicPartition(topic, 0);
    long series = 0;
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(Set.of(tp), timeout).get(tp);
      long deadline = System.nanoTime() + timeout.toNanos();
      // A compacted topic holds older values of a key before its latest: the last one wins.
      Map<String, ConsumerRecord<String, byte[]>> latest = new java.util.LinkedHashMap<>();
      while (c.position(tp, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("reading " + topic + " took longer than " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.key() != null) {
            latest.remove(r.key());
            latest.put(r.key(), r);
          }
        }
      }
      for (ConsumerRecord<String, byte[]> r : latest.values()) {
        int cut = r.key().lastIndexOf(SEPARATOR);
        if (cut <= 0 || r.value() == null) {
          continue;
        }
        double[] values;
        try {
          values = JSON.readValue(r.value(), double[].class);
        } catch (IOException e) {
          LOG.warn("{}@{}: not a baseline series, skipped: {}", topic, r.offset(), e.toString());
          continue;
        }
        baselines.restore(
            r.key().substring(0, cut), values, r.key().substring(cut + 1).equals(instance));
        series++;
      }
    }
    LOG.info("{} baseline series read back from {}", series, topic);
    return series;
  }

  /**
   * Writes the series recorded since the last write and waits for their acknowledgements; on a
   * failure they are marked changed again (written next time) and the failure is thrown.
   *
   * @return the series written
   */
  public int writeChanged(PersistedBaselines baselines) throws Exception {
    Map<String, double[]> changed = baselines.takeChanged();
    if (changed.isEmpty()) {
      return 0;
    }
    PendingSends sends = new PendingSends();
    try {
      for (Map.Entry<String, double[]> e : changed.entrySet()) {
        sends.add(
            producer.send(
                new ProducerRecord<>(
                    topic,
                    e.getKey() + SEPARATOR + instance,
                    JSON.writeValueAsBytes(e.getValue()))));
      }
      sends.awaitAll(timeout);
    } catch (Exception e) {
      baselines.changedAgain(changed.keySet());
      throw e;
    }
    return changed.size();
  }
}
