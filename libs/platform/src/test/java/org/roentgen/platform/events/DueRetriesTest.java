package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DueRetriesTest {
  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private final InFlight inFlight = new InFlight();
  private final DueRetries retries = new DueRetries();

  private InFlight.Entry take(long offset) {
    return inFlight.take(P0, new ConsumerRecord<>("t", 0, offset, "k", null));
  }

  @Test
  void handsOverOnlyWhatIsDueEarliestFirst() {
    InFlight.Entry later = take(0);
    InFlight.Entry second = take(1);
    InFlight.Entry first = take(2);
    retries.add(later, Duration.ofHours(1));
    retries.add(second, Duration.ZERO);
    retries.add(first, Duration.ofSeconds(-1)); // overdue
    assertThat(retries.takeDue()).containsExactly(first, second);
    assertThat(retries.takeDue()).isEmpty();
    assertThat(retries.pollTimeout(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void thePollWaitsNoLongerThanTheEarliestRetry() {
    retries.add(take(0), Duration.ofMillis(200));
    assertThat(retries.pollTimeout(Duration.ofSeconds(1)))
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofMillis(200));
    retries.add(take(1), Duration.ZERO);
    assertThat(retries.pollTimeout(Duration.ofSeconds(1))).isZero();
  }

  @Test
  void aRecordOfARevokedPartitionIsNotHandedOverAgain() {
    InFlight.Entry e = take(0);
    retries.add(e, Duration.ZERO);
    inFlight.forget(List.of(P0));
    assertThat(retries.takeDue()).isEmpty();
  }

  @Test
  void clearReturnsTheRecordsStillWorking() {
    InFlight.Entry kept = take(0);
    InFlight.Entry finished = take(1);
    retries.add(kept, Duration.ofHours(1));
    retries.add(finished, Duration.ofHours(1));
    inFlight.finish(finished);
    assertThat(retries.clear()).containsExactly(kept);
    assertThat(retries.takeDue()).isEmpty();
  }
}
