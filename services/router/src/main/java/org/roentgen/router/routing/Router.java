package org.roentgen.router.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceDelivery.Delivery;
import org.roentgen.contracts.InstanceDelivery.Failure;
import org.roentgen.contracts.InstanceDelivery.Outcome;
import org.roentgen.contracts.InstanceDelivery.Priority;
import org.roentgen.contracts.InstanceDelivery.Quarantine;
import org.roentgen.contracts.InstanceDelivery.Sent;
import org.roentgen.router.delivery.DeliveryEngine;
import org.roentgen.router.delivery.DeliveryJob;
import org.roentgen.router.delivery.DeliveryOutcome;
import org.roentgen.router.messaging.DeliveryPublisher;
import org.roentgen.router.messaging.RoutedEvent;
import org.roentgen.router.payload.DatasetTransform;
import org.roentgen.router.payload.PayloadFactory;
import org.roentgen.router.rules.DestinationPlan;
import org.roentgen.router.rules.RoutingDecision;
import org.roentgen.router.rules.RoutingEvent;
import org.roentgen.router.rules.RuleSet;
import org.roentgen.router.rules.RuleSource;
import org.roentgen.router.storage.DeadLetter;
import org.roentgen.router.storage.DeadLetterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one instance: asks the rules in force, then quarantines it, records that nothing routes
 * it, or queues it for each destination with that destination's plan. The returned stage completes
 * when the instance's outcome is durable everywhere: each destination confirmed it or it is in the
 * dead-letter records, and every delivery event is acknowledged by Kafka. Only then may the input
 * event's offset be committed. A stage that fails (Kafka or the dead-letter topic not answering, a
 * job handed back at shutdown) leaves the event to be consumed again; the ledger keeps the
 * destinations that confirmed from getting it twice.
 *
 * <p>An instance released from quarantine by a reviewer ({@link RoutedEvent#released()}) is decided
 * by {@link RuleSet#decideReleased}: no quarantine rule, no FAIL default, so it is delivered or not
 * routed. Its delivery events carry the release block. A release of content a destination already
 * confirmed (the same hash in the ledger) is not sent again; a corrected version (a new hash) is.
 */
public final class Router {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final ObjectMapper JSON = EventJson.mapper();

  private final RuleSource rules;
  private final DeliveryEngine engine;
  private final PayloadFactory payloads;
  private final Transforms transforms;
  private final DeliveryPublisher publisher;
  private final DeadLetterStore deadLetters;
  private final RouterMetrics metrics;
  private final Clock clock;
  private final String name;

  public Router(
      RuleSource rules,
      DeliveryEngine engine,
      PayloadFactory payloads,
      Transforms transforms,
      DeliveryPublisher publisher,
      DeadLetterStore deadLetters,
      RouterMetrics metrics,
      Clock clock,
      String name) {
    this.rules = rules;
    this.engine = engine;
    this.payloads = payloads;
    this.transforms = transforms;
    this.publisher = publisher;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.clock = clock;
    this.name = name;
  }

  /**
   * What {@code rules} decide for {@code e} at {@code now}: {@link RuleSet#decideReleased} for an
   * instance released from quarantine, {@link RuleSet#decide} for any other.
   */
  public static RoutingDecision decide(RuleSet rules, RoutedEvent e, Instant now) {
    RoutingEvent event = new RoutingEvent(e.instance(), e.validation(), e.qc());
    return e.released() ? rules.decideReleased(event, now) : rules.decide(event, now);
  }

  /** Routes {@code e}; see the class comment for when the stage completes. */
  public CompletableFuture<Void> route(RoutedEvent e) {
    RoutingDecision decision = decide(rules.current(), e, clock.instant());
    if (e.released()) {
      metrics.released();
    }
    if (decision instanceof RoutingDecision.Quarantine q) {
      return quarantine(e, q);
    }
    if (decision instanceof RoutingDecision.NoRoute n) {
      metrics.unrouted();
      LOG.info(
          "{} {} not routed: {}",
          e.released() ? "released instance" : "instance",
          e.instance().sopInstanceUid(),
          n.reason());
      return CompletableFuture.completedFuture(null);
    }
    RoutingDecision.Deliver d = (RoutingDecision.Deliver) decision;
    if (e.released()) {
      LOG.info(
          "released instance {} (object version {}, {} correction(s)) routed to {} by {}",
          e.instance().sopInstanceUid(),
          e.instance().object().version(),
          e.release().corrections().size(),
          d.destinations().stream().map(DestinationPlan::destination).toList(),
          d.matchedRules());
    }
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (DestinationPlan plan : d.destinations()) {
      all.add(deliver(e, plan, plan.destination(), null));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  /**
   * Sends a dead-lettered instance again, to its destination or {@code to}, with the plan the rules
   * in force give it for its original destination (so coercion and de-identification stay as the
   * rules say); the record is removed once the destination confirms.
   *
   * @throws IllegalStateException when the rules in force no longer send the instance to the dead
   *     letter's destination (then no plan says how to transform it for sending)
   */
  public CompletableFuture<Void> redrive(DeadLetter letter, String to) throws Exception {
    RoutedEvent e = RoutedEvent.of(letter.eventId(), letter.topic(), letter.event());
    RoutingDecision decision = decide(rules.current(), e, clock.instant());
    DestinationPlan plan =
        decision instanceof RoutingDecision.Deliver d ? d.plan(letter.destination()) : null;
    if (plan == null) {
      throw new IllegalStateException(
          "the rules in force do not send instance "
              + letter.sopInstanceUid()
              + " to "
              + letter.destination()
              + " any more; change the rules or re-drive it to a destination they send it to");
    }
    String target = to == null ? letter.destination() : to;
    if (!engine.has(target)) {
      throw new IllegalArgumentException("no destination named " + target);
    }
    return deliver(e, plan, target, letter);
  }

  private CompletableFuture<Void> deliver(
      RoutedEvent e, DestinationPlan plan, String destination, DeadLetter redriven) {
    DatasetTransform transform = transforms.of(plan);
    DeliveryJob job =
        new DeliveryJob(
            e.instance().sopInstanceUid(),
            e.instance().studyInstanceUid(),
            plan.priority(),
            payloads.source(e.instance(), transform));
    Duration hold = redriven == null ? Duration.ofSeconds(plan.holdSeconds()) : Duration.ZERO;
    return engine
        .submit(destination, job, hold)
        .thenCompose(o -> record(e, plan, destination, transform, o, redriven));
  }

  private CompletableFuture<Void> record(
      RoutedEvent e,
      DestinationPlan plan,
      String destination,
      DatasetTransform transform,
      DeliveryOutcome o,
      DeadLetter redriven) {
    long endToEnd =
        Math.max(0, Duration.between(e.instance().receivedAt(), o.completedAt()).toMillis());
    if (o.delivered()) {
      metrics.delivered(
          destination,
          plan.priority().name(),
          Duration.between(o.queuedAt(), o.completedAt()),
          Duration.ofMillis(endToEnd));
      Sent sent =
          new Sent(
              o.result() == null ? null : o.result().transferSyntaxUid(),
              o.sha256(),
              o.size(),
              transform.deidentifies(),
              transform.coerced(),
              o.duplicate());
      Delivery d =
          new Delivery(
              Outcome.DELIVERED,
              destination,
              plan.rules(),
              plan.priority(),
              o.attempts(),
              o.queuedAt(),
              o.completedAt(),
              endToEnd,
              sent,
              null,
              null,
              name);
      CompletableFuture<Void> published = publisher.publish(e, d);
      if (redriven == null) {
        return published;
      }
      // The record goes once the event is acknowledged, and here, on the delivery's thread (as
      // the ledger write): in the producer's callback, removing (a write through the same producer
      // that waits for its acknowledgement) would block the producer's I/O thread, and with it
      // every publish of the router, until the write timed out.
      try {
        published.join();
        deadLetters.remove(redriven);
        return CompletableFuture.completedFuture(null);
      } catch (Exception ex) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("removing a re-driven dead letter failed", ex));
      }
    }
    Failure failure =
        new Failure(
            o.failure().failureCause(),
            o.failure().permanent(),
            o.gaveUp(),
            o.failure().status(),
            o.failure().getMessage() == null
                ? o.failure().failureCause().name()
                : o.failure().getMessage());
    DeadLetter letter =
        new DeadLetter(
            destination,
            e.instance().sopInstanceUid(),
            e.instance().studyInstanceUid(),
            e.instance().modality(),
            e.id(),
            e.topic(),
            e.data(),
            JSON.valueToTree(plan),
            failure,
            o.attempts(),
            o.completedAt());
    try {
      deadLetters.add(letter);
    } catch (Exception ex) {
      return CompletableFuture.failedFuture(ex);
    }
    Delivery d =
        new Delivery(
            Outcome.DEAD_LETTERED,
            destination,
            plan.rules(),
            plan.priority(),
            o.attempts(),
            o.queuedAt(),
            o.completedAt(),
            endToEnd,
            null,
            failure,
            null,
            name);
    return publisher.publish(e, d);
  }

  private CompletableFuture<Void> quarantine(RoutedEvent e, RoutingDecision.Quarantine q) {
    metrics.quarantined();
    Instant now = clock.instant();
    Delivery d =
        new Delivery(
            Outcome.QUARANTINED,
            null,
            q.matchedRules(),
            Priority.ROUTINE,
            0,
            now,
            now,
            Math.max(0, Duration.between(e.instance().receivedAt(), now).toMillis()),
            null,
            null,
            new Quarantine(q.reason(), q.findings()),
            name);
    LOG.info("instance {} quarantined: {}", e.instance().sopInstanceUid(), q.reason());
    return publisher.publish(e, d);
  }
}
