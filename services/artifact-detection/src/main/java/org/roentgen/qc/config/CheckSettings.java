package org.roentgen.qc.config;

import java.util.Map;
import java.util.TreeSet;
import org.roentgen.qc.domain.CheckIds;
import org.roentgen.qc.domain.QcSettings;

/**
 * The checks' settings in force: {@link QcSettings#defaults()} with what the configuration
 * overrides ({@code qc.analysis.*} spacings, preview size, baseline settings and the exposure index
 * calibration; {@code qc.checks."<id>".enabled|severity|threshold}). A key that is absent keeps its
 * default.
 */
public final class CheckSettings {
  private CheckSettings() {}

  /**
   * The defaults with the overrides applied.
   *
   * @throws IllegalStateException naming the key, for an unknown check id or a value the checks
   *     refuse (the service does not start)
   */
  public static QcSettings of(
      QcSettings defaults, QcConfig.Analysis analysis, Map<String, QcConfig.CheckOverride> checks) {
    QcSettings s;
    try {
      s =
          new QcSettings(
              analysis.workingSpacingMm().orElse(defaults.workingSpacingMm()),
              analysis.assumedSpacingMm().orElse(defaults.assumedSpacingMm()),
              analysis.previewSize().orElse(defaults.previewSize()),
              analysis.baselineMinSamples().orElse(defaults.baselineMinSamples()),
              analysis.baselineQuantile().orElse(defaults.baselineQuantile()),
              analysis.signalPerExposureIndex().orElse(defaults.signalPerExposureIndex()),
              defaults.checks());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("invalid qc.analysis setting: " + e.getMessage(), e);
    }
    for (Map.Entry<String, QcConfig.CheckOverride> e : new java.util.TreeMap<>(checks).entrySet()) {
      String id = e.getKey();
      if (!CheckIds.ALL.contains(id)) {
        throw new IllegalStateException(
            "qc.checks.\""
                + id
                + "\": no such check; the checks are "
                + new TreeSet<>(CheckIds.ALL));
      }
      QcConfig.CheckOverride o = e.getValue();
      QcSettings.Check d = s.check(id);
      try {
        s =
            s.with(
                id,
                new QcSettings.Check(
                    o.enabled().orElse(d.enabled()),
                    o.severity().orElse(d.severity()),
                    o.threshold().orElse(d.threshold())));
      } catch (IllegalArgumentException ex) {
        throw new IllegalStateException("qc.checks.\"" + id + "\": " + ex.getMessage(), ex);
      }
    }
    return s;
  }
}
