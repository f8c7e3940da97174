package org.roentgen.platform.events;

import java.time.Duration;
import java.util.Objects;

/**
 * What an {@link AsyncEventConsumer} adds to its {@link ConsumerSettings}: how many records it
 * holds at once and how often it commits. {@link #defaults()} gives the defaults; the {@code with}
 * methods change them.
 *
 * @param maxInFlight at most this many records are taken from Kafka and not yet committable (in
 *     work, waiting for a retry, or finished behind an earlier record of their partition that is
 *     not); when reached, every assigned partition is paused. It bounds the memory the records hold
 *     and what is delivered again after a crash
 * @param resumeAt the partitions are resumed once the records in flight are down to this many (a
 *     low-water mark below {@code maxInFlight}, so that a full consumer does not pause and resume
 *     for every record)
 * @param commitInterval the finished offsets are committed at most this often (and at every
 *     revocation and at close); a crash delivers again what finished since the last commit
 */
public record AsyncConsumerSettings(int maxInFlight, int resumeAt, Duration commitInterval) {
  public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;
  public static final int DEFAULT_RESUME_AT = DEFAULT_MAX_IN_FLIGHT / 2;
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);

  public AsyncConsumerSettings {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
    }
    if (resumeAt < 0 || resumeAt >= maxInFlight) {
      throw new IllegalArgumentException(
          "resumeAt must be at least 0 and below maxInFlight " + maxInFlight + ": " + resumeAt);
    }
    if (Objects.requireNonNull(commitInterval, "commitInterval").isNegative()) {
      throw new IllegalArgumentException("commitInterval is negative: " + commitInterval);
    }
  }

  /** 10,000 records in flight, resumed at 5,000; commits at most once a second. */
  public static AsyncConsumerSettings defaults() {
    return new AsyncConsumerSettings(
        DEFAULT_MAX_IN_FLIGHT, DEFAULT_RESUME_AT, DEFAULT_COMMIT_INTERVAL);
  }

  /** At most {@code max} records in flight, resumed once down to {@code resumeAt}. */
  public AsyncConsumerSettings withMaxInFlight(int max, int resumeAt) {
    return new AsyncConsumerSettings(max, resumeAt, commitInterval);
  }

  /** Commits at most every {@code interval} (zero: after every poll with something to commit). */
  public AsyncConsumerSettings withCommitInterval(Duration interval) {
    return new AsyncConsumerSettings(maxInFlight, resumeAt, interval);
  }
}
