package org.roentgen.qc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceQc.Finding;
import org.roentgen.contracts.InstanceQc.ThresholdSource;

/**
 * Thresholds turn relative once a station and protocol have history: the same clean image passes
 * against the defaults and against too short a history, and is flagged against a history of sharper
 * images (the protocol's 5th percentile), with the threshold's source saying so.
 */
class BaselineThresholdTest {
  @Test
  void blurIsJudgedAgainstTheStationsHistoryOnceItIsLongEnough() {
    Phantom p = Phantoms.make(Phantoms.CLEAN, 0, 42);
    String station = p.header().station();
    String protocol = p.header().protocol();
    QcSettings settings = QcSettings.defaults();

    Analysis byDefault =
        new QcAnalyzer(settings, Baselines.NONE).analyze(p.header(), p.pixels(), false);
    assertThat(byDefault.has(CheckIds.BLUR)).isFalse();
    double sharpness = byDefault.metrics().get("sharpness");

    InMemoryBaselines history = new InMemoryBaselines(500);
    for (int i = 0; i < settings.baselineMinSamples() - 1; i++) {
      history.record(station, protocol, "sharpness", sharpness * 1.5 + i * 0.001);
    }
    Analysis tooShort = new QcAnalyzer(settings, history).analyze(p.header(), p.pixels(), false);
    assertThat(tooShort.has(CheckIds.BLUR)).as("49 values are not yet a baseline").isFalse();

    history.record(station, protocol, "sharpness", sharpness * 1.5);
    Analysis relative = new QcAnalyzer(settings, history).analyze(p.header(), p.pixels(), false);
    Finding blur =
        relative.findings().stream()
            .filter(f -> f.checkId().equals(CheckIds.BLUR))
            .findFirst()
            .orElseThrow();
    assertThat(blur.thresholdSource()).isEqualTo(ThresholdSource.BASELINE);
    assertThat(blur.threshold()).isGreaterThan(sharpness * 1.49);
    assertThat(blur.message()).contains("this station and protocol's usual low");
  }

  @Test
  void anotherStationsHistoryDoesNotCount() {
    Phantom p = Phantoms.make(Phantoms.CLEAN, 0, 43);
    InMemoryBaselines history = new InMemoryBaselines(500);
    for (int i = 0; i < 100; i++) {
      history.record("OTHER_ROOM", p.header().protocol(), "sharpness", 10);
    }
    Analysis a =
        new QcAnalyzer(QcSettings.defaults(), history).analyze(p.header(), p.pixels(), false);
    assertThat(a.has(CheckIds.BLUR)).isFalse();
  }
}
