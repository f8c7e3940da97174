package org.roentgen.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The out-of-order acknowledgement decision: what may be committed, per partition. */
class InFlightTest {
  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  private final InFlight inFlight = new InFlight();

  private InFlight.Entry take(TopicPartition tp, long offset) {
    return inFlight.take(tp, new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "k", null));
  }

  @Test
  void finishingInReverseReleasesNothingUntilTheOldestThenEverything() {
    List<InFlight.Entry> e = List.of(take(P0, 0), take(P0, 1), take(P0, 2), take(P0, 3));
    assertThat(inFlight.finish(e.get(3))).isNull();
    assertThat(inFlight.finish(e.get(2))).isNull();
    assertThat(inFlight.finish(e.get(1))).isNull();
    assertThat(inFlight.size()).isEqualTo(4);
    assertThat(inFlight.working()).isEqualTo(1);
    assertThat(inFlight.finish(e.get(0))).isEqualTo(new InFlight.Release(P0, 4, 4));
    assertThat(inFlight.size()).isZero();
    assertThat(inFlight.working()).isZero();
  }

  @Test
  void releasesUpToTheFirstUnfinishedRecordOnly() {
    InFlight.Entry a = take(P0, 10);
    InFlight.Entry b = take(P0, 11);
    InFlight.Entry c = take(P0, 12);
    assertThat(inFlight.finish(a)).isEqualTo(new InFlight.Release(P0, 11, 1));
    assertThat(inFlight.finish(c)).isNull();
    assertThat(inFlight.finish(b)).isEqualTo(new InFlight.Release(P0, 13, 2));
  }

  @Test
  void offsetGapsAreContiguousInTheOrderTaken() {
    // Compaction and transaction markers leave gaps: the record after 5 may be 9.
    InFlight.Entry a = take(P0, 5);
    InFlight.Entry b = take(P0, 9);
    assertThat(inFlight.finish(b)).isNull();
    assertThat(inFlight.finish(a)).isEqualTo(new InFlight.Release(P0, 10, 2));
  }

  @Test
  void anUnfinishedRecordHoldsBackOnlyItsOwnPartition() {
    take(P0, 0);
    InFlight.Entry p0b = take(P0, 1);
    InFlight.Entry p1a = take(P1, 0);
    InFlight.Entry p1b = take(P1, 1);
    assertThat(inFlight.finish(p0b)).isNull();
    assertThat(inFlight.finish(p1b)).isNull();
    assertThat(inFlight.finish(p1a)).isEqualTo(new InFlight.Release(P1, 2, 2));
    assertThat(inFlight.size()).isEqualTo(2);
  }

  @Test
  void anAbandonedRecordIsNeverReleasedNorAreTheOnesBehindIt() {
    InFlight.Entry a = take(P0, 0);
    InFlight.Entry b = take(P0, 1);
    inFlight.abandon(a);
    assertThat(inFlight.working()).isEqualTo(1);
    assertThat(inFlight.finish(b)).isNull();
    assertThat(inFlight.working()).isZero();
    assertThat(inFlight.size()).isEqualTo(2);
  }

  @Test
  void forgettingAPartitionDropsItsRecordsAndTheirLateOutcomes() {
    InFlight.Entry a = take(P0, 0);
    InFlight.Entry b = take(P0, 1);
    take(P1, 0);
    inFlight.finish(b);
    assertThat(inFlight.forget(List.of(P0))).isEqualTo(2);
    assertThat(inFlight.size()).isEqualTo(1);
    assertThat(inFlight.working()).isEqualTo(1);
    assertThat(a.working()).isFalse();
    assertThat(a.status()).isEqualTo(InFlight.Status.FORGOTTEN);
    assertThatThrownBy(() -> inFlight.finish(a)).isInstanceOf(IllegalStateException.class);
    // Assigned again: tracked afresh from the committed offset.
    InFlight.Entry again = take(P0, 0);
    assertThat(inFlight.finish(again)).isEqualTo(new InFlight.Release(P0, 1, 1));
  }

  @Test
  void aRecordFinishesOnce() {
    InFlight.Entry a = take(P0, 0);
    take(P0, 1);
    inFlight.finish(a);
    assertThat(a.record).isNull(); // a finished record waiting behind none keeps no value
    assertThatThrownBy(() -> inFlight.finish(a)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> inFlight.abandon(a)).isInstanceOf(IllegalStateException.class);
  }
}
