package org.roentgen.platform.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The next offsets of the records an {@link EventConsumer} has handled but not yet committed, per
 * partition, and their synchronous commit. A commit that fails keeps them for the next one (at
 * worst the records are delivered again). Used on the consumer's thread only.
 */
final class PendingOffsets {
  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

  /** Told what was committed. */
  interface CommitListener {
    void committed(Map<TopicPartition, OffsetAndMetadata> offsets);
  }

  private final Consumer<?, ?> consumer;
  private final CommitListener listener;
  private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

  /** Per partition, the first record handled since its last commit: where a redo starts. */
  private final Map<TopicPartition, Long> firstPending = new HashMap<>();

  PendingOffsets(Consumer<?, ?> consumer, CommitListener listener) {
    this.consumer = consumer;
    this.listener = listener;
  }

  /** The record at {@code offset} of {@code tp} is done: commit {@code offset + 1}. */
  void done(TopicPartition tp, long offset) {
    pending.put(tp, new OffsetAndMetadata(offset + 1));
    firstPending.putIfAbsent(tp, offset);
  }

  /**
   * Forgets the records handled since the last commit, which turned out not to be done; returns,
   * per partition, the offset to handle again from.
   */
  Map<TopicPartition, Long> undo() {
    Map<TopicPartition, Long> from = Map.copyOf(firstPending);
    pending.clear();
    firstPending.clear();
    return from;
  }

  /** These partitions are no longer assigned: what was not committed cannot be any more. */
  void forget(Collection<TopicPartition> gone) {
    pending.keySet().removeAll(gone);
    firstPending.keySet().removeAll(gone);
  }

  /**
   * Commits what is pending. Throws only {@link WakeupException}, keeping the offsets; every other
   * failure is logged.
   */
  void commit(Duration timeout) {
    if (pending.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(pending);
    try {
      consumer.commitSync(offsets, timeout);
      pending.clear();
      firstPending.clear();
      listener.committed(offsets);
    } catch (RebalanceInProgressException e) {
      LOG.debug("commit deferred by a rebalance; it is made when the partitions are revoked");
    } catch (CommitFailedException e) {
      // This instance was dropped from the group: the records are delivered again (at-least-once).
      LOG.warn("commit of {} refused, the group moved on: {}", offsets.keySet(), e.getMessage());
      pending.clear();
      firstPending.clear();
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn("commit of {} failed, kept for the next commit: {}", offsets.keySet(), e.toString());
    }
  }

  /** A commit that a wakeup meant for poll does not cancel. */
  void commitDespiteWakeup(Duration timeout) {
    try {
      commit(timeout);
    } catch (WakeupException e) {
      commit(timeout); // a wakeup fires once
    }
  }
}
