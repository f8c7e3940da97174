package org.roentgen.archive.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportQueryTest {
  @Test
  void datesAreDicomDatesAndBlankParametersAreNone() {
    ReportQuery q = ReportQuery.of("20261101", "20261130", " ", "DX");
    assertThat(q).isEqualTo(new ReportQuery("20261101", "20261130", null, "DX"));
    assertThat(ReportQuery.of(null, "", null, null)).isEqualTo(ReportQuery.ALL);
    assertThat(ReportQuery.of("20261101", "20261101", "ROOM 1", null).station())
        .isEqualTo("ROOM 1");
  }

  @Test
  void otherDatesOrAReversedPeriodAreRefused() {
    assertThatThrownBy(() -> ReportQuery.of("2026-11-01", null, null, null))
        .hasMessageContaining("from is a date YYYYMMDD");
    assertThatThrownBy(() -> ReportQuery.of(null, "20261131", null, null))
        .hasMessageContaining("to is a date YYYYMMDD");
    assertThatThrownBy(() -> ReportQuery.of("2026110", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReportQuery.of("20261201", "20261130", null, null))
        .hasMessageContaining("after");
  }

  @Test
  void theDiLevelsAreARangeAndTheTargetIsNotNegative() {
    DiLevels l = new DiLevels(-3, 3, 1);
    assertThat(l.outsideAction(-3.0)).isFalse();
    assertThat(l.outsideAction(-3.01)).isTrue();
    assertThat(l.outsideAction(3.0)).isFalse();
    assertThat(l.outsideAction(3.2)).isTrue();
    assertThat(l.outsideTarget(1.0)).isFalse();
    assertThat(l.outsideTarget(-1.0)).isFalse();
    assertThat(l.outsideTarget(-1.01)).isTrue();
    assertThatThrownBy(() -> new DiLevels(3, -3, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DiLevels(-3, 3, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
