package org.roentgen.archive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CPU time of the processes that serve the benchmark, read from {@code /proc} (proc(5)): a
 * measure that a loaded machine does not distort the way it distorts wall time. The processes come
 * from {@code bench.pids} ({@code name=pid ...}, from the script); a process counts with its live
 * descendants (PostgreSQL's backends) and its reaped children.
 */
final class ProcCpu {
  /** Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}). */
  private static final double CLK_TCK = Integer.getInteger("bench.clk-tck", 100);

  private final Map<String, Long> pids = new LinkedHashMap<>();

  ProcCpu(String spec) {
    for (String item : spec.strip().split("\\s+")) {
      int eq = item.indexOf('=');
      if (eq > 0) {
        pids.put(item.substring(0, eq), Long.parseLong(item.substring(eq + 1)));
      }
    }
  }

  /** From {@code bench.pids}. */
  static ProcCpu fromSettings() {
    return new ProcCpu(System.getProperty("bench.pids", ""));
  }

  /** CPU seconds so far, per process name (this JVM as {@code client}). */
  Map<String, Double> snapshot() {
    Map<String, Double> out = new LinkedHashMap<>();
    pids.forEach((name, pid) -> out.put(name, tree(pid)));
    out.put("client", tree(ProcessHandle.current().pid()));
    return out;
  }

  /** The CPU milliseconds per {@code unit} between two snapshots, per process name. */
  static Map<String, Double> perUnit(
      Map<String, Double> before, Map<String, Double> after, int units) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.forEach(
        (k, v) -> out.put(k, 1000 * (v - before.getOrDefault(k, 0.0)) / Math.max(1, units)));
    return out;
  }

  /** {@code name 1.2, name 3.4}. */
  static String format(Map<String, Double> ms) {
    return ms.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static double tree(long pid) {
    double s = seconds(pid);
    for (ProcessHandle d :
        ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
      s += seconds(d.pid());
    }
    return s;
  }

  /** User and system seconds of a process and its reaped children; 0 when it is gone. */
  private static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The fields after the command name, which may hold spaces and parentheses.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime, stime, cutime, cstime: fields 14-17 of proc(5), 12-15 here.
      long ticks =
          Long.parseLong(f[11])
              + Long.parseLong(f[12])
              + Long.parseLong(f[13])
              + Long.parseLong(f[14]);
      return ticks / CLK_TCK;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
