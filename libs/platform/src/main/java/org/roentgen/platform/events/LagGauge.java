package org.roentgen.platform.events;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lag of an {@link EventConsumer}: for each assigned partition its end offset minus the next
 * offset to be handled, summed. Refreshed on the consumer's thread at most once per interval (or at
 * once after a rebalance), read from any thread.
 */
final class LagGauge {
  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final long intervalNanos;
  private long refreshedAt;
  private boolean due = true;
  private volatile long value;

  LagGauge(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  long value() {
    return value;
  }

  /** The assignment changed: refresh at the next chance. */
  void markDue() {
    due = true;
  }

  /**
   * Refreshes the value if due. {@code nextInBatch} holds, for the partitions with records of the
   * current poll not yet handled, the first such offset: the consumer's position is already past
   * them. A partition without one is at its position.
   */
  void refreshIfDue(Consumer<?, ?> consumer, Map<TopicPartition, Long> nextInBatch) {
    long now = System.nanoTime();
    if (!due && now - refreshedAt < intervalNanos) {
      return;
    }
    due = false;
    refreshedAt = now;
    Set<TopicPartition> assigned = consumer.assignment();
    try {
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, TIMEOUT);
      long total = 0;
      for (TopicPartition tp : assigned) {
        Long end = ends.get(tp);
        Long next = nextInBatch.get(tp);
        if (end != null) {
          total += Math.max(0, end - (next != null ? next : consumer.position(tp, TIMEOUT)));
        }
      }
      value = total;
    } catch (TimeoutException e) {
      LOG.debug("lag not refreshed: {}", e.toString());
    }
  }
}
