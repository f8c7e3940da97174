package org.roentgen.router.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a destination's deliveries are retried: up to {@code maxAttempts} attempts, waiting
 * between them with exponential backoff and jitter from {@code initialBackoff} up to {@code
 * maxBackoff}, and never beyond {@code maxAge} after the instance entered the queue. A permanent
 * failure ends the retries at once. Attempts are only counted when an attempt was made: while the
 * destination's circuit is open, instances wait without using up attempts, but they still age.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxAge) {
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAttempts < 1
        || initialBackoff.isNegative()
        || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxAttempts must be >= 1 and maxBackoff >= initialBackoff >= 0");
    }
  }

  /** 10 attempts from 1 s to 5 min apart, for up to 24 hours. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(24));
  }
}
