package org.roentgen.platform.events;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;

/**
 * The Kafka clients of a consumer loop ({@link ConsumerLoop}, {@link AsyncConsumerLoop}): the
 * consumer and the producer of its dead-letter topic, and how they are closed within what is left
 * of a shutdown's time.
 */
final class LoopClients {
  /** How long a commit may take outside a shutdown. */
  static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

  /** The least time a step of a shutdown gets, even past its deadline. */
  static final Duration MIN_SHUTDOWN_STEP = Duration.ofSeconds(1);

  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> deadLetters;
  private final String topic;
  private final String groupId;
  private final Logger log;

  /** {@code log}: the loop's, so that its lines keep their category. */
  LoopClients(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> deadLetters,
      String topic,
      String groupId,
      Logger log) {
    this.log = log;
    this.consumer = consumer;
    this.deadLetters = deadLetters;
    this.topic = topic;
    this.groupId = groupId;
  }

  /**
   * What is left of close()'s time, at least {@link #MIN_SHUTDOWN_STEP}; {@link #COMMIT_TIMEOUT}
   * when the loop is not stopping (it ends after a failure).
   */
  static Duration shutdownStep(boolean stopping, long stopDeadlineNanos) {
    if (!stopping) {
      return COMMIT_TIMEOUT;
    }
    long left = stopDeadlineNanos - System.nanoTime();
    return left > MIN_SHUTDOWN_STEP.toNanos() ? Duration.ofNanos(left) : MIN_SHUTDOWN_STEP;
  }

  /** The end of a loop that ran: the consumer, then the producer, each in the time left. */
  void close(Supplier<Duration> step) {
    try {
      consumer.close(CloseOptions.timeout(step.get()));
    } catch (RuntimeException e) {
      log.warn("closing the consumer of {} failed", topic, e);
    }
    closeProducer(step.get());
    log.info("stopped consuming {} (group {})", topic, groupId);
  }

  /** For a loop that never ran. */
  void closeNeverRan(Duration timeout) {
    try {
      consumer.close(CloseOptions.timeout(timeout));
    } finally {
      closeProducer(timeout);
    }
  }

  private void closeProducer(Duration timeout) {
    try {
      deadLetters.close(timeout);
    } catch (RuntimeException e) {
      log.warn("closing the dead-letter producer of {} failed", topic, e);
    }
  }
}
