package org.roentgen.platform.events;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a {@link RecordHandler} for a record that is not due yet (a delayed re-check): the
 * record is neither failed nor done; its partition waits {@link #delay()} and hands it over again.
 * Not an error: it is not logged as one, not counted as a retry, and the wait is exactly the delay,
 * not a backoff.
 */
public class DeferredEventException extends Exception {
  private final Duration delay;

  public DeferredEventException(Duration delay) {
    super("not due for " + delay, null, false, false);
    this.delay = Objects.requireNonNull(delay, "delay");
  }

  public Duration delay() {
    return delay;
  }
}
