package org.roentgen.platform.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of an {@link AsyncEventConsumer}'s thread: poll, hand records over, collect how their
 * stages completed, dead-letter or schedule a retry, commit what is finished contiguously, pause at
 * the in-flight bound and resume at the low-water mark. Everything here runs on that one thread,
 * the only one that touches the Kafka consumer (which is not thread-safe), except {@link
 * #requestStop}, the counters, and the stages' callbacks, which only append to a queue that the
 * thread drains between polls (so an outcome is noticed at the latest one poll timeout later). Logs
 * name topic, partition, offset and key (a StudyInstanceUID), never a value.
 */
final class AsyncConsumerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncEventConsumer.class);

  /**
   * What closing may take beyond its timeout: the commit and the two clients' close, a step each.
   */
  static final Duration SHUTDOWN_GRACE = LoopClients.MIN_SHUTDOWN_STEP.multipliedBy(3);

  /**
   * How one attempt ended, queued by the thread that completed it: {@code failure} null is success;
   * a {@code deadLetterReason} means it is the dead-letter send's acknowledgement.
   */
  private record Outcome(
      InFlight.Entry entry, Throwable failure, long at, String deadLetterReason) {}

  private final ConsumerSettings settings;
  private final AsyncConsumerSettings limits;
  private final String topic;
  private final AsyncRecordHandler handler;
  private final EventConsumer.Listener listener;
  private final EventConsumer.PartitionListener partitions;
  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> deadLetters;
  private final LoopClients clients;
  private final Backoff backoff;
  private final PendingOffsets offsets;

  // Consumer thread only.
  private final InFlight inFlight = new InFlight();
  private final DueRetries retries = new DueRetries();
  private final Map<TopicPartition, Integer> releasedSinceCommit = new HashMap<>();
  private long lastCommit = System.nanoTime();
  private boolean paused;
  private boolean closing;
  private Error fatal;

  // Written by the stages' threads.
  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

  // Read or written by other threads.
  private volatile boolean stopping;
  private volatile long stopDeadline;
  private volatile boolean drained;
  private final LagGauge lag;
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong committed = new AtomicLong();

  AsyncConsumerLoop(
      ConsumerSettings settings,
      AsyncConsumerSettings limits,
      String topic,
      AsyncRecordHandler handler,
      EventConsumer.Listener listener,
      EventConsumer.PartitionListener partitions,
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> deadLetters) {
    this.settings = settings;
    this.limits = limits;
    this.topic = topic;
    this.handler = handler;
    this.listener = listener;
    this.partitions = partitions;
    this.consumer = consumer;
    this.deadLetters = deadLetters;
    this.clients = new LoopClients(consumer, deadLetters, topic, settings.groupId(), LOG);
    this.offsets = new PendingOffsets(consumer, this::onCommitted);
    this.lag = new LagGauge(settings.lagRefreshInterval());
    this.backoff =
        new Backoff(
            settings.retryBackoffBase(), settings.retryBackoffMax(), new SplittableRandom());
  }

  long lag() {
    return lag.value();
  }

  int inFlightCount() {
    return inFlight.size();
  }

  long handledCount() {
    return handled.get();
  }

  long deadLetteredCount() {
    return deadLettered.get();
  }

  long committedCount() {
    return committed.get();
  }

  /** After the loop ended: every record taken was finished and nothing was left uncommitted. */
  boolean drained() {
    return drained;
  }

  /**
   * Any thread: take nothing more, let the work in hand finish until the deadline, commit, close.
   */
  void requestStop(long deadlineNanos) {
    stopDeadline = deadlineNanos;
    stopping = true;
    try {
      consumer.wakeup();
    } catch (RuntimeException e) {
      LOG.debug("wakeup of a consumer that already stopped: {}", e.toString());
    }
  }

  /** Runs until {@link #requestStop} or a failure; returns the failure, or null. */
  Throwable run() {
    Throwable failure = null;
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      LOG.info(
          "consuming {} as group {}, at most {} records in flight",
          topic,
          settings.groupId(),
          limits.maxInFlight());
      while (!stopping && fatal == null) {
        try {
          step();
        } catch (WakeupException e) {
          // Only requestStop wakes the consumer, after setting stopping: the loop ends.
        }
      }
      if (fatal == null) {
        finishWorkInHand();
      }
      if (fatal != null) {
        throw fatal;
      }
    } catch (Throwable t) {
      failure = t;
      LOG.error("consumer of {} (group {}) failed and stops", topic, settings.groupId(), t);
    }
    shutdown(failure == null);
    return failure;
  }

  private void step() {
    collectOutcomes();
    handOverDueRetries();
    commitIfDue();
    pauseOrResume();
    lag.refreshIfDue(consumer, Map.of());
    take(consumer.poll(retries.pollTimeout(settings.pollTimeout())));
  }

  /** Hands the records over in order, up to the bound; the rest are fetched again later. */
  private void take(ConsumerRecords<String, byte[]> batch) {
    for (TopicPartition tp : batch.partitions()) {
      for (ConsumerRecord<String, byte[]> record : batch.records(tp)) {
        if (stopping || fatal != null || inFlight.size() >= limits.maxInFlight()) {
          consumer.seek(tp, record.offset()); // the partition is paused before the next poll
          break;
        }
        handOver(inFlight.take(tp, record));
      }
    }
  }

  private void handOver(InFlight.Entry e) {
    e.startedAt = System.nanoTime();
    CompletionStage<?> stage;
    try {
      stage = handler.handle(e.record);
      if (stage == null) {
        throw new NullPointerException("the handler returned no stage");
      }
    } catch (Exception failure) {
      outcomes.add(new Outcome(e, failure, System.nanoTime(), null));
      return;
    }
    stage.whenComplete(
        (v, failure) -> outcomes.add(new Outcome(e, failure, System.nanoTime(), null)));
  }

  /**
   * Acts on the outcomes queued since the last call; those of records no longer working are old.
   */
  private void collectOutcomes() {
    for (Outcome o = outcomes.poll(); o != null; o = outcomes.poll()) {
      InFlight.Entry e = o.entry();
      if (!e.working()) {
        continue; // its partition was revoked, or it was given up at close
      }
      Throwable failure = o.failure();
      while (failure instanceof CompletionException && failure.getCause() != null) {
        failure = failure.getCause();
      }
      if (o.deadLetterReason() != null) {
        if (failure == null) {
          deadLettered(e, o.deadLetterReason());
        } else {
          retryLater(e, (Exception) failure);
        }
      } else if (failure == null) {
        handled.incrementAndGet();
        Duration took = Duration.ofNanos(o.at() - e.startedAt);
        notifyListener(() -> listener.onHandled(e.record, took));
        finish(e);
      } else if (failure instanceof PermanentEventException permanent) {
        String reason = DeadLetters.reason(permanent);
        DeadLetters.sendAsync(
            deadLetters,
            e.record,
            reason,
            settings.groupId(),
            sent -> outcomes.add(new Outcome(e, sent, System.nanoTime(), reason)));
      } else if (failure instanceof DeferredEventException deferred) {
        later(e, deferred.delay());
        LOG.debug("{} not due, handed over again in {} ms", where(e), deferred.delay().toMillis());
      } else if (failure instanceof Exception exception) {
        retryLater(e, exception);
      } else if (failure instanceof Error error) {
        LOG.error("{} failed with an error: the consumer stops", where(e));
        fatal = fatal == null ? error : fatal;
      } else {
        retryLater(e, new Exception(failure));
      }
    }
  }

  private void deadLettered(InFlight.Entry e, String reason) {
    LOG.warn("{} dead-lettered: {}", where(e), reason);
    deadLettered.incrementAndGet();
    notifyListener(() -> listener.onDeadLettered(e.record, reason));
    finish(e);
  }

  private void retryLater(InFlight.Entry e, Exception cause) {
    if (stopping) {
      inFlight.abandon(e); // delivered again after the restart
      return;
    }
    int attempt = ++e.failures;
    Duration delay = backoff.delay(attempt);
    later(e, delay);
    if (attempt == 1) {
      LOG.warn("{} failed, retried in {} ms", where(e), delay.toMillis(), cause);
    } else {
      LOG.warn(
          "{} failed again (attempt {}), retried in {} ms: {}",
          where(e),
          attempt,
          delay.toMillis(),
          cause.toString());
    }
    notifyListener(() -> listener.onRetryScheduled(e.record, attempt, delay, cause));
  }

  /** Hands {@code e} over again after {@code delay}; when stopping, gives it up instead. */
  private void later(InFlight.Entry e, Duration delay) {
    if (stopping) {
      inFlight.abandon(e);
    } else {
      retries.add(e, delay);
    }
  }

  private void handOverDueRetries() {
    retries.takeDue().forEach(this::handOver);
  }

  private void finish(InFlight.Entry e) {
    InFlight.Release r = inFlight.finish(e);
    if (r != null) {
      offsets.done(r.partition(), r.nextOffset() - 1);
      releasedSinceCommit.merge(r.partition(), r.records(), Integer::sum);
    }
  }

  private void commitIfDue() {
    long now = System.nanoTime();
    if (now - lastCommit >= limits.commitInterval().toNanos()) {
      lastCommit = now;
      offsets.commit(LoopClients.COMMIT_TIMEOUT);
    }
  }

  private void onCommitted(Map<TopicPartition, OffsetAndMetadata> done) {
    for (TopicPartition tp : done.keySet()) {
      Integer n = releasedSinceCommit.remove(tp);
      committed.addAndGet(n == null ? 0 : n);
    }
    notifyListener(() -> listener.onCommitted(done));
  }

  /** Pauses every assigned partition at the bound (or when stopping), resumes at the low mark. */
  private void pauseOrResume() {
    int n = inFlight.size();
    if (!paused && (stopping || n >= limits.maxInFlight())) {
      paused = true;
      consumer.pause(consumer.assignment());
      if (!stopping) {
        LOG.info("{}: {} records in flight, paused until {}", topic, n, limits.resumeAt());
      }
    } else if (paused && !stopping && n <= limits.resumeAt()) {
      paused = false;
      consumer.resume(consumer.assignment());
      LOG.info("{}: {} records in flight, resumed", topic, n);
    }
  }

  /**
   * After {@link #requestStop}: takes no new record and hands none over again, and waits, polling
   * with every partition paused (the instance stays in its group), until the records in work are
   * finished or the deadline passes.
   */
  private void finishWorkInHand() {
    pauseOrResume();
    retries.clear().forEach(inFlight::abandon);
    while (true) {
      collectOutcomes();
      long left = stopDeadline - System.nanoTime();
      if (fatal != null || inFlight.working() == 0 || left <= 0) {
        break;
      }
      try {
        take(consumer.poll(Duration.ofNanos(Math.min(left, settings.pollTimeout().toNanos()))));
      } catch (WakeupException e) {
        // requestStop's wakeup, if no call took it yet.
      }
    }
    if (inFlight.working() > 0) {
      LOG.warn(
          "{}: {} records still in work at close: not committed, delivered again",
          topic,
          inFlight.working());
    }
  }

  private void shutdown(boolean stoppedWell) {
    Thread.interrupted();
    closing = true;
    try {
      offsets.commitDespiteWakeup(shutdownStep());
    } catch (RuntimeException e) {
      LOG.warn("final commit failed; the records since the last commit are delivered again", e);
    }
    // A successful commit empties releasedSinceCommit; a failed one (logged) leaves it.
    drained = stoppedWell && inFlight.size() == 0 && releasedSinceCommit.isEmpty();
    clients.close(this::shutdownStep);
  }

  /** For a consumer that never ran. */
  void closeClients(Duration timeout) {
    clients.closeNeverRan(timeout);
  }

  /** What is left of close()'s time (see {@link LoopClients#shutdownStep}). */
  private Duration shutdownStep() {
    return LoopClients.shutdownStep(stopping, stopDeadline);
  }

  private static String where(InFlight.Entry e) {
    return ConsumerLoop.where(e.record);
  }

  private void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("an EventConsumer.Listener of {} failed", topic, e);
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    /** Commits what is finished (revoked partitions included), then forgets the revoked ones. */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      if (!closing) {
        collectOutcomes();
      }
      offsets.commitDespiteWakeup(stopping ? shutdownStep() : LoopClients.COMMIT_TIMEOUT);
      lastCommit = System.nanoTime();
      forget(revoked);
      if (!revoked.isEmpty()) {
        LOG.info("revoked {}", revoked);
        partitions.onRevoked(revoked);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      LOG.warn("lost {}: records finished since the last commit are delivered again", lost);
      forget(lost);
      partitions.onRevoked(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      lag.markDue();
      if (paused) {
        consumer.pause(assigned);
      }
      if (!assigned.isEmpty()) {
        LOG.info("assigned {}", assigned);
        partitions.onAssigned(assigned);
      }
    }

    private void forget(Collection<TopicPartition> gone) {
      lag.markDue();
      offsets.forget(gone);
      releasedSinceCommit.keySet().removeAll(gone);
      int dropped = inFlight.forget(gone);
      if (dropped > 0) {
        LOG.info(
            "{} records of {} in flight dropped, delivered again to their new owner",
            dropped,
            gone);
      }
    }
  }
}
