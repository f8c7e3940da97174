package org.roentgen.qc.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.roentgen.contracts.InstanceQc.Box;
import org.roentgen.contracts.InstanceQc.Finding;
import org.roentgen.contracts.InstanceQc.ThresholdSource;

/**
 * What the checks of one image collect: metrics, findings and time per check; and the thresholds
 * each check compares with, from the settings or, once the station and protocol have history, from
 * their baseline.
 */
final class Results {
  final Map<String, Double> metrics = new TreeMap<>();
  final List<Finding> findings = new ArrayList<>();
  final Map<String, Long> nanos = new LinkedHashMap<>();
  private final QcSettings settings;
  private final Baselines baselines;
  private final String station;
  private final String protocol;

  Results(QcSettings settings, Baselines baselines, String station, String protocol) {
    this.settings = settings;
    this.baselines = baselines;
    this.station = station;
    this.protocol = protocol;
  }

  boolean enabled(String checkId) {
    return settings.check(checkId).enabled();
  }

  void metric(String name, double value) {
    if (Double.isFinite(value)) {
      metrics.put(name, round(value));
    }
  }

  void time(String checkId, long startNanos) {
    nanos.merge(checkId, System.nanoTime() - startNanos, Long::sum);
  }

  /** A finding of the check at its configured severity. */
  void finding(
      String checkId,
      double score,
      double threshold,
      ThresholdSource source,
      Box box,
      String message) {
    findings.add(
        new Finding(
            checkId,
            settings.check(checkId).severity(),
            Double.isFinite(score) ? round(score) : null,
            Double.isFinite(threshold) ? round(threshold) : null,
            source,
            box,
            message));
  }

  /** The detector calibration the exposure index is checked against. */
  double signalPerExposureIndex() {
    return settings.signalPerExposureIndex();
  }

  /** The check's threshold: the configured default. */
  double threshold(String checkId) {
    return settings.check(checkId).threshold();
  }

  /**
   * The threshold for a metric where low is bad (sharpness): the station and protocol's low
   * quantile once they have enough history, else the default.
   */
  Threshold lowIsBad(String checkId, String metric) {
    OptionalDouble q =
        baselines.quantile(
            station, protocol, metric, settings.baselineQuantile(), settings.baselineMinSamples());
    return q.isPresent()
        ? new Threshold(q.getAsDouble(), ThresholdSource.BASELINE)
        : new Threshold(threshold(checkId), ThresholdSource.DEFAULT);
  }

  /** As {@link #lowIsBad}, for a metric where high is bad (noise): the high quantile. */
  Threshold highIsBad(String checkId, String metric) {
    OptionalDouble q =
        baselines.quantile(
            station,
            protocol,
            metric,
            1 - settings.baselineQuantile(),
            settings.baselineMinSamples());
    return q.isPresent()
        ? new Threshold(q.getAsDouble(), ThresholdSource.BASELINE)
        : new Threshold(threshold(checkId), ThresholdSource.DEFAULT);
  }

  /** The median of a metric's history for the station and protocol, when there is enough. */
  OptionalDouble baselineMedian(String metric) {
    return baselines.quantile(station, protocol, metric, 0.5, settings.baselineMinSamples());
  }

  record Threshold(double value, ThresholdSource source) {}

  /** Six significant digits: enough for every metric, and stable JSON. */
  static double round(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return v;
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
  }
}
