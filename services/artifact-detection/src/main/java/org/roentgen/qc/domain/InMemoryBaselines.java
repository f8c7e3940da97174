package org.roentgen.qc.domain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Baselines kept in memory: per station, protocol and metric the latest {@code window} values (a
 * ring), so that the baseline follows a detector as it ages. {@link #snapshot()} and {@link
 * #restore(Map)} carry the state across restarts (the service keeps it in a compacted topic).
 */
public final class InMemoryBaselines implements Baselines {
  private final int window;
  private final Map<String, Ring> rings = new ConcurrentHashMap<>();

  public InMemoryBaselines(int window) {
    if (window < 2) {
      throw new IllegalArgumentException("window must be at least 2");
    }
    this.window = window;
  }

  /** The key of a station, protocol and metric: the three joined by '|'. */
  public static String key(String station, String protocol, String metric) {
    return station + "|" + protocol + "|" + metric;
  }

  @Override
  public OptionalDouble quantile(
      String station, String protocol, String metric, double quantile, int minSamples) {
    Ring r = rings.get(key(station, protocol, metric));
    if (r == null) {
      return OptionalDouble.empty();
    }
    double[] v = r.values();
    if (v.length < minSamples) {
      return OptionalDouble.empty();
    }
    Arrays.sort(v);
    double pos = quantile * (v.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(v.length - 1, i + 1);
    return OptionalDouble.of(v[i] + (v[j] - v[i]) * (pos - i));
  }

  @Override
  public void record(String station, String protocol, String metric, double value) {
    if (Double.isFinite(value)) {
      rings.computeIfAbsent(key(station, protocol, metric), k -> new Ring(window)).add(value);
    }
  }

  /** The values per key, oldest first. */
  public Map<String, double[]> snapshot() {
    Map<String, double[]> out = new LinkedHashMap<>();
    rings.forEach((k, r) -> out.put(k, r.values()));
    return out;
  }

  /** Adds the values of a snapshot (oldest first) to the history. */
  public void restore(Map<String, double[]> snapshot) {
    snapshot.forEach(
        (k, values) -> {
          Ring r = rings.computeIfAbsent(k, x -> new Ring(window));
          for (double v : values) {
            if (Double.isFinite(v)) {
              r.add(v);
            }
          }
        });
  }

  /** The latest values of one series. */
  private static final class Ring {
    private final double[] values;
    private int next;
    private int size;

    Ring(int capacity) {
      values = new double[capacity];
    }

    synchronized void add(double v) {
      values[next] = v;
      next = (next + 1) % values.length;
      size = Math.min(size + 1, values.length);
    }

    synchronized double[] values() {
      double[] out = new double[size];
      int start = size < values.length ? 0 : next;
      for (int i = 0; i < size; i++) {
        out[i] = values[(start + i) % values.length];
      }
      return out;
    }
  }
}
