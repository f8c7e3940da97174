package org.roentgen.router.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Holds for study completion: a held job is released when its study has been quiet (no instance of
 * it seen) for the hold's duration, so a destination that wants whole studies gets them together.
 * Checked every {@code tick}.
 */
final class StudyHolds implements AutoCloseable {
  private record Held(DeliveryJob job, Duration quiet, Consumer<DeliveryJob> release) {}

  private final Clock clock;
  private final Map<String, Instant> lastSeen = new HashMap<>();
  private final Map<String, List<Held>> held = new HashMap<>();
  private final ScheduledExecutorService timer;

  StudyHolds(Clock clock, Duration tick) {
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "study-holds");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        this::releaseQuiet, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** An instance of {@code study} arrived: a study with held jobs is not quiet yet. */
  synchronized void seen(String study) {
    if (held.containsKey(study)) {
      lastSeen.put(study, clock.instant());
    }
  }

  synchronized void hold(DeliveryJob job, Duration quiet, Consumer<DeliveryJob> release) {
    lastSeen.put(job.studyInstanceUid(), clock.instant());
    held.computeIfAbsent(job.studyInstanceUid(), s -> new ArrayList<>())
        .add(new Held(job, quiet, release));
  }

  /** Jobs held now. */
  synchronized int size() {
    return held.values().stream().mapToInt(List::size).sum();
  }

  void releaseQuiet() {
    List<Held> due = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      for (Iterator<Map.Entry<String, List<Held>>> it = held.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<String, List<Held>> e = it.next();
        Instant seen = lastSeen.getOrDefault(e.getKey(), Instant.MIN);
        e.getValue()
            .removeIf(
                h -> {
                  if (!seen.plus(h.quiet()).isAfter(now)) {
                    due.add(h);
                    return true;
                  }
                  return false;
                });
        if (e.getValue().isEmpty()) {
          it.remove();
          lastSeen.remove(e.getKey());
        }
      }
    }
    for (Held h : due) {
      h.release().accept(h.job());
    }
  }

  /** Stops the timer and hands back every held job. */
  @Override
  public void close() {
    timer.shutdownNow();
    List<Held> all = new ArrayList<>();
    synchronized (this) {
      held.values().forEach(all::addAll);
      held.clear();
    }
    for (Held h : all) {
      h.job().result().completeExceptionally(new HandedBackException("study hold"));
    }
  }
}
