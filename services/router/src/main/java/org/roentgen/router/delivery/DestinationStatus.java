package org.roentgen.router.delivery;

/**
 * A destination's state for metrics and the REST API.
 *
 * @param circuit CLOSED, OPEN or HALF_OPEN
 * @param ready jobs ready to go
 * @param waiting jobs waiting for their retry
 * @param inFlight jobs being sent
 * @param failedAttempts attempts that failed (each retry counts)
 * @param retried failed attempts that will be retried
 * @param deadLettered jobs given up
 */
public record DestinationStatus(
    String name,
    String circuit,
    boolean paused,
    int ready,
    int waiting,
    int inFlight,
    long delivered,
    long duplicates,
    long failedAttempts,
    long retried,
    long deadLettered) {

  /** Jobs not yet confirmed or given up. */
  public int depth() {
    return ready + waiting + inFlight;
  }

  static DestinationStatus of(DestinationQueue.Status s) {
    return new DestinationStatus(
        s.destination(),
        s.circuit().name(),
        s.paused(),
        s.ready(),
        s.waiting(),
        s.inFlight(),
        s.delivered(),
        s.duplicates(),
        s.failedAttempts(),
        s.retried(),
        s.deadLettered());
  }
}
