package org.roentgen.qc.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.roentgen.contracts.InstanceValidated.Severity;

/**
 * The checks' settings: one threshold, severity and switch per check (see {@link CheckIds} and the
 * service README for each threshold's unit and meaning), the working pixel spacing, and when a
 * station and protocol's history replaces the default thresholds.
 *
 * @param workingSpacingMm the pixel spacing every image is resampled to before the checks that
 *     measure structure (exposure, blur, noise, foreign objects), so that thresholds mean the same
 *     on every detector
 * @param assumedSpacingMm the spacing taken when the header has neither PixelSpacing nor
 *     ImagerPixelSpacing
 * @param previewSize the longer side of the preview PNG, in pixels
 * @param baselineMinSamples the history a station and protocol needs before its thresholds become
 *     relative
 * @param baselineQuantile the quantile of the history a low-is-bad metric (sharpness) is compared
 *     with; a high-is-bad metric (noise) uses 1 - this
 * @param signalPerExposureIndex the detector's calibration: median anatomy signal (share of the
 *     detector range) per unit of exposure index, used by exposure.index-mismatch until the station
 *     has history
 */
public record QcSettings(
    double workingSpacingMm,
    double assumedSpacingMm,
    int previewSize,
    int baselineMinSamples,
    double baselineQuantile,
    double signalPerExposureIndex,
    Map<String, Check> checks) {

  /** One check's switch, severity and threshold. */
  public record Check(boolean enabled, Severity severity, double threshold) {
    public Check {
      Objects.requireNonNull(severity, "severity");
      if (!Double.isFinite(threshold)) {
        throw new IllegalArgumentException("threshold must be a number");
      }
    }
  }

  public QcSettings {
    if (!(workingSpacingMm > 0) || !(assumedSpacingMm > 0)) {
      throw new IllegalArgumentException("pixel spacings must be above 0 mm");
    }
    if (previewSize < 16) {
      throw new IllegalArgumentException("previewSize must be at least 16");
    }
    if (baselineMinSamples < 1 || !(baselineQuantile > 0 && baselineQuantile < 0.5)) {
      throw new IllegalArgumentException(
          "baselineMinSamples must be at least 1 and baselineQuantile within (0, 0.5)");
    }
    if (!(signalPerExposureIndex > 0)) {
      throw new IllegalArgumentException("signalPerExposureIndex must be above 0");
    }
    Map<String, Check> copy = new LinkedHashMap<>();
    for (String id : CheckIds.ALL) {
      Check c = checks.get(id);
      if (c == null) {
        throw new IllegalArgumentException("no settings for check " + id);
      }
      copy.put(id, c);
    }
    for (String id : checks.keySet()) {
      if (!CheckIds.ALL.contains(id)) {
        throw new IllegalArgumentException(
            "unknown check " + id + "; the checks are " + CheckIds.ALL);
      }
    }
    checks = java.util.Collections.unmodifiableMap(copy);
  }

  /** The documented defaults (services/artifact-detection/README.md). */
  public static QcSettings defaults() {
    Map<String, Check> c = new LinkedHashMap<>();
    c.put(CheckIds.BLANK, new Check(true, Severity.FAIL, 0.15));
    c.put(CheckIds.INVERTED, new Check(true, Severity.FAIL, 0.65));
    c.put(CheckIds.EXPOSURE_UNDER, new Check(true, Severity.WARN, 0.04));
    c.put(CheckIds.EXPOSURE_OVER, new Check(true, Severity.WARN, 0.20));
    c.put(CheckIds.EXPOSURE_INDEX_MISMATCH, new Check(true, Severity.WARN, 3.0));
    c.put(CheckIds.SATURATION, new Check(true, Severity.WARN, 0.005));
    c.put(CheckIds.BLUR, new Check(true, Severity.WARN, 1.5));
    c.put(CheckIds.NOISE, new Check(true, Severity.WARN, 0.05));
    c.put(CheckIds.GRID_LINES, new Check(true, Severity.WARN, 20.0));
    c.put(CheckIds.DETECTOR_DEFECT, new Check(true, Severity.WARN, 5.0));
    c.put(CheckIds.FOREIGN_OBJECT, new Check(true, Severity.WARN, 2.5));
    return new QcSettings(0.2, 0.2, 512, 50, 0.05, 2.2e-4, c);
  }

  /** One check's settings. */
  public Check check(String id) {
    Check c = checks.get(id);
    if (c == null) {
      throw new IllegalArgumentException("unknown check " + id);
    }
    return c;
  }

  /** A copy with one check's settings replaced. */
  public QcSettings with(String id, Check check) {
    Map<String, Check> c = new LinkedHashMap<>(checks);
    c.put(id, check);
    return new QcSettings(
        workingSpacingMm,
        assumedSpacingMm,
        previewSize,
        baselineMinSamples,
        baselineQuantile,
        signalPerExposureIndex,
        c);
  }

  /** SHA-256 (hex) of these settings' canonical text: the qc block's checkSet. */
  public String checkSet() {
    StringBuilder s = new StringBuilder();
    s.append("workingSpacingMm=").append(workingSpacingMm).append('\n');
    s.append("assumedSpacingMm=").append(assumedSpacingMm).append('\n');
    s.append("previewSize=").append(previewSize).append('\n');
    s.append("baselineMinSamples=").append(baselineMinSamples).append('\n');
    s.append("baselineQuantile=").append(baselineQuantile).append('\n');
    s.append("signalPerExposureIndex=").append(signalPerExposureIndex).append('\n');
    for (Map.Entry<String, Check> e : new TreeMap<>(checks).entrySet()) {
      Check c = e.getValue();
      s.append(e.getKey())
          .append('=')
          .append(c.enabled())
          .append(',')
          .append(c.severity())
          .append(',')
          .append(c.threshold())
          .append('\n');
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
