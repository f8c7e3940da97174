package org.roentgen.archive.reports;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Labeling error rates per station and rule: of the validated instances of a station (those with a
 * validation verdict, the newest), how many have a finding of a rule with severity FAIL or WARN.
 *
 * <p>Per station a row with rule {@value #ALL} (instances with any FAIL or WARN finding) and one
 * row per rule found. In a row, {@code fail} counts the instances with a FAIL finding of the rule
 * (ALL: of any rule), {@code warn} those with a WARN finding of it and none of FAIL, {@code
 * instances} both, and {@code rate} is instances / validated. INFO findings are not errors.
 */
public final class LabelingReport {
  /** The rule of a station's total row. */
  public static final String ALL = "ALL";

  /** The columns. */
  public static final List<String> COLUMNS =
      List.of("station", "ruleId", "validated", "fail", "warn", "instances", "rate");

  /** One finding of severity FAIL or WARN of a validated instance. */
  public record Finding(String station, String sopInstanceUid, String ruleId, String severity) {}

  private LabelingReport() {}

  /**
   * The table of the validated instances per station ({@code validated}, which names every station
   * to report) and their FAIL and WARN findings (others are ignored).
   */
  public static Table table(Map<String, Long> validated, List<Finding> findings) {
    Map<String, Station> stations = new TreeMap<>(DoseReport.TEXT);
    validated.forEach((s, n) -> stations.put(s, new Station(n)));
    for (Finding f : findings) {
      boolean fail = "FAIL".equals(f.severity());
      if (!fail && !"WARN".equals(f.severity())) {
        continue;
      }
      Station s = stations.computeIfAbsent(f.station(), k -> new Station(0));
      (fail ? s.fail : s.warn).add(f.sopInstanceUid());
      Rule r = s.rules.computeIfAbsent(f.ruleId(), k -> new Rule());
      (fail ? r.fail : r.warn).add(f.sopInstanceUid());
    }
    Table.Builder t = Table.builder(COLUMNS.toArray(String[]::new));
    for (Map.Entry<String, Station> e : stations.entrySet()) {
      Station s = e.getValue();
      row(t, e.getKey(), ALL, s.validated, s.fail, s.warn);
      for (String rule : new TreeSet<>(s.rules.keySet())) {
        Rule r = s.rules.get(rule);
        row(t, e.getKey(), rule, s.validated, r.fail, r.warn);
      }
    }
    return t.build();
  }

  private static void row(
      Table.Builder t,
      String station,
      String rule,
      long validated,
      Set<String> fail,
      Set<String> warn) {
    Set<String> warnOnly = new HashSet<>(warn);
    warnOnly.removeAll(fail);
    long n = fail.size() + warnOnly.size();
    t.row(
        station,
        rule,
        validated,
        (long) fail.size(),
        (long) warnOnly.size(),
        n,
        Stats.share(n, validated));
  }

  private static final class Station {
    final long validated;
    final Set<String> fail = new HashSet<>();
    final Set<String> warn = new HashSet<>();
    final Map<String, Rule> rules = new HashMap<>();

    Station(long validated) {
      this.validated = validated;
    }
  }

  private static final class Rule {
    final Set<String> fail = new HashSet<>();
    final Set<String> warn = new HashSet<>();
  }
}
