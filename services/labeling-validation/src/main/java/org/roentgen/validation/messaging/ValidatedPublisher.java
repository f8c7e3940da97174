package org.roentgen.validation.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.PendingSends;

/**
 * What one consumer thread publishes: validated events and re-check requests, sent without waiting
 * and acknowledged together in {@link #flush} (which the consumer calls before it commits). Not
 * thread-safe: one per consumer; the Kafka producer itself is shared.
 */
final class ValidatedPublisher {
  /** Header of a re-check request: when it is due (ISO-8601 instant). */
  static final String RECHECK_AT = "roentgen-recheck-at";

  /** Header of a re-check request: which re-check it is (1, 2...). */
  static final String RECHECK_ATTEMPT = "roentgen-recheck-attempt";

  private final Producer<String, byte[]> producer;
  private final String outputTopic;
  private final String recheckTopic;
  private final String source;
  private final Duration publishTimeout;
  private final Clock clock;
  private final PendingSends unacknowledged = new PendingSends();

  ValidatedPublisher(
      Producer<String, byte[]> producer,
      String outputTopic,
      String recheckTopic,
      String source,
      Duration publishTimeout,
      Clock clock) {
    this.producer = producer;
    this.outputTopic = outputTopic;
    this.recheckTopic = recheckTopic;
    this.source = source;
    this.publishTimeout = publishTimeout;
    this.clock = clock;
  }

  /**
   * Publishes the validated event of {@code received}; its id is derived from the input event's id
   * and {@code pass} (0 for the first validation, n for the n-th re-check), so a redelivered input
   * gives the same event id and consumers drop the duplicate.
   */
  void validated(
      String inputEventId, int pass, InstanceReceived received, InstanceValidated.Validation v) {
    String id =
        UUID.nameUUIDFromBytes(
                ("validated:" + inputEventId + (pass == 0 ? "" : ":recheck" + pass))
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    CloudEvent<InstanceValidated> event =
        new CloudEvent<>(
            id,
            source,
            Topics.INSTANCE_VALIDATED.eventType(),
            received.sopInstanceUid(),
            clock.instant(),
            new InstanceValidated(received, v));
    unacknowledged.add(
        producer.send(KafkaCloudEvents.toRecord(outputTopic, received.studyInstanceUid(), event)));
  }

  /** Asks for re-check {@code attempt} of the received event in {@code input}, due {@code at}. */
  void recheck(ConsumerRecord<String, byte[]> input, int attempt, Instant at) {
    ProducerRecord<String, byte[]> r =
        new ProducerRecord<>(recheckTopic, null, input.key(), input.value());
    for (Header h : input.headers()) {
      if (!h.key().equals(RECHECK_AT) && !h.key().equals(RECHECK_ATTEMPT)) {
        r.headers().add(h);
      }
    }
    r.headers().add(RECHECK_AT, at.toString().getBytes(StandardCharsets.UTF_8));
    r.headers().add(RECHECK_ATTEMPT, Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
    unacknowledged.add(producer.send(r));
  }

  /** Waits until everything published since the last flush is acknowledged (acks=all). */
  void flush() throws Exception {
    unacknowledged.awaitAll(publishTimeout);
  }
}
