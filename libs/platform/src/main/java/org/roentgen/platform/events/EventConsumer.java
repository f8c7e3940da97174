package org.roentgen.platform.events;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one topic as a member of a consumer group, on one thread of its own, and hands each
 * record to a {@link RecordHandler}: the loop every Roentgen consuming service runs. Plain {@code
 * kafka-clients}; String keys (StudyInstanceUIDs), byte[] values (CloudEvents binary mode).
 *
 * <p><b>Commit strategy: at-least-once.</b> Auto-commit is off. A record's offset is committed
 * ({@code commitSync} of the next offset per partition) only after the handler returned for it (or
 * it was dead-lettered): after each poll's batch, when partitions are revoked, and at {@link
 * #close}. A crash between handling and committing means the record is delivered again, never that
 * it is lost; handlers are idempotent on the event's identity.
 *
 * <p><b>Failure strategy.</b> Records of a partition are handled in offset order, one at a time.
 *
 * <ul>
 *   <li>{@link PermanentEventException} (including {@link EventDecodeException}): the record is
 *       copied to {@code <topic>.dlq} ({@link DeadLetters}: same key, value and headers plus the
 *       reason and origin headers) by a durable producer (acks=all, idempotent) that this consumer
 *       owns and closes; the send is awaited, then the next record follows. Only the thrown type
 *       counts: a permanent exception wrapped in another exception is retried.
 *   <li>Anything else, and a failed dead-letter send: retryable. The record is never skipped: its
 *       partition is sought back to it and paused, waits an exponential backoff with jitter ({@link
 *       ConsumerSettings#retryBackoffBase} doubling up to {@link
 *       ConsumerSettings#retryBackoffMax}), is resumed, and the record is handled again, forever,
 *       until it succeeds or becomes permanent. Only that partition waits: the others keep flowing,
 *       which keeps one unlucky study from holding up the rest, and polling goes on, so the
 *       instance stays in its group.
 * </ul>
 *
 * <p>An {@link Error} from the handler (not an {@link Exception}) stops the consumer ({@link
 * State#FAILED}) without committing that record, as a crash would; the service's health check reads
 * {@link #state()}.
 *
 * <p><b>Rebalances</b> commit the handled offsets of the revoked partitions before the {@link
 * PartitionListener} hears of them; a lost partition (the instance was dropped from the group)
 * cannot be committed and is delivered again elsewhere.
 *
 * <p><b>Life cycle:</b> {@link #start()} once; {@link #close(Duration)} stops polling, lets the
 * handler finish the record in hand (the rest of the batch is left for redelivery), commits, closes
 * the consumer and the dead-letter producer. A handler still running when the timeout ends is
 * interrupted; its record stays uncommitted. The thread is a daemon: a service must close the
 * consumer on shutdown, or its handled but uncommitted records are delivered again.
 *
 * <p>Logs name partitions, offsets and keys, never a record's value (it may hold patient data).
 */
public final class EventConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

  /** How long {@link #close()} waits. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /** Where the consumer is in its life; {@code RUNNING} is healthy, the rest are not. */
  public enum State {
    NEW,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED
  }

  /**
   * What the loop reports, for metrics; all methods are called on the consumer's thread, must be
   * quick and must not throw (an exception is logged and ignored). An {@link AsyncEventConsumer}
   * reports the same way.
   */
  public interface Listener {
    /** The handler returned for {@code record} after {@code took}. */
    default void onHandled(ConsumerRecord<String, byte[]> record, Duration took) {}

    /** {@code record} is in the dead-letter topic, refused for {@code reason}. */
    default void onDeadLettered(ConsumerRecord<String, byte[]> record, String reason) {}

    /** Attempt {@code attempt} of {@code record} failed; it is tried again after {@code delay}. */
    default void onRetryScheduled(
        ConsumerRecord<String, byte[]> record, int attempt, Duration delay, Exception cause) {}

    /** These next offsets were committed. */
    default void onCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    /** The loop stopped on {@code failure} ({@link State#FAILED}); it does not restart. */
    default void onFailed(Throwable failure) {}
  }

  /**
   * Partitions coming and going, for a service that keeps state per partition. Called on the
   * consumer's thread between records; an exception stops the consumer ({@link State#FAILED}).
   */
  public interface PartitionListener {
    /** These partitions are now this instance's: load their state before their records come. */
    default void onAssigned(Collection<TopicPartition> partitions) {}

    /**
     * These partitions are gone (revoked after their handled offsets were committed, or lost): drop
     * their state.
     */
    default void onRevoked(Collection<TopicPartition> partitions) {}
  }

  private final String topic;
  private final ConsumerLoop loop;
  private final Listener listener;
  private final Thread thread;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final Object lifecycle = new Object();

  /** A consumer of {@code topic} with no listeners. */
  public EventConsumer(ConsumerSettings settings, String topic, RecordHandler handler) {
    this(settings, topic, handler, new Listener() {}, new PartitionListener() {});
  }

  /** A consumer of {@code topic}; it creates its Kafka consumer and dead-letter producer. */
  public EventConsumer(
      ConsumerSettings settings,
      String topic,
      RecordHandler handler,
      Listener listener,
      PartitionListener partitions) {
    this(settings, topic, handler, listener, partitions, newConsumer(settings), null);
  }

  /** With the given clients (tests); the dead-letter producer is created when null. */
  EventConsumer(
      ConsumerSettings settings,
      String topic,
      RecordHandler handler,
      Listener listener,
      PartitionListener partitions,
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
        new ConsumerLoop(
            settings,
            topic,
            Objects.requireNonNull(handler, "handler"),
            listener,
            Objects.requireNonNull(partitions, "partitions"),
            consumer,
            producer);
    this.thread = new Thread(this::runLoop, "event-consumer-" + settings.clientId());
    this.thread.setDaemon(true);
  }

  private static Consumer<String, byte[]> newConsumer(ConsumerSettings settings) {
    return new KafkaConsumer<>(settings.consumerProperties());
  }

  /** Subscribes and starts the loop's thread; once only. */
  public void start() {
    synchronized (lifecycle) {
      if (!state.compareAndSet(State.NEW, State.RUNNING)) {
        throw new IllegalStateException("consumer of " + topic + " is " + state.get());
      }
      thread.start();
    }
  }

  /**
   * Stops: no further poll, the record in hand is finished, handled offsets are committed, the
   * clients are closed. Idempotent and safe from any thread; from the handler itself it only asks
   * the loop to stop once the handler returns (and returns false).
   *
   * @return true if all that was done within {@code timeout}; false if the handler was still busy
   *     (it is then interrupted and its record stays uncommitted)
   */
  public boolean close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lifecycle) {
      if (state.compareAndSet(State.NEW, State.STOPPED)) {
        loop.closeClients(timeout);
        return true;
      }
      if (state.compareAndSet(State.RUNNING, State.STOPPING)) {
        loop.requestStop(deadline);
      }
    }
    if (Thread.currentThread() == thread) {
      return false; // called by the handler: the loop stops once it returns
    }
    try {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        thread.join(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("consumer of {} did not stop within {}; interrupting its handler", topic, timeout);
      thread.interrupt();
      return false;
    }
    return true;
  }

  /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  public State state() {
    return state.get();
  }

  public String topic() {
    return topic;
  }

  /**
   * The records waiting in the assigned partitions: their end offsets minus the next offset to be
   * handled, summed. Computed on the consumer's thread at most every {@link
   * ConsumerSettings#lagRefreshInterval}; 0 before the first assignment.
   */
  public long lag() {
    return loop.lag();
  }

  /** Records the handler returned for since start (not counting dead-lettered ones). */
  public long handledCount() {
    return loop.handledCount();
  }

  /** Records sent to the dead-letter topic since start. */
  public long deadLetteredCount() {
    return loop.deadLetteredCount();
  }

  private void runLoop() {
    Throwable failure = loop.run();
    state.set(failure == null ? State.STOPPED : State.FAILED);
    if (failure != null) {
      try {
        listener.onFailed(failure);
      } catch (RuntimeException e) {
        LOG.warn("an EventConsumer.Listener of {} failed", topic, e);
      }
    }
  }
}
