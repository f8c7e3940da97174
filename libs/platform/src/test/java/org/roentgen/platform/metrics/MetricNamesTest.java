package org.roentgen.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricNamesTest {
  @Test
  void namesArePrefixedDottedAndLowerCase() {
    assertThat(MetricNames.name("ingest", "instances")).isEqualTo("roentgen.ingest.instances");
    assertThat(MetricNames.name("labeling-validation", "findings"))
        .isEqualTo("roentgen.labeling_validation.findings");
    assertThat(MetricNames.name("ingest", "store.latency"))
        .isEqualTo("roentgen.ingest.store.latency");
    assertThatThrownBy(() -> MetricNames.name("Ingest", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetricNames.name("ingest", "Bytes"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tagValuesFromPeersAreBoundedAndSafe() {
    assertThat(MetricNames.tagValue(null)).isEqualTo("none");
    assertThat(MetricNames.tagValue("  ")).isEqualTo("none");
    assertThat(MetricNames.tagValue(" dx_room1 ")).isEqualTo("DX_ROOM1");
    assertThat(MetricNames.tagValue("A\"B{C}=\n")).isEqualTo("A_B_C__");
    assertThat(MetricNames.tagValue("X".repeat(40))).hasSize(16);
  }
}
