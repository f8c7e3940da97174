package org.roentgen.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key-value state kept in a compacted topic ({@link CompactedTopics}) and mirrored in memory: at
 * {@link #start()} the topic is read from its beginning to its end (the latest value of each key
 * wins, a tombstone removes the key), then a background thread follows it, so values written by
 * other instances of the service appear here too. {@link #put} and {@link #remove} return once the
 * broker has acknowledged the write (acks=all with the platform's producer settings), and update
 * the mirror at once.
 */
public final class CompactedView implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompactedView.class);

  private final String bootstrapServers;
  private final String topic;
  private final Producer<String, byte[]> producer;
  private final Duration timeout;
  private final Map<String, byte[]> values = new ConcurrentHashMap<>();
  private volatile KafkaConsumer<String, byte[]> follower;
  private Thread thread;
  private volatile boolean running;

  /**
   * @param timeout bound on each step (topic creation, reading back, an acknowledgement)
   */
  public CompactedView(
      String bootstrapServers, String topic, Producer<String, byte[]> producer, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.producer = producer;
    this.timeout = timeout;
  }

  public String topic() {
    return topic;
  }

  /** Creates the topic when missing, reads it whole, then follows it. Returns the keys read. */
  public synchronized int start() throws Exception {
    if (running) {
      throw new IllegalStateException(topic + " is followed already");
    }
    CompactedTopics.ensure(bootstrapServers, topic, timeout);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    TopicPartition tp = new TopicPartition(topic, 0);
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p);
    try {
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(Set.of(tp), timeout).get(tp);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (c.position(tp, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("reading " + topic + " took longer than " + timeout);
        }
        c.poll(Duration.ofMillis(200)).forEach(this::apply);
      }
    } catch (Exception e) {
      c.close();
      throw e;
    }
    follower = c;
    running = true;
    thread = new Thread(this::follow, "follow-" + topic);
    thread.setDaemon(true);
    thread.start();
    LOG.info("{} keys read back from {}", values.size(), topic);
    return values.size();
  }

  private void follow() {
    try {
      while (running) {
        follower.poll(Duration.ofMillis(500)).forEach(this::apply);
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.warn("following {} stopped: {}", topic, e.toString());
    } finally {
      follower.close(Duration.ofSeconds(5));
    }
  }

  private void apply(ConsumerRecord<String, byte[]> r) {
    if (r.key() == null) {
      return;
    }
    if (r.value() == null) {
      values.remove(r.key());
    } else {
      values.put(r.key(), r.value());
    }
  }

  /** The latest value of {@code key}, or null. */
  public byte[] get(String key) {
    return values.get(key);
  }

  /** A copy of every key and its latest value. */
  public Map<String, byte[]> snapshot() {
    return Map.copyOf(values);
  }

  public int size() {
    return values.size();
  }

  /** Writes {@code value} under {@code key} and waits for the acknowledgement. */
  public void put(String key, byte[] value) throws Exception {
    producer
        .send(new ProducerRecord<>(topic, key, value))
        .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    values.put(key, value);
  }

  /** Writes a tombstone for {@code key} and waits for the acknowledgement. */
  public void remove(String key) throws Exception {
    producer
        .send(new ProducerRecord<>(topic, key, null))
        .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    values.remove(key);
  }

  /** Stops following (the producer is the caller's). */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    follower.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
