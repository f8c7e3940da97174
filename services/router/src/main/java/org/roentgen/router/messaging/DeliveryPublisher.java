package org.roentgen.router.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.contracts.InstanceDelivery;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;

/**
 * Publishes {@code dicom.instance.delivery} events (CloudEvents binary mode, key StudyInstanceUID,
 * acks=all). Thread-safe: deliveries finish on the destinations' threads. The event id is derived
 * from the input event, the destination and the outcome, so the events of a redelivered input have
 * the same ids (consumers deduplicate on them). The delivery of a released instance carries the
 * release block unchanged, which marks it as released.
 */
public final class DeliveryPublisher {
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final String source;
  private final Clock clock;

  public DeliveryPublisher(
      Producer<String, byte[]> producer, String topic, String source, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.source = source;
    this.clock = clock;
  }

  /** The id of the delivery event of an input event for a destination (or quarantine). */
  static String eventId(String inputEventId, InstanceDelivery.Delivery d) {
    String what =
        "delivery:" + inputEventId + ":" + d.outcome() + ":" + String.valueOf(d.destination());
    return UUID.nameUUIDFromBytes(what.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Publishes; the future completes when the broker has acknowledged the event. */
  public CompletableFuture<Void> publish(RoutedEvent in, InstanceDelivery.Delivery delivery) {
    CloudEvent<InstanceDelivery> event =
        new CloudEvent<>(
            eventId(in.id(), delivery),
            source,
            Topics.INSTANCE_DELIVERY.eventType(),
            in.instance().sopInstanceUid(),
            clock.instant(),
            new InstanceDelivery(in.instance(), in.validation(), in.qc(), in.release(), delivery));
    CompletableFuture<Void> acked = new CompletableFuture<>();
    producer.send(
        KafkaCloudEvents.toRecord(topic, in.instance().studyInstanceUid(), event),
        (metadata, failure) -> {
          if (failure != null) {
            acked.completeExceptionally(failure);
          } else {
            acked.complete(null);
          }
        });
    return acked;
  }
}
