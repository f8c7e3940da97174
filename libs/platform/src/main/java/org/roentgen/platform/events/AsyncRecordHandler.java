package org.roentgen.platform.events;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a service does with one record of an {@link AsyncEventConsumer}'s topic when the work
 * finishes later, on other threads: a delivery to several destinations that each answer in their
 * own time. It is called on the consumer's thread, in offset order within a partition, and must
 * return quickly (start the work, do not wait for it); the record's offset is committed only after
 * the returned stage has completed, and after every earlier record of its partition is finished.
 *
 * <p>Outcomes, by how the stage completes (a {@link java.util.concurrent.CompletionException}
 * around the cause is looked through; throwing from {@code handle} itself counts as the stage
 * completing with what was thrown):
 *
 * <ul>
 *   <li>normally, with any value: handled, the record is finished;
 *   <li>with {@link PermanentEventException} (or {@link EventDecodeException}): the record goes to
 *       the dead-letter topic ({@link DeadLetters}) and is finished once the broker has it;
 *   <li>with {@link DeferredEventException}: not due yet, handed over again after exactly its
 *       delay;
 *   <li>with any other {@link Exception} (or a {@code null} stage): "not now", handed over again
 *       after a backoff, until it completes normally or permanently;
 *   <li>with an {@link Error}: the consumer stops ({@link EventConsumer.State#FAILED}), as a crash
 *       would; the record is not committed.
 * </ul>
 *
 * <p>A record can be handed over more than once: after a transient failure, after a crash, and
 * after a rebalance (a record still in work when its partition moves is handed to the new owner
 * too, while the old stage may still complete; its outcome is then ignored). So the handler must be
 * idempotent on the event's identity (the SOP Instance UID).
 */
@FunctionalInterface
public interface AsyncRecordHandler {
  /** Starts the work on {@code record}; the stage completes when it is finished. */
  CompletionStage<?> handle(ConsumerRecord<String, byte[]> record) throws Exception;
}
