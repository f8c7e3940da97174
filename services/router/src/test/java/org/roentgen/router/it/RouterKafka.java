package org.roentgen.router.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.roentgen.contracts.InstanceDelivery;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReleased;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.stack.SharedStack;

/**
 * The router test's Kafka side: publishes {@code dicom.instance.qc} events as artifact detection
 * would and {@code dicom.instance.released} events as the archive would, and collects every {@code
 * dicom.instance.delivery} event the router publishes, from the beginning of this run's output
 * topic, on a thread of its own.
 */
final class RouterKafka implements AutoCloseable {
  /** A delivery event as it came: its record (key, raw JSON) and decoded. */
  record Received(ConsumerRecord<String, byte[]> record, CloudEvent<InstanceDelivery> event) {
    String json() {
      return new String(record.value(), StandardCharsets.UTF_8);
    }

    InstanceDelivery data() {
      return event.data();
    }

    InstanceDelivery.Delivery delivery() {
      return event.data().delivery();
    }

    String sop() {
      return event.data().instance().sopInstanceUid();
    }
  }

  private final String servers = SharedStack.get().kafkaBootstrapServers();
  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          ProducerSettings.durable(servers, "it-router-sender", Duration.ofSeconds(30)));
  private final List<Received> received = new ArrayList<>();
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread collector;
  private volatile boolean running = true;

  RouterKafka(String outputTopic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-router-reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(p);
    consumer.subscribe(List.of(outputTopic));
    collector = new Thread(this::collect, "it-delivery-collector");
    collector.setDaemon(true);
    collector.start();
  }

  private void collect() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          CloudEvent<InstanceDelivery> e;
          try {
            e =
                KafkaCloudEvents.fromRecord(
                    r, Topics.INSTANCE_DELIVERY.eventType(), InstanceDelivery.class);
          } catch (Exception ex) {
            throw new IllegalStateException("an unreadable delivery event: " + ex, ex);
          }
          synchronized (received) {
            received.add(new Received(r, e));
            received.notifyAll();
          }
        }
      }
    } catch (WakeupException closing) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** Publishes {@code e} on the router's input topic as artifact detection would. */
  void send(String topic, InstanceQc e) throws Exception {
    send(topic, e, UUID.randomUUID().toString());
  }

  /** As {@link #send(String, InstanceQc)}, with the given CloudEvents id (a redelivery). */
  void send(String topic, InstanceQc e, String eventId) throws Exception {
    CloudEvent<InstanceQc> ce =
        new CloudEvent<>(
            eventId,
            "/roentgen/artifact-detection/it",
            Topics.INSTANCE_QC.eventType(),
            e.instance().sopInstanceUid(),
            Instant.now(),
            e);
    producer.send(KafkaCloudEvents.toRecord(topic, e.instance().studyInstanceUid(), ce)).get();
  }

  /** Publishes {@code e} on the router's release topic as the archive would. */
  void sendReleased(String topic, InstanceReleased e, String eventId) throws Exception {
    CloudEvent<InstanceReleased> ce =
        new CloudEvent<>(
            eventId,
            "/roentgen/archive/it",
            Topics.INSTANCE_RELEASED.eventType(),
            e.instance().sopInstanceUid(),
            Instant.now(),
            e);
    producer.send(KafkaCloudEvents.toRecord(topic, e.instance().studyInstanceUid(), ce)).get();
  }

  /** Every delivery event so far that {@code filter} accepts, in the order they came. */
  List<Received> events(Predicate<Received> filter) {
    synchronized (received) {
      return received.stream().filter(filter).toList();
    }
  }

  /**
   * The delivery events that {@code filter} accepts, once there are at least {@code n} of them or
   * {@code within} has passed (then fewer).
   */
  List<Received> await(Predicate<Received> filter, int n, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    synchronized (received) {
      while (true) {
        List<Received> got = received.stream().filter(filter).toList();
        long left = deadline - System.nanoTime();
        if (got.size() >= n || left <= 0) {
          return got;
        }
        received.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    collector.join(10_000);
    producer.close();
  }
}
