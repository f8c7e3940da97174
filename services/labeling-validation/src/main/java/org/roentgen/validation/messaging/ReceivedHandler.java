package org.roentgen.validation.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.RecordHandler;
import org.roentgen.validation.domain.ValidationMetrics;
import org.roentgen.validation.domain.Validator;

/**
 * Handles one {@code dicom.instance.received} record: validates the instance and publishes its
 * {@code dicom.instance.validated} event (key StudyInstanceUID, acks=all). Publishing does not wait
 * for each acknowledgement: {@link #flush}, which the consumer calls before it commits the input
 * offsets, waits for all of them, so an input offset is committed only after its output is durable,
 * and a batch of instances costs one round trip instead of one per instance.
 *
 * <p>Failure strategy: a record that is not a received event (wrong type, unreadable data) is
 * permanent and goes to the dead-letter topic {@code dicom.instance.received.v1.dlq} through the
 * consumer; a publish that fails or times out fails the flush, and the consumer handles again every
 * instance since its last commit, after a backoff: never skipped. An instance whose header is
 * unreadable is not an error here: it is validated as FAIL ({@code header.unreadable}) and
 * published, so it is held, not lost. The event id of the output is derived from the input's, so a
 * redelivered input republishes the same event id and consumers drop the duplicate.
 */
public final class ReceivedHandler implements RecordHandler {
  private final Validator validator;
  private final Producer<String, byte[]> producer;
  private final String outputTopic;
  private final String source;
  private final Duration publishTimeout;
  private final ValidationMetrics metrics;
  private final Clock clock;
  private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

  public ReceivedHandler(
      Validator validator,
      Producer<String, byte[]> producer,
      String outputTopic,
      String source,
      Duration publishTimeout,
      ValidationMetrics metrics,
      Clock clock) {
    this.validator = validator;
    this.producer = producer;
    this.outputTopic = outputTopic;
    this.source = source;
    this.publishTimeout = publishTimeout;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void handle(ConsumerRecord<String, byte[]> record) throws Exception {
    CloudEvent<InstanceReceived> in =
        KafkaCloudEvents.fromRecord(
            record, Topics.INSTANCE_RECEIVED.eventType(), InstanceReceived.class);
    long start = System.nanoTime();
    InstanceReceived received = in.data();
    Validator.Result r = validator.validateEvent(received);
    InstanceValidated out = new InstanceValidated(received, r.validation());
    CloudEvent<InstanceValidated> event =
        new CloudEvent<>(
            UUID.nameUUIDFromBytes(("validated:" + in.id()).getBytes(StandardCharsets.UTF_8))
                .toString(),
            source,
            Topics.INSTANCE_VALIDATED.eventType(),
            received.sopInstanceUid(),
            clock.instant(),
            out);
    unacknowledged.add(
        producer.send(KafkaCloudEvents.toRecord(outputTopic, received.studyInstanceUid(), event)));
    metrics.validated(
        r.validation(),
        received.modality(),
        r.pregnancy(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Waits until every event published since the last flush is acknowledged (acks=all). */
  @Override
  public void flush() throws Exception {
    long deadline = System.nanoTime() + publishTimeout.toNanos();
    try {
      for (Future<RecordMetadata> f : unacknowledged) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("events not acknowledged within " + publishTimeout);
        }
        f.get(left, TimeUnit.NANOSECONDS);
      }
    } finally {
      unacknowledged.clear();
    }
  }
}
