package org.roentgen.router.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * The destinations' queues: jobs go in by destination name, STAT ahead of routine, optionally held
 * until their study is quiet; each completes with its outcome. Pause and resume per destination;
 * status for metrics and the REST API; a graceful close that lets deliveries in flight finish and
 * hands back the rest.
 */
public final class DeliveryEngine implements AutoCloseable {
  private final Map<String, DestinationQueue> queues = new LinkedHashMap<>();
  private final StudyHolds holds;

  /**
   * @param destinations the destinations with their queue settings, by name
   */
  public DeliveryEngine(
      Map<Destination, QueueSettings> destinations,
      DeliveryLedger ledger,
      Clock clock,
      RandomGenerator random,
      Duration holdTick) {
    for (Map.Entry<Destination, QueueSettings> e : destinations.entrySet()) {
      String name = e.getKey().name();
      if (queues.containsKey(name)) {
        throw new IllegalArgumentException("two destinations named " + name);
      }
      queues.put(name, new DestinationQueue(e.getKey(), e.getValue(), ledger, clock, random));
    }
    holds = new StudyHolds(clock, holdTick);
  }

  /** The destinations' names, in configuration order. */
  public List<String> destinations() {
    return List.copyOf(queues.keySet());
  }

  public boolean has(String destination) {
    return queues.containsKey(destination);
  }

  /**
   * Queues {@code job} for {@code destination}, or holds it until the job's study has been quiet
   * for {@code holdForQuiet} (null or zero: no hold). Every submission counts as activity of the
   * study for the holds.
   *
   * @return the job's result
   */
  public CompletableFuture<DeliveryOutcome> submit(
      String destination, DeliveryJob job, Duration holdForQuiet) {
    DestinationQueue q = queue(destination);
    holds.seen(job.studyInstanceUid());
    if (holdForQuiet != null && !holdForQuiet.isZero() && !holdForQuiet.isNegative()) {
      holds.hold(job, holdForQuiet, q::submit);
    } else {
      q.submit(job);
    }
    return job.result();
  }

  public void pause(String destination) {
    queue(destination).pause();
  }

  public void resume(String destination) {
    queue(destination).resume();
  }

  /** Every destination's status, in configuration order. */
  public List<DestinationStatus> status() {
    List<DestinationStatus> out = new ArrayList<>();
    for (DestinationQueue q : queues.values()) {
      out.add(DestinationStatus.of(q.status()));
    }
    return out;
  }

  public DestinationStatus status(String destination) {
    return DestinationStatus.of(queue(destination).status());
  }

  /** Jobs held for study completion now. */
  public int held() {
    return holds.size();
  }

  private DestinationQueue queue(String destination) {
    DestinationQueue q = queues.get(destination);
    if (q == null) {
      throw new IllegalArgumentException("no destination named " + destination);
    }
    return q;
  }

  /** Hands back held jobs, then closes every queue (in flight finishes within the timeout). */
  public void close(Duration timeout) {
    holds.close();
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Thread> closing = new ArrayList<>();
    for (DestinationQueue q : queues.values()) {
      Thread t =
          new Thread(
              () -> q.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))),
              "close-" + q.name());
      t.start();
      closing.add(t);
    }
    for (Thread t : closing) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
