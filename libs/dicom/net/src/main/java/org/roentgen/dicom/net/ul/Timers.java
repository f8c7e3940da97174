package org.roentgen.dicom.net.ul;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The one scheduler all associations share for their ARTIM timers: no thread per association. */
final class Timers {

  static final ScheduledExecutorService SCHEDULER = createScheduler();

  private Timers() {}

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
