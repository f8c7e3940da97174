package org.roentgen.validation.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.InstanceValidated.Order;
import org.roentgen.contracts.InstanceValidated.OrderStatus;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.RecordHandler;
import org.roentgen.validation.domain.StudyIdentities;
import org.roentgen.validation.domain.ValidationMetrics;
import org.roentgen.validation.domain.Validator;

/**
 * Handles one {@code dicom.instance.received} record: validates the instance and publishes its
 * {@code dicom.instance.validated} event (key StudyInstanceUID, acks=all). Publishing does not wait
 * for each acknowledgement: {@link #flush}, which the consumer calls before it commits the input
 * offsets, waits for all of them, so an input offset is committed only after its output is durable,
 * and a batch of instances costs one round trip instead of one per instance. When the worklist
 * could not be asked and re-checks are configured, the received event also goes to the re-check
 * topic ({@link RecheckHandler}) and the verdict says when the order will be checked.
 *
 * <p>Failure strategy: a record that is not a received event (wrong type, unreadable data) is
 * permanent and goes to the dead-letter topic {@code <input>.dlq} through the consumer; a publish
 * that fails or times out fails the flush, and the consumer handles again every instance since its
 * last commit, after a backoff: never skipped. An instance whose header is unreadable is not an
 * error here: it is validated as FAIL ({@code header.unreadable}) and published, so it is held, not
 * lost.
 */
public final class ReceivedHandler implements RecordHandler {
  /** Re-checks of an order the worklist could not answer: how often, and after how long. */
  public record RecheckPolicy(int attempts, Duration after) {
    public boolean enabled() {
      return attempts > 0;
    }
  }

  private final Validator validator;
  private final ValidatedPublisher publisher;
  private final StudyIdentities identities;
  private final RecheckPolicy recheck;
  private final ValidationMetrics metrics;
  private final Clock clock;

  /**
   * @param outputTopic where validated events go
   * @param recheckTopic where re-check requests go
   * @param source the CloudEvents source of what this instance publishes
   * @param publishTimeout bound on the acknowledgements awaited in {@link #flush}
   */
  public ReceivedHandler(
      Validator validator,
      Producer<String, byte[]> producer,
      String outputTopic,
      String recheckTopic,
      String source,
      Duration publishTimeout,
      StudyIdentities identities,
      RecheckPolicy recheck,
      ValidationMetrics metrics,
      Clock clock) {
    this.validator = validator;
    this.publisher =
        new ValidatedPublisher(producer, outputTopic, recheckTopic, source, publishTimeout, clock);
    this.identities = identities;
    this.recheck = recheck;
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
    InstanceValidated.Validation v = r.validation();
    if (worklistUnavailable(v) && recheck.enabled()) {
      Instant at = clock.instant().plus(recheck.after());
      v = withOrder(v, new Order(OrderStatus.NOT_CHECKED, v.order().reason(), at));
      publisher.recheck(record, 1, at);
    }
    publisher.validated(in.id(), 0, received, v);
    metrics.validated(
        v, received.modality(), r.pregnancy(), Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public void flush() throws Exception {
    publisher.flush();
    identities.flush();
  }

  /** The worklist was asked and could not answer (not: the header could not even be read). */
  static boolean worklistUnavailable(InstanceValidated.Validation v) {
    return v.order().status() == OrderStatus.NOT_CHECKED && v.order().reason() != null;
  }

  static InstanceValidated.Validation withOrder(InstanceValidated.Validation v, Order order) {
    return new InstanceValidated.Validation(
        v.verdict(), v.findings(), order, v.ruleSet(), v.validatedAt(), v.validator());
  }
}
