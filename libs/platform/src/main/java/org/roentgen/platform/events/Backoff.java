package org.roentgen.platform.events;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": attempt {@code n} waits between half and all of {@code
 * min(max, base * 2^(n-1))}, so retries of many instances spread out but never come faster than
 * half the exponential step nor later than {@code max}.
 */
public final class Backoff {
  private final long baseNanos;
  private final long maxNanos;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration max, RandomGenerator random) {
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** The wait before attempt {@code failedAttempts + 1}, after {@code failedAttempts} failures. */
  public Duration delay(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1: " + failedAttempts);
    }
    int doublings = failedAttempts - 1;
    long step =
        doublings >= Long.numberOfLeadingZeros(baseNanos) - 1
            ? maxNanos
            : Math.min(maxNanos, baseNanos << doublings);
    long half = step / 2;
    return Duration.ofNanos(step - half + random.nextLong(half + 1));
  }
}
