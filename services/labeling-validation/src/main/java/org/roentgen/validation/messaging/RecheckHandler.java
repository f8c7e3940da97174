package org.roentgen.validation.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.DeferredEventException;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.PermanentEventException;
import org.roentgen.platform.events.RecordHandler;
import org.roentgen.validation.domain.StudyIdentities;
import org.roentgen.validation.domain.ValidationMetrics;
import org.roentgen.validation.domain.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks instances whose order could not be checked because the worklist was down or slow. A
 * request waits on the re-check topic until it is due ({@link DeferredEventException}: the topic is
 * in due order, so the requests behind it wait too); then the instance is validated again. When the
 * worklist answers now, a new {@code dicom.instance.validated} event is published for the instance
 * (a later verdict of the same instance, with the order checked); when it still does not, the next
 * re-check is requested, up to the configured number, after which the first verdict (order not
 * checked) stands and the give-up is counted.
 */
public final class RecheckHandler implements RecordHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RecheckHandler.class);

  private final Validator validator;
  private final ValidatedPublisher publisher;
  private final StudyIdentities identities;
  private final ReceivedHandler.RecheckPolicy policy;
  private final ValidationMetrics metrics;
  private final Clock clock;

  RecheckHandler(
      Validator validator,
      ValidatedPublisher publisher,
      StudyIdentities identities,
      ReceivedHandler.RecheckPolicy policy,
      ValidationMetrics metrics,
      Clock clock) {
    this.validator = validator;
    this.publisher = publisher;
    this.identities = identities;
    this.policy = policy;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void handle(ConsumerRecord<String, byte[]> record) throws Exception {
    Instant at = instant(header(record, ValidatedPublisher.RECHECK_AT));
    int attempt = attempt(header(record, ValidatedPublisher.RECHECK_ATTEMPT));
    Duration wait = Duration.between(clock.instant(), at);
    if (!wait.isNegative() && !wait.isZero()) {
      throw new DeferredEventException(wait);
    }
    CloudEvent<InstanceReceived> in =
        KafkaCloudEvents.fromRecord(
            record, Topics.INSTANCE_RECEIVED.eventType(), InstanceReceived.class);
    long start = System.nanoTime();
    Validator.Result r = validator.validateEvent(in.data());
    InstanceValidated.Validation v = r.validation();
    if (ReceivedHandler.worklistUnavailable(v)) {
      if (attempt < policy.attempts()) {
        publisher.recheck(record, attempt + 1, clock.instant().plus(policy.after()));
        metrics.recheck("still_unavailable");
      } else {
        LOG.info(
            "order of {} not checked after {} re-checks: the worklist stayed unavailable",
            in.data().sopInstanceUid(),
            attempt);
        metrics.recheck("gave_up");
      }
      return;
    }
    publisher.validated(in.id(), attempt, in.data(), v);
    metrics.recheck("checked");
    metrics.validated(
        v, in.data().modality(), r.pregnancy(), Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public void flush() throws Exception {
    publisher.flush();
    identities.flush();
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name)
      throws PermanentEventException {
    Header h = r.headers().lastHeader(name);
    if (h == null || h.value() == null) {
      throw new PermanentEventException("re-check request without header " + name);
    }
    return new String(h.value(), StandardCharsets.UTF_8);
  }

  private static Instant instant(String v) throws PermanentEventException {
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new PermanentEventException("re-check time is not an instant: " + v);
    }
  }

  private static int attempt(String v) throws PermanentEventException {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new PermanentEventException("re-check attempt is not a number: " + v);
    }
  }
}
