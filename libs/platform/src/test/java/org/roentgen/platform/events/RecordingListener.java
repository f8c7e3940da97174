package org.roentgen.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What an {@link EventConsumer} reported to its listener, for assertions. */
final class RecordingListener implements EventConsumer.Listener {
  final AtomicInteger handled = new AtomicInteger();

  /** {@code VALUE ATTEMPT: MESSAGE} per scheduled retry. */
  final List<String> retries = new CopyOnWriteArrayList<>();

  final List<Duration> delays = new CopyOnWriteArrayList<>();
  final List<String> deadLetterReasons = new CopyOnWriteArrayList<>();
  final CountDownLatch firstRetry = new CountDownLatch(1);

  /** Called with the attempt number of each scheduled retry, on the consumer's thread. */
  private final IntConsumer onRetry;

  RecordingListener() {
    this(attempt -> {});
  }

  RecordingListener(IntConsumer onRetry) {
    this.onRetry = onRetry;
  }

  @Override
  public void onHandled(ConsumerRecord<String, byte[]> record, Duration took) {
    handled.incrementAndGet();
  }

  @Override
  public void onDeadLettered(ConsumerRecord<String, byte[]> record, String reason) {
    deadLetterReasons.add(reason);
  }

  @Override
  public void onRetryScheduled(
      ConsumerRecord<String, byte[]> record, int attempt, Duration delay, Exception cause) {
    retries.add(KafkaTestSupport.text(record.value()) + " " + attempt + ": " + cause.getMessage());
    delays.add(delay);
    firstRetry.countDown();
    onRetry.accept(attempt);
  }
}
