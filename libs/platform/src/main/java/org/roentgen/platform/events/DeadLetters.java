package org.roentgen.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter topic of a topic ({@code <topic>.dlq}) and what a dead-letter record carries: the
 * original key, value and headers unchanged, plus the headers below as UTF-8 text. A record that is
 * dead-lettered again (replayed and refused again) gets a second set; {@code lastHeader} reads the
 * newest. The record is keyed like the original, so one study's dead letters stay in order.
 */
public final class DeadLetters {
  /** Appended to a topic's name to name its dead-letter topic. */
  public static final String SUFFIX = ".dlq";

  /** Why the record was refused: the {@link PermanentEventException}'s message. */
  public static final String REASON = "roentgen-dlq-reason";

  /** The topic the record was read from. */
  public static final String TOPIC = "roentgen-dlq-topic";

  /** Its partition, in decimal. */
  public static final String PARTITION = "roentgen-dlq-partition";

  /** Its offset, in decimal. */
  public static final String OFFSET = "roentgen-dlq-offset";

  /** The consumer group that refused it. */
  public static final String CONSUMER = "roentgen-dlq-consumer";

  /** A longer reason is cut to this many characters (a header is no place for a stack dump). */
  static final int MAX_REASON_LENGTH = 1000;

  private DeadLetters() {}

  /** The dead-letter topic of {@code topic}. */
  public static String topicFor(String topic) {
    return topic + SUFFIX;
  }

  /** The reason a failure gives: its message, or its class name when it has none. */
  static String reason(Throwable failure) {
    String message = failure.getMessage();
    String reason =
        message == null || message.isBlank() ? failure.getClass().getName() : message.strip();
    return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
  }

  /** The dead-letter record of {@code record}, refused by {@code groupId} for {@code reason}. */
  static ProducerRecord<String, byte[]> record(
      ConsumerRecord<String, byte[]> record, String reason, String groupId) {
    Headers headers = new RecordHeaders();
    for (Header h : record.headers()) {
      headers.add(h.key(), h.value());
    }
    put(headers, REASON, reason);
    put(headers, TOPIC, record.topic());
    put(headers, PARTITION, Integer.toString(record.partition()));
    put(headers, OFFSET, Long.toString(record.offset()));
    put(headers, CONSUMER, groupId);
    return new ProducerRecord<>(
        topicFor(record.topic()), null, record.key(), record.value(), headers);
  }

  /**
   * Sends the dead-letter record of {@code record} and waits for the acknowledgement.
   *
   * @throws KafkaException when it was refused or not acknowledged within {@code timeout}: the
   *     record is not dead-lettered yet and must be retried
   */
  static void send(
      Producer<String, byte[]> producer,
      ConsumerRecord<String, byte[]> record,
      String reason,
      String groupId,
      Duration timeout)
      throws InterruptedException {
    String dlq = topicFor(record.topic());
    Future<RecordMetadata> sent;
    try {
      sent = producer.send(record(record, reason, groupId));
    } catch (RuntimeException e) {
      throw new KafkaException("dead-letter send to " + dlq + " failed: " + e, e);
    }
    try {
      sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new KafkaException("dead-letter send to " + dlq + " failed: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new KafkaException("dead-letter send to " + dlq + " not acknowledged in " + timeout, e);
    }
  }

  /**
   * Sends the dead-letter record of {@code record} without waiting; {@code acknowledged} is called
   * once, on the producer's thread, with null when the broker has it or with the failure (a {@link
   * KafkaException} naming the dead-letter topic) when it was refused or timed out (the producer's
   * delivery timeout): the record is then not dead-lettered and must be retried.
   */
  static void sendAsync(
      Producer<String, byte[]> producer,
      ConsumerRecord<String, byte[]> record,
      String reason,
      String groupId,
      Consumer<KafkaException> acknowledged) {
    String dlq = topicFor(record.topic());
    try {
      producer.send(
          record(record, reason, groupId),
          (metadata, e) ->
              acknowledged.accept(
                  e == null
                      ? null
                      : new KafkaException("dead-letter send to " + dlq + " failed: " + e, e)));
    } catch (RuntimeException e) {
      acknowledged.accept(new KafkaException("dead-letter send to " + dlq + " failed: " + e, e));
    }
  }

  private static void put(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
