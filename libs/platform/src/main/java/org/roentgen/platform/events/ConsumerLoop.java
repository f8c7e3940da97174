package org.roentgen.platform.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of an {@link EventConsumer}'s thread: poll, handle, dead-letter or schedule a retry,
 * commit. Everything here except {@link #requestStop} and the counters runs on that one thread, the
 * only one that touches the Kafka consumer (which is not thread-safe) apart from {@code wakeup()}.
 * Logs name topic, partition, offset and key (a StudyInstanceUID), never a value.
 */
final class ConsumerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

  private final ConsumerSettings settings;
  private final String topic;
  private final RecordHandler handler;
  private final EventConsumer.Listener listener;
  private final EventConsumer.PartitionListener partitions;
  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> deadLetters;
  private final LoopClients clients;
  private final Retries retries;
  private final PendingOffsets offsets;

  // Consumer thread only.
  private final Map<TopicPartition, Long> nextInBatch = new HashMap<>();

  // Read or written by other threads.
  private volatile boolean stopping;
  private volatile long stopDeadline;
  private final LagGauge lag;
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();

  ConsumerLoop(
      ConsumerSettings settings,
      String topic,
      RecordHandler handler,
      EventConsumer.Listener listener,
      EventConsumer.PartitionListener partitions,
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> deadLetters) {
    this.settings = settings;
    this.topic = topic;
    this.handler = handler;
    this.listener = listener;
    this.partitions = partitions;
    this.consumer = consumer;
    this.deadLetters = deadLetters;
    this.clients = new LoopClients(consumer, deadLetters, topic, settings.groupId(), LOG);
    this.offsets = new PendingOffsets(consumer, o -> notifyListener(() -> listener.onCommitted(o)));
    this.lag = new LagGauge(settings.lagRefreshInterval());
    this.retries =
        new Retries(
            new Backoff(
                settings.retryBackoffBase(), settings.retryBackoffMax(), new SplittableRandom()));
  }

  long lag() {
    return lag.value();
  }

  long handledCount() {
    return handled.get();
  }

  long deadLetteredCount() {
    return deadLettered.get();
  }

  /** Any thread: finish the record in hand, commit, close; the steps share the deadline. */
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
      LOG.info("consuming {} as group {}", topic, settings.groupId());
      while (!stopping) {
        try {
          pollOnce();
        } catch (WakeupException e) {
          // Only requestStop wakes the consumer, after setting stopping: the loop ends.
        }
      }
    } catch (Throwable t) {
      failure = t;
      LOG.error("consumer of {} (group {}) failed and stops", topic, settings.groupId(), t);
    }
    shutdown();
    return failure;
  }

  private void pollOnce() {
    retries.resumeDue(consumer);
    ConsumerRecords<String, byte[]> batch =
        consumer.poll(retries.pollTimeout(settings.pollTimeout()));
    nextInBatch.clear();
    for (TopicPartition tp : batch.partitions()) {
      nextInBatch.put(tp, batch.records(tp).get(0).offset());
    }
    lag.refreshIfDue(consumer, nextInBatch);
    for (TopicPartition tp : batch.partitions()) {
      for (ConsumerRecord<String, byte[]> record : batch.records(tp)) {
        if (stopping) {
          return; // the rest stays uncommitted and is delivered again; shutdown commits the rest
        }
        if (!handle(tp, record)) {
          break; // the partition waits for a retry from this record; later ones are fetched again
        }
        lag.refreshIfDue(consumer, nextInBatch);
      }
      nextInBatch.remove(tp);
    }
    if (flushed()) {
      offsets.commit(LoopClients.COMMIT_TIMEOUT);
    }
    lag.refreshIfDue(consumer, nextInBatch);
  }

  /**
   * Asks the handler to make what it handled durable ({@link RecordHandler#flush}); when it cannot,
   * the records handled since the last commit are undone: each partition goes back to its first
   * such record and waits a backoff, and they are handled again.
   */
  private boolean flushed() {
    try {
      handler.flush();
      return true;
    } catch (Exception e) {
      Thread.interrupted();
      Map<TopicPartition, Long> redo = offsets.undo();
      LOG.warn(
          "{}: what was handled since the last commit is not durable, handled again from {}",
          topic,
          redo,
          e);
      if (!stopping) {
        redo.forEach(
            (tp, offset) -> {
              retries.schedule(consumer, tp, offset);
              nextInBatch.put(tp, offset);
            });
      }
      return false;
    }
  }

  /** True when the record is done (handled or dead-lettered), false when it is to be retried. */
  private boolean handle(TopicPartition tp, ConsumerRecord<String, byte[]> record) {
    long start = System.nanoTime();
    try {
      handler.handle(record);
    } catch (PermanentEventException e) {
      return deadLetter(tp, record, e);
    } catch (DeferredEventException e) {
      Thread.interrupted();
      if (!stopping) {
        retries.defer(consumer, tp, record.offset(), e.delay());
        LOG.debug("{} not due, handed over again in {} ms", where(record), e.delay().toMillis());
      }
      return false;
    } catch (Exception e) {
      return retryLater(tp, record, e);
    }
    done(tp, record);
    handled.incrementAndGet();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    notifyListener(() -> listener.onHandled(record, took));
    return true;
  }

  private boolean deadLetter(
      TopicPartition tp, ConsumerRecord<String, byte[]> record, PermanentEventException e) {
    String reason = DeadLetters.reason(e);
    try {
      DeadLetters.send(
          deadLetters, record, reason, settings.groupId(), settings.deadLetterTimeout());
    } catch (Exception sendFailure) {
      return retryLater(tp, record, sendFailure);
    }
    LOG.warn("{} dead-lettered: {}", where(record), reason);
    done(tp, record);
    deadLettered.incrementAndGet();
    notifyListener(() -> listener.onDeadLettered(record, reason));
    return true;
  }

  private boolean retryLater(
      TopicPartition tp, ConsumerRecord<String, byte[]> record, Exception e) {
    // Only close() interrupts this thread, when its time is up; the consumer must not see the flag.
    Thread.interrupted();
    if (stopping) {
      return false; // not committed: delivered again after the restart
    }
    Retries.Scheduled retry = retries.schedule(consumer, tp, record.offset());
    int attempt = retry.attempt();
    Duration delay = retry.delay();
    if (attempt == 1) {
      LOG.warn("{} failed, retried in {} ms", where(record), delay.toMillis(), e);
    } else {
      LOG.warn(
          "{} failed again (attempt {}), retried in {} ms: {}",
          where(record),
          attempt,
          delay.toMillis(),
          e.toString());
    }
    notifyListener(() -> listener.onRetryScheduled(record, attempt, delay, e));
    return false;
  }

  /** Where a record is, for a log line: topic, partition, offset and key (a UID), no value. */
  static String where(ConsumerRecord<String, byte[]> r) {
    return r.topic() + "-" + r.partition() + "@" + r.offset() + " (key " + r.key() + ")";
  }

  private void done(TopicPartition tp, ConsumerRecord<String, byte[]> record) {
    offsets.done(tp, record.offset());
    nextInBatch.put(tp, record.offset() + 1);
    retries.done(tp);
  }

  private void shutdown() {
    Thread.interrupted(); // close() interrupts a handler that outlives its timeout
    try {
      if (flushed()) {
        offsets.commitDespiteWakeup(shutdownStep());
      }
    } catch (RuntimeException e) {
      LOG.warn("final commit failed; the records since the last commit are delivered again", e);
    }
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

  private void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("an EventConsumer.Listener of {} failed", topic, e);
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      if (flushed()) {
        offsets.commitDespiteWakeup(stopping ? shutdownStep() : LoopClients.COMMIT_TIMEOUT);
      }
      forget(revoked);
      if (!revoked.isEmpty()) {
        LOG.info("revoked {}", revoked);
        partitions.onRevoked(revoked);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      LOG.warn("lost {}: records handled since the last commit are delivered again", lost);
      forget(lost);
      partitions.onRevoked(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      lag.markDue();
      if (!assigned.isEmpty()) {
        LOG.info("assigned {}", assigned);
        partitions.onAssigned(assigned);
      }
    }

    private void forget(Collection<TopicPartition> gone) {
      lag.markDue();
      offsets.forget(gone);
      retries.forget(gone);
      nextInBatch.keySet().removeAll(gone);
    }
  }
}
