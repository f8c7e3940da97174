package org.roentgen.platform.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a service does with one record of an {@link EventConsumer}'s topic. It is called on the
 * consumer's thread, one record at a time, in offset order within a partition; the record's offset
 * is committed only after it returns.
 *
 * <p>Outcomes: returning means handled (committed with the next commit); throwing {@link
 * PermanentEventException} (or {@link EventDecodeException}) means the record goes to the
 * dead-letter topic; throwing {@link DeferredEventException} means "not due yet": the record is
 * handed over again after the delay it names; throwing anything else means "not now": the same
 * record is handled again after a backoff, until it returns or throws a permanent exception. A
 * record can be delivered more than once (after a crash or a rebalance), so a handler must be
 * idempotent on the event's identity.
 */
@FunctionalInterface
public interface RecordHandler {
  void handle(ConsumerRecord<String, byte[]> record) throws Exception;

  /**
   * Called before the offsets of the records handled since the last commit are committed (after
   * each poll batch, when partitions are revoked, at shutdown). A handler that finishes its work
   * asynchronously, e.g. publishes without waiting for each acknowledgement, waits here until that
   * work is durable. Throwing means it is not: nothing is committed, and every partition with
   * records handled since its last commit goes back to its first such record and is retried after a
   * backoff, so those records are handled again (at-least-once).
   */
  default void flush() throws Exception {}
}
