package org.roentgen.qc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;
import org.roentgen.contracts.InstanceQc.Verdict;
import org.roentgen.qc.domain.Analysis;
import org.roentgen.qc.domain.ImageHeader;
import org.roentgen.qc.storage.PersistedBaselines;

/** The three baseline metrics go to the image's station and protocol, once per image. */
class BaselineRecorderTest {
  static ImageHeader header(String station, String serial, String bodyPart, String view) {
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
        null,
        null,
        null,
        station,
        serial,
        bodyPart,
        view);
  }

  static Analysis analysis(Map<String, Double> metrics) {
    return new Analysis(Verdict.PASS, null, metrics, List.of(), null, null, Map.of());
  }

  @Test
  void recordsTheBaselineMetricsOncePerImage() {
    PersistedBaselines b = new PersistedBaselines(10);
    BaselineRecorder r = new BaselineRecorder(b);
    Analysis a =
        analysis(
            Map.of(
                "sharpness", 3.5,
                "noise.relative-sigma", 0.02,
                "exposure.signal-median", 1200.0,
                "exposure.clipped-fraction", 0.1));
    r.record("1.2.3.1", header("DXROOM1", null, "chest", "PA"), a);
    r.record("1.2.3.1", header("DXROOM1", null, "chest", "PA"), a);
    r.record("1.2.3.2", header(null, "SN-77", null, "AP"), analysis(Map.of("sharpness", 2.0)));
    assertThat(b.snapshot())
        .containsOnlyKeys(
            "DXROOM1|CHEST/PA|sharpness",
            "DXROOM1|CHEST/PA|noise.relative-sigma",
            "DXROOM1|CHEST/PA|exposure.signal-median",
            "SN-77|-/AP|sharpness");
    assertThat(b.snapshot().get("DXROOM1|CHEST/PA|sharpness"))
        .as("a redelivered image is not counted twice")
        .containsExactly(3.5);
  }

  @Test
  void anImageNotAnalysedRecordsNothing() {
    PersistedBaselines b = new PersistedBaselines(10);
    new BaselineRecorder(b)
        .record(
            "1.2.3.3",
            header("DXROOM1", null, "CHEST", "PA"),
            Analysis.notAnalysed(NotAnalysedReason.DECODE_FAILED, "broken"));
    assertThat(b.snapshot()).isEmpty();
  }
}
