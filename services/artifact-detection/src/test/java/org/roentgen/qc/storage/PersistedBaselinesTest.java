package org.roentgen.qc.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the checks see is everything (own and read back); what is written is only what this instance
 * measured, and only the series that changed since the last write.
 */
class PersistedBaselinesTest {
  @Test
  void theChecksSeeEveryInstanceButOnlyOwnValuesAreWritten() {
    PersistedBaselines b = new PersistedBaselines(10);
    b.restore("DX1|CHEST/PA|sharpness", new double[] {1, 2, 3}, true);
    b.restore("DX1|CHEST/PA|sharpness", new double[] {10, 20}, false);
    assertThat(b.snapshot().get("DX1|CHEST/PA|sharpness")).containsExactly(1, 2, 3, 10, 20);
    assertThat(b.quantile("DX1", "CHEST/PA", "sharpness", 0.0, 5)).hasValue(1.0);
    assertThat(b.quantile("DX1", "CHEST/PA", "sharpness", 0.0, 6)).isEmpty();
    assertThat(b.takeChanged()).as("reading back changes nothing").isEmpty();

    b.record("DX1", "CHEST/PA", "sharpness", 4);
    b.record("DX2", "HAND/PA", "noise.relative-sigma", 0.01);
    Map<String, double[]> changed = b.takeChanged();
    assertThat(changed)
        .containsOnlyKeys("DX1|CHEST/PA|sharpness", "DX2|HAND/PA|noise.relative-sigma");
    assertThat(changed.get("DX1|CHEST/PA|sharpness")).containsExactly(1, 2, 3, 4);
    assertThat(b.takeChanged()).isEmpty();

    b.changedAgain(List.of("DX2|HAND/PA|noise.relative-sigma"));
    assertThat(b.takeChanged()).containsOnlyKeys("DX2|HAND/PA|noise.relative-sigma");
  }

  @Test
  void theWindowKeepsTheLatestValues() {
    PersistedBaselines b = new PersistedBaselines(3);
    for (int i = 1; i <= 5; i++) {
      b.record("S", "P", "m", i);
    }
    assertThat(b.takeChanged().get("S|P|m")).containsExactly(3, 4, 5);
  }
}
