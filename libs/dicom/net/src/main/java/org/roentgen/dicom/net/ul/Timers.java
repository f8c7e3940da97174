package org.roentgen.dicom.net.ul;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The one scheduler all associations share for their timers (ARTIM, stalled reads and sends): no
 * thread per association.
 */
final class Timers {

  static final ScheduledExecutorService SCHEDULER = createScheduler();

  private Timers() {}

  /**
   * Checks, a few times per {@code limit}, whether an operation under way has stalled: {@code
   * startedAt} gives when the current step began (System.nanoTime), or 0 when nothing is under way;
   * a step older than {@code limit} runs {@code onStall}. The check ends when cancelled or once
   * {@code finished} holds.
   */
  static ScheduledFuture<?> watch(
      Duration limit, LongSupplier startedAt, BooleanSupplier finished, Runnable onStall) {
    long nanos = limit.toNanos();
    long period = Math.max(1, limit.toMillis() / 4);
    ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
    self[0] =
        SCHEDULER.scheduleWithFixedDelay(
            () -> {
              long started = startedAt.getAsLong();
              if (finished.getAsBoolean()) {
                self[0].cancel(false);
              } else if (started != 0 && System.nanoTime() - started > nanos) {
                onStall.run();
              }
            },
            period,
            period,
            TimeUnit.MILLISECONDS);
    return self[0];
  }

  private static ScheduledExecutorService createScheduler() {
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "dicom-ul-timer");
              t.setDaemon(true);
              return t;
            });
    s.setRemoveOnCancelPolicy(true);
    return s;
  }
}
