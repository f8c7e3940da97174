package org.roentgen.qc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceQc.Finding;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;
import org.roentgen.contracts.InstanceQc.Verdict;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.qc.domain.Analysis;
import org.roentgen.qc.domain.CheckIds;
import org.roentgen.qc.domain.ImageHeader;

/** What one image adds to the metrics, per verdict, check, reason and station. */
class QcMetricsTest {
  private static ImageHeader header(String station, Double ei, Double di) {
    return new ImageHeader(
        "1.2.840.10008.1.2.1",
        4,
        4,
        16,
        12,
        11,
        0,
        1,
        "MONOCHROME2",
        1,
        1,
        0,
        null,
        ei,
        250.0,
        di,
        station,
        null,
        "CHEST",
        "PA");
  }

  @Test
  void countsVerdictsFindingsReasonsAndStations() {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    QcMetrics m = new QcMetrics(r);
    Finding grid =
        new Finding(CheckIds.GRID_LINES, Severity.WARN, 20.0, 12.0, null, null, "grid lines");
    Finding blur = new Finding(CheckIds.BLUR, Severity.WARN, 1.0, 2.0, null, null, "blurred");
    m.inspected(
        header("dxroom1", 180.0, -4.0),
        new Analysis(
            Verdict.WARN,
            null,
            Map.of(),
            List.of(grid, blur),
            null,
            null,
            Map.of("decode", 2_000_000L, CheckIds.BLUR, 3_000_000L)),
        Duration.ofMillis(40));
    m.inspected(
        header("dxroom1", 300.0, 0.5),
        new Analysis(Verdict.WARN, null, Map.of(), List.of(blur), null, null, Map.of()),
        Duration.ofMillis(30));
    m.inspected(
        header("dxroom2", null, null),
        Analysis.notAnalysed(NotAnalysedReason.OBJECT_MISSING, "gone"),
        Duration.ofMillis(5));

    assertThat(r.get("roentgen.qc.images").tag("verdict", "WARN").counter().count()).isEqualTo(2);
    assertThat(r.get("roentgen.qc.images").tag("verdict", "NOT_ANALYSED").counter().count())
        .isEqualTo(1);
    assertThat(r.get("roentgen.qc.not_analysed").tag("reason", "OBJECT_MISSING").counter().count())
        .isEqualTo(1);
    assertThat(
            r.get("roentgen.qc.findings")
                .tags("check", CheckIds.BLUR, "severity", "WARN")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            r.get("roentgen.qc.findings")
                .tags("check", CheckIds.GRID_LINES, "station", "DXROOM1")
                .counter()
                .count())
        .as("findings by check and station (room)")
        .isEqualTo(1);
    assertThat(r.find("roentgen.qc.findings").tag("station", "DXROOM2").counters())
        .as("no finding of DXROOM2")
        .isEmpty();
    assertThat(r.get("roentgen.qc.artifact_images").tag("station", "DXROOM1").counter().count())
        .as("grid lines are an artifact, blur is not")
        .isEqualTo(1);
    assertThat(r.get("roentgen.qc.station_images").tag("station", "DXROOM1").counter().count())
        .isEqualTo(2);
    assertThat(r.get("roentgen.qc.station_images").tag("station", "DXROOM2").counter().count())
        .isEqualTo(1);
    assertThat(r.get("roentgen.qc.exposure_index").tag("station", "DXROOM1").summary().count())
        .isEqualTo(2);
    assertThat(
            r.get("roentgen.qc.exposure_index").tag("station", "DXROOM1").summary().totalAmount())
        .isEqualTo(480.0);
    assertThat(
            r.get("roentgen.qc.deviation_index_images").tags("band", "below_-3").counter().count())
        .isEqualTo(1);
    assertThat(
            r.get("roentgen.qc.deviation_index_images").tags("band", "-1_to_1").counter().count())
        .isEqualTo(1);
    assertThat(r.get("roentgen.qc.deviation_index_sum").tag("station", "DXROOM1").gauge().value())
        .isEqualTo(-3.5);
    assertThat(r.get("roentgen.qc.check").tag("check", "decode").timer().count()).isEqualTo(1);
    assertThat(r.get("roentgen.qc.processing").timer().count()).isEqualTo(3);
    assertThat(r.get("roentgen.qc.process_resident_memory").gauge().value())
        .as("resident memory of this JVM")
        .isGreaterThan(16 * 1024 * 1024);
  }

  @Test
  void deadLettersAreCountedFromZero() {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    QcMetrics m = new QcMetrics(r);
    assertThat(
            r.get("roentgen.qc.dead_letters")
                .tag("cause", QcMetrics.UNREADABLE_EVENT)
                .counter()
                .count())
        .as("there before the first dead letter, so that Prometheus sees the first increase")
        .isZero();
    m.deadLettered(QcMetrics.UNREADABLE_EVENT);
    assertThat(
            r.get("roentgen.qc.dead_letters")
                .tag("cause", QcMetrics.UNREADABLE_EVENT)
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void deviationIndexBandsFollowTheTg116ActionLevels() {
    assertThat(QcMetrics.band(-3.01)).isEqualTo("below_-3");
    assertThat(QcMetrics.band(-3.0)).isEqualTo("-3_to_-1");
    assertThat(QcMetrics.band(-1.0)).isEqualTo("-1_to_1");
    assertThat(QcMetrics.band(1.0)).isEqualTo("-1_to_1");
    assertThat(QcMetrics.band(3.0)).isEqualTo("1_to_3");
    assertThat(QcMetrics.band(3.5)).isEqualTo("above_3");
  }
}
