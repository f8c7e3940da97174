package org.roentgen.validation.dicom;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.roentgen.dicom.net.dimse.DimseClient;

/**
 * The idle associations of {@link MwlWorklist}, kept for the next query for at most {@code
 * keepAlive}: the most recently used is taken first, so the others age and are released (A-RELEASE,
 * PS3.8 7.2) by a sweep. One the peer has closed meanwhile is never handed out. Thread-safe.
 */
final class KeptAssociations implements AutoCloseable {
  private final long keepAliveNanos;
  private final Executor closer;
  private final ScheduledExecutorService sweeper;

  /** Most recently used first; guarded by {@code this}. */
  private final Deque<Idle> idle = new ArrayDeque<>();

  private boolean closed;

  private record Idle(DimseClient client, long since) {}

  /**
   * @param keepAlive how long an association stays idle; zero keeps none
   * @param closer runs the releases (each may wait for the peer's A-RELEASE-RP)
   */
  KeptAssociations(Duration keepAlive, Executor closer, String threadName) {
    this.keepAliveNanos = keepAlive.toNanos();
    this.closer = closer;
    if (keepAlive.isZero()) {
      this.sweeper = null;
    } else {
      this.sweeper =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
              });
      long period = Math.max(50, keepAlive.toMillis() / 2);
      sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }
  }

  /** An established association idle for less than the keep-alive time, or null. */
  DimseClient take() {
    List<DimseClient> stale = new ArrayList<>();
    DimseClient found = null;
    synchronized (this) {
      Idle i;
      while (found == null && (i = idle.pollFirst()) != null) {
        if (i.client().association().isEstablished() && !expired(i, System.nanoTime())) {
          found = i.client();
        } else {
          stale.add(i.client());
        }
      }
    }
    stale.forEach(this::closeLater);
    return found;
  }

  /** Keeps an association that answered, or releases it when none are kept. */
  void giveBack(DimseClient client) {
    synchronized (this) {
      if (!closed && sweeper != null && client.association().isEstablished()) {
        idle.addFirst(new Idle(client, System.nanoTime()));
        return;
      }
    }
    closeLater(client);
  }

  synchronized int size() {
    return idle.size();
  }

  /** Releases the associations idle for the keep-alive time. */
  private void sweep() {
    List<DimseClient> old = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (this) {
      while (!idle.isEmpty() && expired(idle.peekLast(), now)) {
        old.add(idle.pollLast().client());
      }
    }
    old.forEach(this::closeLater);
  }

  private boolean expired(Idle i, long now) {
    return now - i.since() >= keepAliveNanos;
  }

  private void closeLater(DimseClient client) {
    try {
      closer.execute(client::close);
    } catch (RejectedExecutionException e) {
      client.association().abort();
    }
  }

  /** Releases every idle association; those given back later are released at once. */
  @Override
  public void close() {
    List<Idle> left;
    synchronized (this) {
      closed = true;
      left = new ArrayList<>(idle);
      idle.clear();
    }
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    left.forEach(i -> closeLater(i.client()));
  }
}
