package org.roentgen.validation.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning on a thread of its own (every partition assigned, no group) and
 * keeps what it read, so that the benchmark sees when the last validated event arrived while it
 * publishes.
 */
final class OutputReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  OutputReader(String bootstrapServers, String topic, int partitions) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(p);
    List<TopicPartition> all = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      all.add(new TopicPartition(topic, i));
    }
    consumer.assign(all);
    consumer.seekToBeginning(all);
    thread = new Thread(this::read, "bench-output-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void read() {
    try {
      while (running) {
        var batch = consumer.poll(Duration.ofMillis(50));
        if (!batch.isEmpty()) {
          synchronized (records) {
            batch.forEach(records::add);
            records.notifyAll();
          }
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  int count() {
    synchronized (records) {
      return records.size();
    }
  }

  /**
   * Waits until {@code n} records were read; returns {@link System#nanoTime()} of that moment.
   *
   * @param alive false once the producer of the records is gone: waiting ends
   * @throws IllegalStateException when the count does not grow for {@code stall}, or {@code alive}
   *     turns false first
   */
  long await(int n, Duration stall, BooleanSupplier alive) throws InterruptedException {
    long lastProgress = System.nanoTime();
    int last = -1;
    synchronized (records) {
      while (records.size() < n) {
        if (failure != null) {
          throw new IllegalStateException("reading the output failed", failure);
        }
        if (records.size() != last) {
          last = records.size();
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > stall.toNanos() || !alive.getAsBoolean()) {
          throw new IllegalStateException(
              records.size() + " of " + n + " validated events, no progress for " + stall);
        }
        records.wait(200);
      }
      return System.nanoTime();
    }
  }

  /** A copy of everything read so far. */
  List<ConsumerRecord<String, byte[]>> records() {
    synchronized (records) {
      return new ArrayList<>(records);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }
}
