package org.roentgen.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The records of an {@link AsyncEventConsumer} waiting to be handed over again (after a backoff or
 * a deferral), by due time. They stay in memory, so their partitions keep flowing. Used on the
 * consumer's thread only.
 */
final class DueRetries {
  /** {@code entry} is due at {@code at} ({@link System#nanoTime}). */
  private record Due(long at, InFlight.Entry entry) {}

  private final PriorityQueue<Due> queue =
      new PriorityQueue<>((a, b) -> Long.signum(a.at() - b.at()));

  void add(InFlight.Entry e, Duration delay) {
    queue.add(new Due(System.nanoTime() + delay.toNanos(), e));
  }

  /** Removes the records due by now and returns those still working, earliest first. */
  List<InFlight.Entry> takeDue() {
    long now = System.nanoTime();
    List<InFlight.Entry> due = new ArrayList<>();
    while (!queue.isEmpty() && now - queue.peek().at() >= 0) {
      InFlight.Entry e = queue.poll().entry();
      if (e.working()) {
        due.add(e);
      }
    }
    return due;
  }

  /** {@code max}, shortened so that the earliest due record is not late. */
  Duration pollTimeout(Duration max) {
    Due first = queue.peek();
    long wait = max.toNanos();
    if (first != null) {
      wait = Math.min(wait, Math.max(0, first.at() - System.nanoTime()));
    }
    return Duration.ofNanos(wait);
  }

  /** Removes every record and returns those still working. */
  List<InFlight.Entry> clear() {
    List<InFlight.Entry> all = new ArrayList<>();
    for (Due d : queue) {
      if (d.entry().working()) {
        all.add(d.entry());
      }
    }
    queue.clear();
    return all;
  }
}
