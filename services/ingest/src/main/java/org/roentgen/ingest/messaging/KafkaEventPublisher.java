package org.roentgen.ingest.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.ingest.domain.EventPublisher;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.ProducerSettings;

/**
 * Publishes {@code dicom.instance.received} with the idempotent producer and acks=all. Failure
 * strategy: none here — a send that fails or times out fails its future, and ingest answers the
 * sender with a failure status so the sender retries; nothing is dropped silently. Sends are handed
 * to one thread, so a producer blocked on an unreachable cluster never stalls an upload.
 */
public final class KafkaEventPublisher implements EventPublisher, AutoCloseable {
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "ingest-kafka-send");
            t.setDaemon(true);
            return t;
          });

  public KafkaEventPublisher(
      String bootstrapServers, String topic, String clientId, Duration timeout) {
    this.producer =
        new KafkaProducer<>(ProducerSettings.durable(bootstrapServers, clientId, timeout));
    this.topic = topic;
  }

  @Override
  public CompletableFuture<Void> publish(
      String studyInstanceUid, CloudEvent<InstanceReceived> event) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    try {
      sender.execute(
          () -> {
            try {
              producer.send(
                  KafkaCloudEvents.toRecord(topic, studyInstanceUid, event),
                  (metadata, e) -> {
                    if (e != null) {
                      acked.completeExceptionally(e);
                    } else {
                      acked.complete(null);
                    }
                  });
            } catch (RuntimeException e) {
              acked.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      acked.completeExceptionally(e);
    }
    return acked;
  }

  @Override
  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(10));
  }
}
