package org.roentgen.qc.domain;

import java.util.OptionalDouble;

/**
 * The history of a metric per station and protocol (body part and view), from which thresholds
 * become relative once there is enough of it: e.g. sharpness below the protocol's 5th percentile.
 * Implementations are thread-safe.
 */
public interface Baselines {
  /**
   * The {@code quantile} (0..1) of the metric's history for the station and protocol, when it holds
   * at least {@code minSamples} values; else empty.
   */
  OptionalDouble quantile(
      String station, String protocol, String metric, double quantile, int minSamples);

  /** Adds one measured value to the history. */
  void record(String station, String protocol, String metric, double value);

  /** No history at all: every threshold stays at its default. */
  Baselines NONE =
      new Baselines() {
        @Override
        public OptionalDouble quantile(
            String station, String protocol, String metric, double quantile, int minSamples) {
          return OptionalDouble.empty();
        }

        @Override
        public void record(String station, String protocol, String metric, double value) {}
      };
}
