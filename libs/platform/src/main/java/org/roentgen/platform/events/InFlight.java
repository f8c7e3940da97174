package org.roentgen.platform.events;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records an {@link AsyncEventConsumer} has taken from Kafka and not yet released for commit,
 * per partition in the order taken (offset order). Records finish in any order; a partition's
 * records are released from its head while they are finished, and the offset after the last one
 * released is what may be committed: the offset after the highest contiguous finished record. Used
 * on the consumer's thread only, except {@link #size()}.
 */
final class InFlight {
  /** Where a taken record is. */
  enum Status {
    /** The handler has it, or it waits for a retry or for its dead-letter send. */
    WORKING,
    /** Done (handled or dead-lettered); released once every earlier record is. */
    FINISHED,
    /** Given up at shutdown: never released, so neither it nor what follows is committed. */
    ABANDONED,
    /** Its partition was revoked: no longer tracked, whatever its work does next is ignored. */
    FORGOTTEN
  }

  /** One record taken; its mutable fields belong to the consumer's thread. */
  static final class Entry {
    final TopicPartition partition;
    final long offset;

    /** The record; dropped once it is finished, so that waiting behind another costs no value. */
    ConsumerRecord<String, byte[]> record;

    /** Failed attempts so far (deferrals do not count). */
    int failures;

    /** When the current attempt was handed over ({@link System#nanoTime}). */
    long startedAt;

    private Status status = Status.WORKING;

    private Entry(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
      this.partition = partition;
      this.offset = record.offset();
      this.record = record;
    }

    Status status() {
      return status;
    }

    boolean working() {
      return status == Status.WORKING;
    }
  }

  /** Records released by a {@link #finish}: {@code nextOffset} may be committed. */
  record Release(TopicPartition partition, long nextOffset, int records) {}

  private final Map<TopicPartition, ArrayDeque<Entry>> partitions = new HashMap<>();
  private volatile int size;
  private int working;

  /** Tracks {@code record} of {@code tp}, the next one taken from that partition. */
  Entry take(TopicPartition tp, ConsumerRecord<String, byte[]> record) {
    Entry e = new Entry(tp, record);
    partitions.computeIfAbsent(tp, p -> new ArrayDeque<>()).addLast(e);
    size++;
    working++;
    return e;
  }

  /**
   * {@code e}, which is {@link Status#WORKING}, is done; returns what that releases, or null when
   * an earlier record of its partition is not finished yet.
   */
  Release finish(Entry e) {
    requireWorking(e);
    e.status = Status.FINISHED;
    e.record = null;
    working--;
    ArrayDeque<Entry> queue = partitions.get(e.partition);
    int released = 0;
    long next = -1;
    while (!queue.isEmpty() && queue.peekFirst().status == Status.FINISHED) {
      next = queue.removeFirst().offset + 1;
      released++;
    }
    if (queue.isEmpty()) {
      partitions.remove(e.partition);
    }
    size -= released;
    return released == 0 ? null : new Release(e.partition, next, released);
  }

  /** {@code e}, which is {@link Status#WORKING}, is given up: it stays uncommitted. */
  void abandon(Entry e) {
    requireWorking(e);
    e.status = Status.ABANDONED;
    working--;
  }

  /** Stops tracking these partitions' records; returns how many there were. */
  int forget(Collection<TopicPartition> gone) {
    int forgotten = 0;
    for (TopicPartition tp : gone) {
      ArrayDeque<Entry> queue = partitions.remove(tp);
      if (queue == null) {
        continue;
      }
      for (Entry e : queue) {
        if (e.status == Status.WORKING) {
          working--;
        }
        e.status = Status.FORGOTTEN;
      }
      forgotten += queue.size();
    }
    size -= forgotten;
    return forgotten;
  }

  /** Records tracked: taken and not yet released. Any thread. */
  int size() {
    return size;
  }

  /** Records tracked whose work is not over (not finished, abandoned or forgotten). */
  int working() {
    return working;
  }

  private static void requireWorking(Entry e) {
    if (e.status != Status.WORKING) {
      throw new IllegalStateException(
          e.partition + "@" + e.offset + " is " + e.status + ", not WORKING");
    }
  }
}
