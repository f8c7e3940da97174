package org.roentgen.validation.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.platform.metrics.MetricNames;

/**
 * The service's metrics (prefix {@code roentgen_validation_}): instances by verdict, findings by
 * rule and severity, order checks by status, pregnancy alerts, and the time to validate one
 * instance. Labels are rule ids, verdicts, statuses and modality: never patient data.
 */
public final class ValidationMetrics {
  static final String SERVICE = "validation";

  /** The cause of a dead letter whose record is not a received event. */
  public static final String UNREADABLE_EVENT = "unreadable_event";

  private final MeterRegistry registry;
  private final Counter pregnancyAlerts;
  private final Timer latency;

  public ValidationMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.pregnancyAlerts =
        Counter.builder(MetricNames.name(SERVICE, "pregnancy_alerts"))
            .description(
                "Instances of a possibly or definitely pregnant patient's abdominal or pelvic exam")
            .register(registry);
    this.latency =
        Timer.builder(MetricNames.name(SERVICE, "latency"))
            .description("Time to validate one instance (worklist query included)")
            .publishPercentileHistogram()
            .register(registry);
    // Registered at zero, so that the first dead letter and the first order check of each status
    // are increases Prometheus can see (a counter that appears at 1 adds nothing to increase()).
    registry.counter(
        MetricNames.name(SERVICE, "dead_letters"), MetricNames.CAUSE, UNREADABLE_EVENT);
    for (InstanceValidated.OrderStatus status : InstanceValidated.OrderStatus.values()) {
      registry.counter(MetricNames.name(SERVICE, "order_checks"), "status", status.name());
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Counts one validated instance and its findings. */
  public void validated(
      InstanceValidated.Validation v,
      String modality,
      PregnancyCheck.Outcome pregnancy,
      Duration took) {
    String mod = modality == null ? MetricNames.NONE : MetricNames.tagValue(modality);
    registry
        .counter(
            MetricNames.name(SERVICE, "instances"),
            "verdict",
            v.verdict().name(),
            MetricNames.MODALITY,
            mod)
        .increment();
    for (InstanceValidated.Finding f : v.findings()) {
      registry
          .counter(
              MetricNames.name(SERVICE, "findings"),
              "rule",
              f.ruleId(),
              "severity",
              f.severity().name())
          .increment();
    }
    registry
        .counter(MetricNames.name(SERVICE, "order_checks"), "status", v.order().status().name())
        .increment();
    if (pregnancy == PregnancyCheck.Outcome.EXPOSED) {
      pregnancyAlerts.increment();
    }
    latency.record(took);
  }

  /** Counts a re-check of an order the worklist could not answer, by outcome. */
  public void recheck(String outcome) {
    registry
        .counter(MetricNames.name(SERVICE, "order_rechecks"), MetricNames.OUTCOME, outcome)
        .increment();
  }

  /** Counts a retry of an instance whose handling failed for a transient reason. */
  public void retried() {
    registry.counter(MetricNames.name(SERVICE, "retries")).increment();
  }

  /** Counts an instance that went to the dead-letter topic. */
  public void deadLettered(String reason) {
    registry
        .counter(MetricNames.name(SERVICE, "dead_letters"), MetricNames.CAUSE, reason)
        .increment();
  }
}
