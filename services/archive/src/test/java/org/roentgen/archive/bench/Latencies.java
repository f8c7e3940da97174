package org.roentgen.archive.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies in milliseconds and their nearest-rank percentiles. */
final class Latencies {
  private double[] ms = new double[64];
  private int n;

  synchronized void add(double millis) {
    if (n == ms.length) {
      ms = Arrays.copyOf(ms, n * 2);
    }
    ms[n++] = millis;
  }

  synchronized void addAll(Latencies other) {
    double[] o = other.sorted();
    for (double v : o) {
      add(v);
    }
  }

  synchronized int count() {
    return n;
  }

  private synchronized double[] sorted() {
    double[] s = Arrays.copyOf(ms, n);
    Arrays.sort(s);
    return s;
  }

  /** The nearest-rank percentile, {@code p} from 0 to 1; NaN when empty. */
  double percentile(double p) {
    double[] s = sorted();
    if (s.length == 0) {
      return Double.NaN;
    }
    return s[Math.max(0, (int) Math.ceil(p * s.length) - 1)];
  }

  double max() {
    return percentile(1);
  }

  /** {@code p50 p95 p99 max} with one decimal, for a table row. */
  String summary() {
    return String.format(
        Locale.ROOT,
        "%8.1f %8.1f %8.1f %8.1f",
        percentile(0.50),
        percentile(0.95),
        percentile(0.99),
        max());
  }
}
