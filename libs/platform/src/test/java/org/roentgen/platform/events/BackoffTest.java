package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration BASE = Duration.ofMillis(200);
  private static final Duration MAX = Duration.ofSeconds(30);

  /** A generator that always draws the lowest or the highest value allowed. */
  private static RandomGenerator always(boolean highest) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public long nextLong(long bound) {
        return highest ? bound - 1 : 0;
      }
    };
  }

  @Test
  void eachAttemptWaitsBetweenHalfAndAllOfItsDoublingStep() {
    Backoff lowest = new Backoff(BASE, MAX, always(false));
    Backoff highest = new Backoff(BASE, MAX, always(true));
    long[] stepsMillis = {200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000};
    for (int attempt = 1; attempt <= stepsMillis.length; attempt++) {
      Duration step = Duration.ofMillis(stepsMillis[attempt - 1]);
      assertThat(lowest.delay(attempt)).as("attempt %d", attempt).isEqualTo(step.dividedBy(2));
      assertThat(highest.delay(attempt)).as("attempt %d", attempt).isEqualTo(step);
    }
  }

  @Test
  void theStepNeverOverflowsPastTheMaximum() {
    Backoff b = new Backoff(Duration.ofNanos(3), MAX, new SplittableRandom(1));
    for (int attempt : new int[] {60, 61, 62, 63, 64, 1000, Integer.MAX_VALUE}) {
      assertThat(b.delay(attempt)).isBetween(MAX.dividedBy(2), MAX);
    }
  }

  @Test
  void jitterSpreadsTheWaits() {
    Backoff b = new Backoff(BASE, MAX, new SplittableRandom(7));
    long distinct =
        java.util.stream.IntStream.range(0, 50).mapToObj(i -> b.delay(3)).distinct().count();
    assertThat(distinct).isGreaterThan(40);
  }

  @Test
  void attemptsCountFromOne() {
    Backoff b = new Backoff(BASE, MAX, new SplittableRandom(1));
    assertThatThrownBy(() -> b.delay(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
