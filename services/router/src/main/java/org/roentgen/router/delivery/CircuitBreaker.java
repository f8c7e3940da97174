package org.roentgen.router.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * A destination's circuit: CLOSED lets deliveries through; OPEN holds them back (they wait in the
 * queue, no attempts are used) until the open time has passed; then one caller is granted the probe
 * (HALF_OPEN) and its result closes the circuit or opens it again for twice as long. Not
 * thread-safe: the destination queue calls it under its lock.
 */
final class CircuitBreaker {
  /** The circuit's state, as metrics and the REST API show it. */
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final BreakerPolicy policy;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private Duration openFor;
  private Instant openUntil = Instant.MIN;

  CircuitBreaker(BreakerPolicy policy) {
    this.policy = policy;
    this.openFor = policy.openFor();
  }

  State state() {
    return state;
  }

  /** True when deliveries may be attempted now. */
  boolean allows() {
    return state == State.CLOSED;
  }

  /** True when the circuit is open and its time is up: the caller must now probe. */
  boolean probeDue(Instant now) {
    if (state == State.OPEN && !now.isBefore(openUntil)) {
      state = State.HALF_OPEN;
      return true;
    }
    return false;
  }

  /** When an open circuit may be probed next (Instant.MIN when not open). */
  Instant openUntil() {
    return state == State.OPEN ? openUntil : Instant.MIN;
  }

  void succeeded() {
    consecutiveFailures = 0;
    openFor = policy.openFor();
    state = State.CLOSED;
  }

  /** A transient failure (permanent ones say nothing about the destination's health). */
  void failed(Instant now) {
    consecutiveFailures++;
    if (state == State.CLOSED && consecutiveFailures >= policy.failureThreshold()) {
      open(now);
    }
  }

  void probeSucceeded() {
    succeeded();
  }

  void probeFailed(Instant now) {
    Duration doubled = openFor.multipliedBy(2);
    openFor = doubled.compareTo(policy.maxOpenFor()) > 0 ? policy.maxOpenFor() : doubled;
    open(now);
  }

  private void open(Instant now) {
    state = State.OPEN;
    openUntil = now.plus(openFor);
  }
}
