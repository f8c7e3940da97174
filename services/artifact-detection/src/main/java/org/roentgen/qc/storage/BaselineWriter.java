package org.roentgen.qc.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the baseline series that changed to Kafka every interval, on a daemon thread of its own,
 * and once more when closed (after the consumers stopped, so the last images are in it). A write
 * that fails is logged and its series are written at the next one.
 */
public final class BaselineWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BaselineWriter.class);

  private final KafkaBaselineStore store;
  private final PersistedBaselines baselines;
  private final ScheduledExecutorService timer;

  public BaselineWriter(KafkaBaselineStore store, PersistedBaselines baselines, Duration interval) {
    this.store = store;
    this.baselines = baselines;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "qc-baselines");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(1, interval.toMillis());
    timer.scheduleWithFixedDelay(this::write, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void write() {
    try {
      int n = store.writeChanged(baselines);
      if (n > 0) {
        LOG.debug("{} baseline series written to {}", n, store.topic());
      }
    } catch (Exception e) {
      LOG.warn("baselines not written to {}, tried again later: {}", store.topic(), e.toString());
    }
  }

  /** Stops the timer and writes what changed since the last write. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    write();
  }
}
