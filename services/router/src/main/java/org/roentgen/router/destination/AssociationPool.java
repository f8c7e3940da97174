package org.roentgen.router.destination;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.destination.Contexts.Negotiated;
import org.roentgen.router.destination.Contexts.Pair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open associations to one peer, reused between sends. At most {@code max} exist at once, busy
 * or idle; a send leases one for itself (associations never carry two sends at once). A lease goes
 * to an idle association whose presentation contexts answer for the instance's SOP class and
 * transfer syntax; otherwise a new association is negotiated for every pair seen so far (the most
 * recent first, up to the 128 contexts an association holds), and when the pool is full the least
 * recently used idle association is released to make room. Idle associations are released after
 * {@code idleRelease}; one the peer closed or aborted is dropped when next looked at.
 */
final class AssociationPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AssociationPool.class);

  /** Opens an association proposing the request; a failure is classified by the caller. */
  @FunctionalInterface
  interface Connector {
    DimseClient connect(AssociationRequest request) throws IOException;
  }

  /** An association of the pool and what it negotiated. */
  static final class Pooled {
    final DimseClient client;
    final Negotiated contexts;
    long lastUsed = System.nanoTime();

    Pooled(DimseClient client) {
      this.client = client;
      this.contexts = Contexts.negotiated(client.association());
    }

    boolean established() {
      return client.association().isEstablished();
    }
  }

  /**
   * One send's hold on an association.
   *
   * @param reused true when the association had carried sends before this one
   */
  record Lease(Pooled pooled, boolean reused) {
    DimseClient client() {
      return pooled.client;
    }

    Negotiated contexts() {
      return pooled.contexts;
    }
  }

  private final String destination;
  private final String peer;
  private final String called;
  private final String calling;
  private final int max;
  private final Duration idleRelease;
  private final Connector connector;
  private final Semaphore slots;
  private final ScheduledExecutorService housekeeping;

  /** Idle associations, most recently used first. */
  private final Deque<Pooled> idle = new ArrayDeque<>();

  /** Every association of the pool, idle or leased. */
  private final Set<Pooled> live = Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** The pairs of SOP class and transfer syntax seen, least recently used first. */
  private final LinkedHashMap<Pair, Boolean> seen =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Pair, Boolean> eldest) {
          return size() > Contexts.MAX;
        }
      };

  private final AtomicLong opened = new AtomicLong();

  /** Associations being negotiated now (not yet in {@link #live}). */
  private int connecting;

  private boolean closed;

  AssociationPool(
      String destination,
      String peer,
      String called,
      String calling,
      int max,
      Duration idleRelease,
      Connector connector) {
    this.destination = destination;
    this.peer = peer;
    this.called = called;
    this.calling = calling;
    this.max = max;
    this.idleRelease = idleRelease;
    this.connector = connector;
    this.slots = new Semaphore(max, true);
    ScheduledThreadPoolExecutor ex =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "dicom-destination-" + destination);
              t.setDaemon(true);
              return t;
            });
    ex.setRemoveOnCancelPolicy(true);
    this.housekeeping = ex;
    long tick = Math.max(50, Math.min(1000, idleRelease.toMillis() / 4));
    housekeeping.scheduleWithFixedDelay(this::releaseIdle, tick, tick, TimeUnit.MILLISECONDS);
  }

  /**
   * Leases an association that answers for {@code needed}: an idle one that proposed all of it
   * (when {@code mayReuse}), else a new one. Waits while {@code max} sends are in progress.
   *
   * @throws DeliveryException when the new association cannot be opened, classified
   */
  Lease acquire(List<Pair> needed, boolean mayReuse) throws DeliveryException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(
          FailureCause.TIMEOUT,
          false,
          null,
          destination + ": interrupted waiting for an association");
    }
    Pooled reuse = null;
    List<Pooled> drop = new ArrayList<>();
    List<Pair> proposal;
    synchronized (this) {
      if (closed) {
        slots.release();
        throw new DeliveryException(
            FailureCause.CONNECTION, false, null, destination + ": the destination is closed");
      }
      for (Pair p : needed) {
        seen.put(p, Boolean.TRUE);
      }
      for (Iterator<Pooled> it = idle.iterator(); it.hasNext(); ) {
        Pooled p = it.next();
        if (!p.established()) {
          it.remove();
          live.remove(p);
          drop.add(p);
        } else if (mayReuse && reuse == null && p.contexts.covers(needed)) {
          it.remove();
          reuse = p;
        }
      }
      if (reuse == null) {
        if (live.size() + connecting >= max && !idle.isEmpty()) {
          Pooled lru = idle.pollLast();
          live.remove(lru);
          drop.add(lru);
        }
        connecting++;
      }
      proposal = proposal(needed);
    }
    drop.forEach(this::releaseLater);
    if (reuse != null) {
      return new Lease(reuse, true);
    }
    Pooled p;
    try {
      p = new Pooled(connector.connect(Contexts.request(called, calling, proposal)));
      opened.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        connecting--;
      }
      slots.release();
      if (e instanceof IOException io) {
        throw DicomFailures.of(destination, peer, io);
      }
      throw (RuntimeException) e;
    }
    synchronized (this) {
      connecting--;
      if (!closed) {
        live.add(p);
        return new Lease(p, false);
      }
    }
    releaseLater(p);
    slots.release();
    throw new DeliveryException(
        FailureCause.CONNECTION, false, null, destination + ": the destination is closed");
  }

  /** The pairs to propose: those needed now, then the others seen, the most recent first. */
  private List<Pair> proposal(List<Pair> needed) {
    Set<Pair> pairs = new LinkedHashSet<>(needed);
    List<Pair> others = new ArrayList<>(seen.keySet());
    Collections.reverse(others);
    for (Pair p : others) {
      if (pairs.size() == Contexts.MAX) {
        break;
      }
      pairs.add(p);
    }
    return List.copyOf(pairs);
  }

  /**
   * Ends a lease: the association goes back to the idle ones when {@code reusable} and still
   * established, else it is released (or already gone).
   */
  void release(Lease lease, boolean reusable) {
    Pooled p = lease.pooled();
    boolean keep;
    synchronized (this) {
      keep = reusable && !closed && p.established();
      if (keep) {
        p.lastUsed = System.nanoTime();
        idle.addFirst(p);
      } else {
        live.remove(p);
      }
    }
    if (!keep) {
      if (p.established()) {
        p.client.association().abort();
      }
    }
    slots.release();
  }

  /** Releases the associations idle for longer than {@code idleRelease}. */
  private void releaseIdle() {
    List<Pooled> expired = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (this) {
      for (Iterator<Pooled> it = idle.descendingIterator(); it.hasNext(); ) {
        Pooled p = it.next();
        if (!p.established() || now - p.lastUsed >= idleRelease.toNanos()) {
          it.remove();
          live.remove(p);
          expired.add(p);
        }
      }
    }
    for (Pooled p : expired) {
      release(p);
    }
  }

  private void releaseLater(Pooled p) {
    try {
      housekeeping.execute(() -> release(p));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      p.client.association().abort();
    }
  }

  /** A-RELEASE, or an abort when the peer does not answer. */
  private void release(Pooled p) {
    if (p.established()) {
      LOG.debug("{}: releasing {}", destination, p.client.association());
      p.client.close();
    }
  }

  /** Associations opened since the pool was made. */
  long opened() {
    return opened.get();
  }

  /** Idle associations now. */
  synchronized int idleCount() {
    return idle.size();
  }

  /** Associations open now, idle or leased. */
  synchronized int liveCount() {
    return live.size();
  }

  /**
   * Releases the idle associations (waiting at most {@code wait} for the peer) and aborts those in
   * use.
   */
  void close(Duration wait) {
    List<Pooled> idleNow;
    List<Pooled> busy;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      idleNow = new ArrayList<>(idle);
      idle.clear();
      busy = new ArrayList<>(live);
      busy.removeAll(idleNow);
      live.clear();
    }
    for (Pooled p : busy) {
      p.client.association().abort();
    }
    for (Pooled p : idleNow) {
      releaseLater(p);
    }
    housekeeping.shutdown();
    try {
      if (!housekeeping.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        housekeeping.shutdownNow();
        idleNow.forEach(p -> p.client.association().abort());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      housekeeping.shutdownNow();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
