package org.roentgen.archive.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The few statistics the reports need, on values that may be missing (null). */
public final class Stats {
  private Stats() {}

  /**
   * The median of the values present (nulls are left out): the middle one of the sorted values, or
   * the mean of the two middle ones when their number is even (PostgreSQL's {@code
   * percentile_cont(0.5)}); null when no value is present.
   */
  public static Double median(Collection<Double> values) {
    List<Double> present = new ArrayList<>(values.size());
    for (Double v : values) {
      if (v != null && !v.isNaN()) {
        present.add(v);
      }
    }
    if (present.isEmpty()) {
      return null;
    }
    present.sort(null);
    int n = present.size();
    return n % 2 == 1 ? present.get(n / 2) : (present.get(n / 2 - 1) + present.get(n / 2)) / 2;
  }

  /** {@code part / whole}, or null when there is nothing to share ({@code whole == 0}). */
  public static Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
