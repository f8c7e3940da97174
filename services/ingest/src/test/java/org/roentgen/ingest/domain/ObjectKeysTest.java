package org.roentgen.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectKeysTest {
  @Test
  void keysNameStudySeriesAndInstanceWithVersionsAfterTheFirst() {
    assertThat(ObjectKeys.of("1.2", "1.2.3", "1.2.3.4", 1))
        .isEqualTo("studies/1.2/series/1.2.3/instances/1.2.3.4.dcm");
    assertThat(ObjectKeys.of("1.2", "1.2.3", "1.2.3.4", 3))
        .isEqualTo("studies/1.2/series/1.2.3/instances/1.2.3.4-v3.dcm");
  }

  @Test
  void onlyUidsMakeKeys() {
    assertThat(ObjectKeys.isUid("1.2.840.10008")).isTrue();
    assertThat(ObjectKeys.isUid("1..2")).isFalse();
    assertThat(ObjectKeys.isUid("../etc")).isFalse();
    assertThat(ObjectKeys.isUid("1." + "2".repeat(64))).isFalse();
    assertThatThrownBy(() -> ObjectKeys.of("1.2", "x", "1.3", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
