package org.roentgen.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends made without waiting, to be awaited together before the consumer commits ({@link
 * RecordHandler#flush}): one round trip for a batch instead of one per record. Thread-safe.
 */
public final class PendingSends {
  private final List<Future<RecordMetadata>> sends = new ArrayList<>();

  public synchronized void add(Future<RecordMetadata> send) {
    sends.add(send);
  }

  /**
   * Waits until every send added so far is acknowledged, all within {@code timeout}; throws the
   * first failure, or a {@link TimeoutException}. Either way those sends are no longer pending.
   */
  public void awaitAll(Duration timeout) throws Exception {
    List<Future<RecordMetadata>> pending;
    synchronized (this) {
      pending = List.copyOf(sends);
      sends.clear();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Future<RecordMetadata> f : pending) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("sends not acknowledged within " + timeout);
      }
      f.get(left, TimeUnit.NANOSECONDS);
    }
  }
}
