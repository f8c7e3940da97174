package org.roentgen.router.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * When a destination's circuit opens and how it is probed: after {@code failureThreshold}
 * consecutive transient failures the circuit opens; after {@code openFor} (doubling with each
 * failed probe up to {@code maxOpenFor}) one probe (C-ECHO for DICOM peers) decides whether
 * deliveries resume.
 */
public record BreakerPolicy(int failureThreshold, Duration openFor, Duration maxOpenFor) {
  public BreakerPolicy {
    Objects.requireNonNull(openFor, "openFor");
    Objects.requireNonNull(maxOpenFor, "maxOpenFor");
    if (failureThreshold < 1 || openFor.isNegative() || maxOpenFor.compareTo(openFor) < 0) {
      throw new IllegalArgumentException(
          "failureThreshold must be >= 1 and maxOpenFor >= openFor >= 0");
    }
  }

  /** Opens after 5 consecutive failures, probes after 5 s, then up to every 2 min. */
  public static BreakerPolicy defaults() {
    return new BreakerPolicy(5, Duration.ofSeconds(5), Duration.ofMinutes(2));
  }
}
