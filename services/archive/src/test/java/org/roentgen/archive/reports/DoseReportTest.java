package org.roentgen.archive.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.archive.reports.DoseReport.Exposure;

class DoseReportTest {
  private static final DiLevels TG116 = new DiLevels(-3, 3, 1);

  private static Exposure exposure(
      String station, String protocol, Double kvp, Double mas, Double dap, Double ei, Double di) {
    return new Exposure(
        "study",
        "sop",
        "20261102",
        station,
        protocol,
        "DX",
        "CHEST",
        "PA",
        kvp,
        mas,
        dap,
        ei,
        null,
        di);
  }

  @Test
  void onePerStationAndProtocolWithMediansAndShares() {
    List<Exposure> es =
        List.of(
            exposure("R2", "CHEST PA", 120.0, 2.0, null, 400.0, 0.5),
            exposure("R1", "KNEE AP", 65.0, 4.0, 1.2, 300.0, -3.5),
            exposure("R1", "CHEST PA", 110.0, 2.5, null, 410.0, 3.0),
            exposure("R1", "CHEST PA", 125.0, 3.5, 2.0, 390.0, -1.5),
            exposure("R1", "CHEST PA", 120.0, 3.0, null, null, null),
            exposure("R1", "CHEST PA", 115.0, 2.0, 4.0, 500.0, 3.2),
            exposure(null, "CHEST PA", 100.0, null, null, null, null));
    Table t = DoseReport.summary(es, TG116);
    assertThat(t.columns()).isEqualTo(DoseReport.SUMMARY);
    assertThat(t.rows())
        .containsExactly(
            Arrays.asList(
                "R1", "CHEST PA", 4L, 117.5, 2.75, 3.0, 410.0, 3.0, 3L, 1L, 1.0 / 3, 3L, 1.0),
            Arrays.asList("R1", "KNEE AP", 1L, 65.0, 4.0, 1.2, 300.0, -3.5, 1L, 1L, 1.0, 1L, 1.0),
            Arrays.asList("R2", "CHEST PA", 1L, 120.0, 2.0, null, 400.0, 0.5, 1L, 0L, 0.0, 0L, 0.0),
            Arrays.asList(
                null, "CHEST PA", 1L, 100.0, null, null, null, null, 0L, 0L, null, 0L, null));
  }

  @Test
  void theLevelsAreConfigurable() {
    List<Exposure> es =
        List.of(
            exposure("R1", "P", 70.0, 1.0, null, 100.0, 2.5),
            exposure("R1", "P", 70.0, 1.0, null, 100.0, 0.7));
    Table t = DoseReport.summary(es, new DiLevels(-2, 2, 0.5));
    assertThat(t.rows().get(0).subList(8, 13)).containsExactly(2L, 1L, 0.5, 2L, 1.0);
  }

  @Test
  void theListingKeepsEveryValueInItsOrder() {
    Exposure e =
        new Exposure(
            "1.2",
            "1.2.3",
            "20261102",
            "R1",
            "CHEST PA",
            "DX",
            "CHEST",
            "PA",
            120.0,
            2.0,
            1.5,
            400.0,
            380.0,
            0.22);
    Table t = DoseReport.exams(List.of(e));
    assertThat(t.columns()).isEqualTo(DoseReport.EXAMS);
    assertThat(t.rows())
        .containsExactly(
            Arrays.asList(
                "1.2",
                "1.2.3",
                "20261102",
                "R1",
                "CHEST PA",
                "DX",
                "CHEST",
                "PA",
                120.0,
                2.0,
                1.5,
                400.0,
                380.0,
                0.22));
  }
}
