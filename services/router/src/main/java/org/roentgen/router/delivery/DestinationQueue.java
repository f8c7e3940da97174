package org.roentgen.router.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.contracts.InstanceDelivery.GaveUp;
import org.roentgen.contracts.InstanceDelivery.Priority;
import org.roentgen.platform.events.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One destination's queue and its workers. Jobs ready to go are taken STAT first, then in the order
 * they came; a job whose attempt failed transiently waits its backoff in a second queue and then
 * goes back among the ready ones. The workers (as many as the destination's concurrency) stop
 * taking jobs while the queue is paused or the circuit is open; when the open time is up one worker
 * probes the destination and the others wait for its answer. Before each send the ledger is asked
 * whether the destination already confirmed the same content.
 */
final class DestinationQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DestinationQueue.class);

  /** A snapshot for metrics and the REST API. */
  record Status(
      String destination,
      CircuitBreaker.State circuit,
      boolean paused,
      int ready,
      int waiting,
      int inFlight,
      long delivered,
      long duplicates,
      long failedAttempts,
      long retried,
      long deadLettered) {}

  private final Destination destination;
  private final QueueSettings settings;
  private final DeliveryLedger ledger;
  private final Clock clock;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<DeliveryJob> ready =
      new PriorityQueue<>(
          Comparator.comparing(DeliveryJob::priority).thenComparingLong(DeliveryJob::sequence));
  private final PriorityQueue<DeliveryJob> waiting =
      new PriorityQueue<>(
          Comparator.comparing(DeliveryJob::dueAt).thenComparingLong(DeliveryJob::sequence));
  private final CircuitBreaker breaker;
  private final List<Thread> workers = new ArrayList<>();
  private final List<DeliveryJob> inFlightJobs = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private boolean paused;
  private boolean probing;
  private volatile boolean running = true;

  DestinationQueue(
      Destination destination,
      QueueSettings settings,
      DeliveryLedger ledger,
      Clock clock,
      RandomGenerator random) {
    this.destination = destination;
    this.settings = settings;
    this.ledger = ledger;
    this.clock = clock;
    this.backoff =
        new Backoff(settings.retry().initialBackoff(), settings.retry().maxBackoff(), random);
    this.breaker = new CircuitBreaker(settings.breaker());
    for (int i = 0; i < settings.concurrency(); i++) {
      Thread t = new Thread(this::work, "deliver-" + destination.name() + "-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  String name() {
    return destination.name();
  }

  void submit(DeliveryJob job) {
    lock.lock();
    try {
      if (!running) {
        job.result().completeExceptionally(new HandedBackException(name()));
        return;
      }
      job.queued(clock.instant(), sequence.incrementAndGet());
      ready.add(job);
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  void pause() {
    setPaused(true);
  }

  void resume() {
    setPaused(false);
  }

  private void setPaused(boolean value) {
    lock.lock();
    try {
      paused = value;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  Status status() {
    lock.lock();
    try {
      return new Status(
          name(),
          breaker.state(),
          paused,
          ready.size(),
          waiting.size(),
          inFlightJobs.size(),
          delivered.get(),
          duplicates.get(),
          failedAttempts.get(),
          retried.get(),
          deadLettered.get());
    } finally {
      lock.unlock();
    }
  }

  private void work() {
    while (true) {
      DeliveryJob job = null;
      boolean probe = false;
      lock.lock();
      try {
        while (job == null && !probe) {
          if (!running) {
            return;
          }
          Instant now = clock.instant();
          while (!waiting.isEmpty() && !waiting.peek().dueAt().isAfter(now)) {
            ready.add(waiting.poll());
          }
          if (!probing && breaker.probeDue(now)) {
            probing = true;
            probe = true;
          } else if (!paused && breaker.allows() && !ready.isEmpty()) {
            job = ready.poll();
            inFlightJobs.add(job);
          } else {
            awaitChange(now);
          }
        }
      } finally {
        lock.unlock();
      }
      if (probe) {
        probe();
      } else {
        attempt(job);
      }
    }
  }

  /** Waits until the next retry or probe is due, or something changes. Under the lock. */
  private void awaitChange(Instant now) {
    Instant next = Instant.MAX;
    if (!waiting.isEmpty()) {
      next = waiting.peek().dueAt();
    }
    Instant open = breaker.openUntil();
    if (open != Instant.MIN && open.isBefore(next)) {
      next = open;
    }
    try {
      if (next == Instant.MAX) {
        changed.await();
      } else {
        long nanos = Math.max(1_000_000, Duration.between(now, next).toNanos());
        changed.await(nanos, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void probe() {
    boolean up;
    try {
      destination.probe();
      up = true;
    } catch (DeliveryException | RuntimeException e) {
      up = false;
      LOG.info("destination {} still down: {}", name(), e.getMessage());
    }
    lock.lock();
    try {
      probing = false;
      if (up) {
        LOG.info("destination {} answers again: deliveries resume", name());
        breaker.probeSucceeded();
      } else {
        breaker.probeFailed(clock.instant());
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void attempt(DeliveryJob job) {
    Instant now = clock.instant();
    Payload payload = null;
    boolean sending = false;
    try {
      if (Duration.between(job.queuedAt(), now).compareTo(settings.retry().maxAge()) > 0) {
        DeliveryException last = job.lastFailure();
        giveUp(
            job,
            last != null ? last : failure(FailureCause.TIMEOUT, "waited beyond the age limit"),
            GaveUp.AGE);
        return;
      }
      payload = job.payload();
      if (job.priority() == Priority.STAT) {
        payload = Payload.stat(payload);
      }
      var confirmed = ledger.lookup(job.sopInstanceUid(), name());
      if (confirmed.isPresent() && confirmed.get().sha256().equals(payload.sha256())) {
        duplicates.incrementAndGet();
        finish(job, DeliveryOutcome.duplicate(payload, job.queuedAt(), clock.instant()), true);
        return;
      }
      int attempts = job.attempted();
      sending = true;
      SendResult result = destination.send(payload);
      try {
        ledger.confirmed(job.sopInstanceUid(), name(), payload.sha256(), clock.instant());
      } catch (Exception e) {
        // Delivered, but not recorded: after a crash it may be sent once more (a bounded
        // duplicate).
        LOG.warn("ledger write failed for a delivery to {}: {}", name(), e.toString());
      }
      delivered.incrementAndGet();
      finish(
          job,
          DeliveryOutcome.delivered(result, payload, attempts, job.queuedAt(), clock.instant()),
          true);
    } catch (DeliveryException e) {
      failed(job, e, sending);
    } catch (RuntimeException e) {
      LOG.warn("unexpected failure delivering to {}", name(), e);
      failed(
          job,
          new DeliveryException(
              payload == null ? FailureCause.TRANSFORM : FailureCause.CONNECTION,
              false,
              null,
              "unexpected " + e.getClass().getSimpleName() + " delivering to " + name(),
              e),
          sending);
    }
  }

  /**
   * A failed attempt: retried or given up. Only a failure of the send itself counts against the
   * destination's circuit; one while the payload was made (the object store down, say) says nothing
   * about the destination, and opening its circuit would only delay the other instances.
   */
  private void failed(DeliveryJob job, DeliveryException e, boolean sending) {
    failedAttempts.incrementAndGet();
    Instant now = clock.instant();
    if (e.permanent()) {
      // A refusal of this payload says nothing about the destination's health: the circuit stays.
      giveUp(job, e, GaveUp.PERMANENT);
      return;
    }
    int attempts = job.attempts();
    lock.lock();
    try {
      if (sending) {
        breaker.failed(now);
      }
      inFlightJobs.remove(job);
      if (attempts >= settings.retry().maxAttempts()) {
        // given up below, outside the lock
      } else if (Duration.between(job.queuedAt(), now).compareTo(settings.retry().maxAge()) > 0) {
        // given up below
      } else {
        job.retryAt(now.plus(backoff.delay(Math.max(1, attempts))), e);
        retried.incrementAndGet();
        if (running) {
          waiting.add(job);
        } else {
          job.result().completeExceptionally(new HandedBackException(name()));
        }
        changed.signalAll();
        return;
      }
    } finally {
      lock.unlock();
    }
    giveUp(job, e, attempts >= settings.retry().maxAttempts() ? GaveUp.ATTEMPTS : GaveUp.AGE);
  }

  private void giveUp(DeliveryJob job, DeliveryException e, GaveUp why) {
    deadLettered.incrementAndGet();
    LOG.info(
        "gave up delivering instance {} to {} ({}, {} attempts): {}",
        job.sopInstanceUid(),
        name(),
        why,
        job.attempts(),
        e.getMessage());
    finish(
        job,
        DeliveryOutcome.gaveUp(
            e, why, job.preparedPayload(), job.attempts(), job.queuedAt(), clock.instant()),
        false);
  }

  private void finish(DeliveryJob job, DeliveryOutcome outcome, boolean success) {
    lock.lock();
    try {
      inFlightJobs.remove(job);
      if (success) {
        breaker.succeeded();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    job.result().complete(outcome);
  }

  private DeliveryException failure(FailureCause cause, String what) {
    return new DeliveryException(cause, true, null, what + " at " + name());
  }

  /**
   * Stops taking jobs, lets the deliveries in flight finish for up to {@code timeout}, and hands
   * back everything else (ready, waiting, and in-flight jobs that did not finish).
   */
  void close(Duration timeout) {
    List<DeliveryJob> handBack = new ArrayList<>();
    lock.lock();
    try {
      running = false;
      handBack.addAll(ready);
      handBack.addAll(waiting);
      ready.clear();
      waiting.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : workers) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    lock.lock();
    try {
      handBack.addAll(inFlightJobs);
    } finally {
      lock.unlock();
    }
    for (DeliveryJob job : handBack) {
      job.result().completeExceptionally(new HandedBackException(name()));
    }
    destination.close();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
