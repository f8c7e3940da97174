package org.roentgen.router.delivery;

import java.util.Objects;

/**
 * How a destination's queue works: {@code concurrency} deliveries at once (for a DICOM peer, the
 * associations it may hold open), and its retry and circuit breaker policies.
 */
public record QueueSettings(int concurrency, RetryPolicy retry, BreakerPolicy breaker) {
  public QueueSettings {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(breaker, "breaker");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1: " + concurrency);
    }
  }

  public static QueueSettings defaults() {
    return new QueueSettings(2, RetryPolicy.defaults(), BreakerPolicy.defaults());
  }
}
