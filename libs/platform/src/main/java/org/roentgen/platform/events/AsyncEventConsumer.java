package org.roentgen.platform.events;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one topic as a member of a consumer group, on one thread of its own, and hands each
 * record to an {@link AsyncRecordHandler} whose work finishes later, in any order: the loop of a
 * service such as the router, which delivers each instance to several destinations that answer in
 * their own time and may be down for minutes. Unlike {@link EventConsumer}, a record that waits
 * does not stop the records behind it: they are taken and handed over meanwhile, up to a bound.
 * Plain {@code kafka-clients}; String keys (StudyInstanceUIDs), byte[] values (CloudEvents binary
 * mode).
 *
 * <p><b>Commit strategy: at-least-once, out-of-order acknowledgement.</b> Auto-commit is off. The
 * consumer tracks, per partition, the records taken and not yet committed, in offset order. A
 * record is finished when its stage completed normally or its dead-letter copy was acknowledged;
 * the offset committed for a partition is the one after its highest contiguous finished record, so
 * a record is never committed before every earlier record of its partition is finished, and one
 * that never finishes holds back only its own partition's commits. Commits ({@code commitSync}) are
 * throttled to one per {@link AsyncConsumerSettings#commitInterval}, plus one when partitions are
 * revoked and one at {@link #close}. A crash delivers again everything not committed, including
 * records finished behind an unfinished one; handlers are idempotent on the event's identity.
 *
 * <p><b>Failure strategy</b>, by how the handler's stage completes ({@link AsyncRecordHandler}):
 *
 * <ul>
 *   <li>{@link PermanentEventException} (including {@link EventDecodeException}): the record is
 *       copied to {@code <topic>.dlq} ({@link DeadLetters}: same key, value and headers plus the
 *       reason and origin headers) by a durable producer (acks=all, idempotent) that this consumer
 *       owns and closes; the send is not awaited on the consumer's thread, and the record is
 *       finished when the broker acknowledges it.
 *   <li>{@link DeferredEventException}: the record is handed over again after exactly its delay.
 *   <li>Anything else, and a failed dead-letter send: the record is handed over again after an
 *       exponential backoff with jitter ({@link ConsumerSettings#retryBackoffBase} doubling up to
 *       {@link ConsumerSettings#retryBackoffMax}), forever, until it finishes. It is kept in memory
 *       meanwhile, not fetched again, and nothing else waits for it but its partition's commits.
 *   <li>An {@link Error}: the consumer stops ({@link EventConsumer.State#FAILED}) without
 *       committing that record, as a crash would; the service's health check reads {@link
 *       #state()}.
 * </ul>
 *
 * <p><b>Flow control.</b> At most {@link AsyncConsumerSettings#maxInFlight} records are taken and
 * not yet committable: a poll's records beyond the bound are left in Kafka (the partition is sought
 * back to them) and every assigned partition is paused, until the count is down to {@link
 * AsyncConsumerSettings#resumeAt}. Polling goes on meanwhile, so the instance stays in its group.
 * The bound caps both the memory the records hold and what a crash delivers again; a record stuck
 * for good eventually fills it, and the consumer then shows as paused with a growing {@link #lag}.
 *
 * <p><b>Rebalances</b> commit what is finished, then drop the revoked partitions' records: their
 * stages may still complete, but that is ignored, and the new owner is handed them again. A lost
 * partition (the instance was dropped from the group) is dropped without a commit.
 *
 * <p><b>Life cycle:</b> {@link #start()} once; {@link #close(Duration)} stops taking records
 * (pausing every partition while it keeps polling), waits up to the timeout for the records in work
 * to finish (a transient failure is not retried any more), commits what is finished, closes the
 * consumer and the dead-letter producer. Work still going on then is not cancelled (it runs on the
 * service's threads) but no longer counts: its records are delivered again after the restart. The
 * thread is a daemon: a service must close the consumer on shutdown.
 *
 * <p>An outcome is noticed by the consumer's thread after its next poll returns, at the latest
 * {@link ConsumerSettings#pollTimeout} later. Logs name partitions, offsets and keys, never a
 * record's value (it may hold patient data).
 */
public final class AsyncEventConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncEventConsumer.class);

  private final String topic;
  private final AsyncConsumerLoop loop;
  private final EventConsumer.Listener listener;
  private final Thread thread;
  private final AtomicReference<EventConsumer.State> state =
      new AtomicReference<>(EventConsumer.State.NEW);
  private final Object lifecycle = new Object();

  /** A consumer of {@code topic} with no listeners. */
  public AsyncEventConsumer(
      ConsumerSettings settings,
      AsyncConsumerSettings limits,
      String topic,
      AsyncRecordHandler handler) {
    this(
        settings,
        limits,
        topic,
        handler,
        new EventConsumer.Listener() {},
        new EventConsumer.PartitionListener() {});
  }

  /**
   * A consumer of {@code topic}; it creates its Kafka consumer and dead-letter producer. The
   * listeners are called on the consumer's thread; {@link EventConsumer.Listener#onHandled} gets
   * the time from handing the record over to its stage's completion.
   */
  public AsyncEventConsumer(
      ConsumerSettings settings,
      AsyncConsumerSettings limits,
      String topic,
      AsyncRecordHandler handler,
      EventConsumer.Listener listener,
      EventConsumer.PartitionListener partitions) {
    this(
        settings,
        limits,
        topic,
        handler,
        listener,
        partitions,
        new KafkaConsumer<>(settings.consumerProperties()),
        null);
  }

  /** With the given clients (tests); the dead-letter producer is created when null. */
  AsyncEventConsumer(
      ConsumerSettings settings,
      AsyncConsumerSettings limits,
      String topic,
      AsyncRecordHandler handler,
      EventConsumer.Listener listener,
      EventConsumer.PartitionListener partitions,
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> deadLetterProducer) {
    Objects.requireNonNull(settings, "settings");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.listener = Objects.requireNonNull(listener, "listener");
    Producer<String, byte[]> producer = deadLetterProducer;
    if (producer == null) {
      try {
        producer = new KafkaProducer<>(settings.deadLetterProducerProperties());
      } catch (RuntimeException e) {
        consumer.close();
        throw e;
      }
    }
    this.loop =
        new AsyncConsumerLoop(
            settings,
            Objects.requireNonNull(limits, "limits"),
            topic,
            Objects.requireNonNull(handler, "handler"),
            listener,
            Objects.requireNonNull(partitions, "partitions"),
            consumer,
            producer);
    this.thread = new Thread(this::runLoop, "async-event-consumer-" + settings.clientId());
    this.thread.setDaemon(true);
  }

  /** Subscribes and starts the loop's thread; once only. */
  public void start() {
    synchronized (lifecycle) {
      if (!state.compareAndSet(EventConsumer.State.NEW, EventConsumer.State.RUNNING)) {
        throw new IllegalStateException("consumer of " + topic + " is " + state.get());
      }
      thread.start();
    }
  }

  /**
   * Stops: takes no further record, waits until the records in work are finished or {@code timeout}
   * has passed, commits what is finished, closes the clients. The commit and the closing get what
   * is left of the timeout, at least a second each. Idempotent and safe from any thread; from the
   * handler itself it only asks the loop to stop (and returns false).
   *
   * @return true if every record taken was finished and committed; false if some were not (they are
   *     delivered again after the restart) or the consumer had failed
   */
  public boolean close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lifecycle) {
      if (state.compareAndSet(EventConsumer.State.NEW, EventConsumer.State.STOPPED)) {
        loop.closeClients(timeout);
        return true;
      }
      if (state.compareAndSet(EventConsumer.State.RUNNING, EventConsumer.State.STOPPING)) {
        loop.requestStop(deadline);
      }
    }
    if (Thread.currentThread() == thread) {
      return false; // called by the handler: the loop stops once it returns
    }
    try {
      long left = deadline + AsyncConsumerLoop.SHUTDOWN_GRACE.toNanos() - System.nanoTime();
      if (left > 0) {
        thread.join(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("consumer of {} did not stop within {}; interrupting it", topic, timeout);
      thread.interrupt();
      return false;
    }
    return loop.drained();
  }

  /** {@link #close(Duration)} with {@link EventConsumer#DEFAULT_CLOSE_TIMEOUT}. */
  @Override
  public void close() {
    close(EventConsumer.DEFAULT_CLOSE_TIMEOUT);
  }

  public EventConsumer.State state() {
    return state.get();
  }

  public String topic() {
    return topic;
  }

  /**
   * The records waiting in Kafka, not yet taken: the assigned partitions' end offsets minus the
   * consumer's positions, summed. Computed on the consumer's thread at most every {@link
   * ConsumerSettings#lagRefreshInterval}; 0 before the first assignment. What is taken and not yet
   * committed is {@link #inFlightCount()}.
   */
  public long lag() {
    return loop.lag();
  }

  /**
   * Records taken and not yet committable: in work, waiting for a retry or a dead-letter
   * acknowledgement, or finished behind an earlier record of their partition that is not.
   */
  public int inFlightCount() {
    return loop.inFlightCount();
  }

  /** Records whose stage completed normally since start (not counting dead-lettered ones). */
  public long handledCount() {
    return loop.handledCount();
  }

  /** Records sent to the dead-letter topic since start. */
  public long deadLetteredCount() {
    return loop.deadLetteredCount();
  }

  /** Records finished and covered by a successful commit since start. */
  public long committedCount() {
    return loop.committedCount();
  }

  private void runLoop() {
    Throwable failure = loop.run();
    state.set(failure == null ? EventConsumer.State.STOPPED : EventConsumer.State.FAILED);
    if (failure != null) {
      try {
        listener.onFailed(failure);
      } catch (RuntimeException e) {
        LOG.warn("an EventConsumer.Listener of {} failed", topic, e);
      }
    }
  }
}
