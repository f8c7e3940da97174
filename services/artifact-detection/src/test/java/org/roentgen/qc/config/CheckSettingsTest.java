package org.roentgen.qc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.qc.domain.CheckIds;
import org.roentgen.qc.domain.QcSettings;

/** The configuration's overrides land on the defaults, and only where a key is given. */
class CheckSettingsTest {
  private static final QcSettings DEFAULTS = QcSettings.defaults();

  record Analysis(
      OptionalDouble workingSpacingMm,
      OptionalDouble assumedSpacingMm,
      OptionalInt previewSize,
      OptionalInt baselineMinSamples,
      OptionalDouble baselineQuantile,
      OptionalDouble signalPerExposureIndex)
      implements QcConfig.Analysis {
    @Override
    public int opencvThreads() {
      return 1;
    }

    @Override
    public long maxPixelDataSize() {
      return 1 << 20;
    }
  }

  record Given(Optional<Boolean> enabled, Optional<Severity> severity, OptionalDouble threshold)
      implements QcConfig.CheckOverride {}

  private static final Analysis NO_ANALYSIS =
      new Analysis(
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty());

  @Test
  void withoutKeysTheSettingsAreTheDefaultsAndSoIsTheCheckSet() {
    QcSettings s = CheckSettings.of(DEFAULTS, NO_ANALYSIS, Map.of());
    assertThat(s).isEqualTo(DEFAULTS);
    assertThat(s.checkSet()).isEqualTo(DEFAULTS.checkSet());
  }

  @Test
  void aCheckKeyChangesThatValueOnlyAndTheCheckSet() {
    QcSettings s =
        CheckSettings.of(
            DEFAULTS,
            NO_ANALYSIS,
            Map.of(
                CheckIds.EXPOSURE_UNDER,
                new Given(Optional.empty(), Optional.empty(), OptionalDouble.of(0.07)),
                CheckIds.BLUR,
                new Given(Optional.of(false), Optional.of(Severity.FAIL), OptionalDouble.empty())));
    QcSettings.Check under = s.check(CheckIds.EXPOSURE_UNDER);
    QcSettings.Check under0 = DEFAULTS.check(CheckIds.EXPOSURE_UNDER);
    assertThat(under).isEqualTo(new QcSettings.Check(under0.enabled(), under0.severity(), 0.07));
    QcSettings.Check blur = s.check(CheckIds.BLUR);
    assertThat(blur)
        .isEqualTo(
            new QcSettings.Check(false, Severity.FAIL, DEFAULTS.check(CheckIds.BLUR).threshold()));
    for (String id : CheckIds.ALL) {
      if (!id.equals(CheckIds.EXPOSURE_UNDER) && !id.equals(CheckIds.BLUR)) {
        assertThat(s.check(id)).as(id).isEqualTo(DEFAULTS.check(id));
      }
    }
    assertThat(s.checkSet()).isNotEqualTo(DEFAULTS.checkSet()).matches("[0-9a-f]{64}");
  }

  @Test
  void analysisKeysChangeTheSpacingsPreviewAndBaselineSettings() {
    QcSettings s =
        CheckSettings.of(
            DEFAULTS,
            new Analysis(
                OptionalDouble.of(0.3),
                OptionalDouble.of(0.15),
                OptionalInt.of(256),
                OptionalInt.of(20),
                OptionalDouble.of(0.1),
                OptionalDouble.of(3e-4)),
            Map.of());
    assertThat(s.workingSpacingMm()).isEqualTo(0.3);
    assertThat(s.assumedSpacingMm()).isEqualTo(0.15);
    assertThat(s.previewSize()).isEqualTo(256);
    assertThat(s.baselineMinSamples()).isEqualTo(20);
    assertThat(s.baselineQuantile()).isEqualTo(0.1);
    assertThat(s.signalPerExposureIndex()).isEqualTo(3e-4);
    assertThat(s.checks()).isEqualTo(DEFAULTS.checks());
  }

  @Test
  void anUnknownCheckOrAnInvalidValueStopsTheStartNamingTheKey() {
    Given any = new Given(Optional.of(true), Optional.empty(), OptionalDouble.empty());
    assertThatThrownBy(() -> CheckSettings.of(DEFAULTS, NO_ANALYSIS, Map.of("blurr", any)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("qc.checks.\"blurr\"")
        .hasMessageContaining(CheckIds.FOREIGN_OBJECT);
    Given nan = new Given(Optional.empty(), Optional.empty(), OptionalDouble.of(Double.NaN));
    assertThatThrownBy(() -> CheckSettings.of(DEFAULTS, NO_ANALYSIS, Map.of(CheckIds.NOISE, nan)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("qc.checks.\"noise\"");
    Analysis tiny =
        new Analysis(
            OptionalDouble.of(-1),
            OptionalDouble.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty());
    assertThatThrownBy(() -> CheckSettings.of(DEFAULTS, tiny, Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("qc.analysis");
  }
}
