package org.roentgen.validation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceValidated;

/**
 * The dead-letter and order-check counters are there from the start, so Prometheus sees the first
 * increase.
 */
class ValidationMetricsTest {
  @Test
  void deadLettersAreCountedFromZero() {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    ValidationMetrics m = new ValidationMetrics(r);
    assertThat(deadLetters(r)).isZero();
    m.deadLettered(ValidationMetrics.UNREADABLE_EVENT);
    assertThat(deadLetters(r)).isEqualTo(1);
  }

  @Test
  void orderChecksOfEveryStatusStartAtZero() {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    new ValidationMetrics(r);
    for (InstanceValidated.OrderStatus status : InstanceValidated.OrderStatus.values()) {
      assertThat(
              r.get("roentgen.validation.order_checks")
                  .tag("status", status.name())
                  .counter()
                  .count())
          .as(status.name())
          .isZero();
    }
  }

  private static double deadLetters(SimpleMeterRegistry r) {
    return r.get("roentgen.validation.dead_letters")
        .tag("cause", ValidationMetrics.UNREADABLE_EVENT)
        .counter()
        .count();
  }
}
