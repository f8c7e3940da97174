package org.roentgen.archive.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void theMedianOfAnOddNumberOfValuesIsTheMiddleOne() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(7.5))).isEqualTo(7.5);
    assertThat(Stats.median(List.of(-3.5, 0.2, 3.1, -0.4, 1.0))).isEqualTo(0.2);
  }

  @Test
  void theMedianOfAnEvenNumberIsTheMeanOfTheTwoMiddleOnes() {
    assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Stats.median(List.of(70.0, 81.0))).isEqualTo(75.5);
    assertThat(Stats.median(List.of(-1.0, 1.0))).isEqualTo(0.0);
  }

  @Test
  void missingValuesAreLeftOut() {
    assertThat(Stats.median(Arrays.asList(null, 5.0, null, 1.0, 3.0))).isEqualTo(3.0);
    assertThat(Stats.median(Arrays.asList(null, null))).isNull();
    assertThat(Stats.median(List.of())).isNull();
    assertThat(Stats.median(Arrays.asList(Double.NaN, 2.0))).isEqualTo(2.0);
  }

  @Test
  void theMedianDoesNotChangeItsInput() {
    List<Double> values = Arrays.asList(3.0, 1.0, 2.0);
    Stats.median(values);
    assertThat(values).containsExactly(3.0, 1.0, 2.0);
  }

  @Test
  void aShareOfNothingIsUnknown() {
    assertThat(Stats.share(1, 4)).isEqualTo(0.25);
    assertThat(Stats.share(0, 4)).isEqualTo(0.0);
    assertThat(Stats.share(0, 0)).isNull();
  }
}
