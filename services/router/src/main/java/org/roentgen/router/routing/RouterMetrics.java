package org.roentgen.router.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.roentgen.router.delivery.DeliveryEngine;
import org.roentgen.router.delivery.DestinationStatus;

/**
 * The router's metrics: per destination the queue (depth, ready, waiting for a retry, in flight),
 * the circuit (0 closed, 1 half open, 2 open), delivered, duplicates, failed attempts, retries and
 * dead letters (from the engine's counters); delivery latency (queued to confirmed) and end-to-end
 * latency (received by ingest to confirmed) histograms per destination and priority; instances
 * quarantined, released from quarantine and not routed.
 */
public final class RouterMetrics {
  private final MeterRegistry registry;
  private final Counter quarantined;
  private final Counter unrouted;
  private final Counter released;

  public RouterMetrics(MeterRegistry registry, DeliveryEngine engine) {
    this.registry = registry;
    for (String d : engine.destinations()) {
      gauge("roentgen.router.queue.depth", d, engine, s -> s.depth(), "jobs not yet confirmed");
      gauge("roentgen.router.queue.ready", d, engine, s -> s.ready(), "jobs ready to go");
      gauge("roentgen.router.queue.waiting", d, engine, s -> s.waiting(), "jobs waiting to retry");
      gauge("roentgen.router.in.flight", d, engine, s -> s.inFlight(), "jobs being sent");
      gauge(
          "roentgen.router.circuit.state",
          d,
          engine,
          s ->
              switch (s.circuit()) {
                case "OPEN" -> 2;
                case "HALF_OPEN" -> 1;
                default -> 0;
              },
          "0 closed, 1 half open (probing), 2 open");
      gauge("roentgen.router.paused", d, engine, s -> s.paused() ? 1 : 0, "1 when paused");
      counter("roentgen.router.delivered", d, engine, s -> s.delivered(), "instances confirmed");
      counter(
          "roentgen.router.duplicates", d, engine, s -> s.duplicates(), "sends spared by ledger");
      counter(
          "roentgen.router.failed.attempts", d, engine, s -> s.failedAttempts(), "attempts failed");
      counter("roentgen.router.retried", d, engine, s -> s.retried(), "failed attempts retried");
      counter(
          "roentgen.router.dead.lettered", d, engine, s -> s.deadLettered(), "instances given up");
    }
    Gauge.builder("roentgen.router.held", engine, DeliveryEngine::held)
        .description("instances held for study completion")
        .register(registry);
    quarantined =
        Counter.builder("roentgen.router.quarantined")
            .description("instances quarantined")
            .register(registry);
    unrouted =
        Counter.builder("roentgen.router.unrouted")
            .description("instances no rule sent anywhere")
            .register(registry);
    released =
        Counter.builder("roentgen.router.released")
            .description("instances released from quarantine and routed again")
            .register(registry);
  }

  private void gauge(
      String name,
      String destination,
      DeliveryEngine engine,
      ToDoubleFunction<DestinationStatus> f,
      String description) {
    Gauge.builder(name, engine, e -> f.applyAsDouble(e.status(destination)))
        .tag("destination", destination)
        .description(description)
        .register(registry);
  }

  private void counter(
      String name,
      String destination,
      DeliveryEngine engine,
      ToDoubleFunction<DestinationStatus> f,
      String description) {
    io.micrometer.core.instrument.FunctionCounter.builder(
            name, engine, e -> f.applyAsDouble(e.status(destination)))
        .tag("destination", destination)
        .description(description)
        .register(registry);
  }

  /** A confirmed delivery's latencies. */
  void delivered(String destination, String priority, Duration delivery, Duration endToEnd) {
    timer("roentgen.router.delivery.latency", destination, priority, "queued to confirmed")
        .record(delivery);
    timer("roentgen.router.end.to.end.latency", destination, priority, "received to confirmed")
        .record(endToEnd);
  }

  private Timer timer(String name, String destination, String priority, String description) {
    return Timer.builder(name)
        .tag("destination", destination)
        .tag("priority", priority)
        .description(description)
        .publishPercentileHistogram()
        .register(registry);
  }

  void quarantined() {
    quarantined.increment();
  }

  void unrouted() {
    unrouted.increment();
  }

  void released() {
    released.increment();
  }
}
