package org.roentgen.qc.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.PendingSends;

/**
 * Publishes {@code dicom.instance.qc} events (CloudEvents binary mode, key StudyInstanceUID,
 * acks=all) without waiting for each acknowledgement; {@link #flush}, which the consumer calls
 * before it commits, waits for all of them. Not thread-safe: one per consumer; the Kafka producer
 * itself is shared.
 */
final class QcPublisher {
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final String source;
  private final Duration publishTimeout;
  private final Clock clock;
  private final PendingSends unacknowledged = new PendingSends();

  QcPublisher(
      Producer<String, byte[]> producer,
      String topic,
      String source,
      Duration publishTimeout,
      Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.source = source;
    this.publishTimeout = publishTimeout;
    this.clock = clock;
  }

  /** The event id of the qc event of an input event: the same for every redelivery of it. */
  static String eventId(String inputEventId) {
    return UUID.nameUUIDFromBytes(("qc:" + inputEventId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Publishes the validated event with its qc block. */
  void publish(String inputEventId, InstanceValidated validated, InstanceQc.Qc qc) {
    CloudEvent<InstanceQc> event =
        new CloudEvent<>(
            eventId(inputEventId),
            source,
            Topics.INSTANCE_QC.eventType(),
            validated.instance().sopInstanceUid(),
            clock.instant(),
            InstanceQc.of(validated, qc));
    unacknowledged.add(
        producer.send(
            KafkaCloudEvents.toRecord(topic, validated.instance().studyInstanceUid(), event)));
  }

  /** Waits until everything published since the last flush is acknowledged. */
  void flush() throws Exception {
    unacknowledged.awaitAll(publishTimeout);
  }
}
