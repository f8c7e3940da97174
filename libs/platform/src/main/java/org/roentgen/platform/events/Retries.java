package org.roentgen.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions of an {@link EventConsumer} that wait to retry a failed record: each is sought
 * back to the record and paused, and resumed when its backoff is over, so the next poll brings the
 * same record again. Polls go on meanwhile (the instance stays in its group) and the other
 * partitions keep flowing. Used on the consumer's thread only.
 */
final class Retries {
  /** The wait of one attempt. */
  record Scheduled(int attempt, Duration delay) {}

  /** A partition paused until {@code resumeAt} (nanoTime), then retried from {@code offset}. */
  private record Retry(long offset, int attempt, long resumeAt, boolean paused) {}

  private final Backoff backoff;
  private final Map<TopicPartition, Retry> waiting = new HashMap<>();

  Retries(Backoff backoff) {
    this.backoff = backoff;
  }

  /** The record at {@code offset} of {@code tp} failed: seek back to it, pause until due. */
  Scheduled schedule(Consumer<?, ?> consumer, TopicPartition tp, long offset) {
    Retry previous = waiting.get(tp);
    int attempt = previous != null && previous.offset() == offset ? previous.attempt() + 1 : 1;
    Duration delay = backoff.delay(attempt);
    consumer.seek(tp, offset);
    consumer.pause(List.of(tp));
    waiting.put(tp, new Retry(offset, attempt, System.nanoTime() + delay.toNanos(), true));
    return new Scheduled(attempt, delay);
  }

  /**
   * The record at {@code offset} of {@code tp} is not due: seek back to it, pause for exactly
   * {@code delay}; the attempt count of a failing record is not touched.
   */
  void defer(Consumer<?, ?> consumer, TopicPartition tp, long offset, Duration delay) {
    consumer.seek(tp, offset);
    consumer.pause(List.of(tp));
    waiting.put(tp, new Retry(offset, 0, System.nanoTime() + delay.toNanos(), true));
  }

  /** A record of {@code tp} is done: the attempt count starts again. */
  void done(TopicPartition tp) {
    waiting.remove(tp);
  }

  /** Resumes the partitions whose backoff is over; their failed record comes with the next poll. */
  void resumeDue(Consumer<?, ?> consumer) {
    long now = System.nanoTime();
    List<TopicPartition> due = new ArrayList<>();
    waiting.replaceAll(
        (tp, r) -> {
          if (r.paused() && now - r.resumeAt() >= 0) {
            due.add(tp);
            return new Retry(r.offset(), r.attempt(), r.resumeAt(), false);
          }
          return r;
        });
    if (!due.isEmpty()) {
      consumer.resume(due);
    }
  }

  /** {@code max}, shortened so that the earliest due retry is not late. */
  Duration pollTimeout(Duration max) {
    long now = System.nanoTime();
    long wait = max.toNanos();
    for (Retry r : waiting.values()) {
      if (r.paused()) {
        wait = Math.min(wait, Math.max(0, r.resumeAt() - now));
      }
    }
    return Duration.ofNanos(wait);
  }

  /** The partitions are no longer assigned (Kafka drops their paused state with them). */
  void forget(Collection<TopicPartition> gone) {
    waiting.keySet().removeAll(gone);
  }
}
