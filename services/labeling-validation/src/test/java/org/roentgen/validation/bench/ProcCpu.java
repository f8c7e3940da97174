package org.roentgen.validation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The CPU time of processes and their threads, read from {@code /proc} (proc(5)). */
final class ProcCpu {
  /** Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}). */
  private static final double CLK_TCK = Integer.getInteger("bench.clk-tck", 100);

  /** CPU seconds of a process, all its threads, and of its JIT compiler threads alone. */
  record Snapshot(double total, double jit) {
    static Snapshot of(long pid) {
      Map<String, Double> threads = byThread(pid);
      double jit =
          threads.entrySet().stream()
              .filter(e -> e.getKey().contains("CompilerThre"))
              .mapToDouble(Map.Entry::getValue)
              .sum();
      return new Snapshot(seconds(pid), jit);
    }

    Snapshot minus(Snapshot before) {
      return new Snapshot(total - before.total, jit - before.jit);
    }

    /** The JIT compilers' share of the CPU, 0 to 1. */
    double jitShare() {
      return total > 0 ? jit / total : 0;
    }
  }

  private ProcCpu() {}

  /** CPU seconds (user + system, all threads) of a process so far; 0 when it is gone. */
  static double seconds(long pid) {
    return ticks(stat(pid), false) / CLK_TCK;
  }

  /**
   * CPU seconds of a process, of its children that ended and were reaped, and of its descendants
   * still running (wlmscpfs serves each association in a child).
   */
  static double tree(long pid) {
    double s = ticks(stat(pid), true) / CLK_TCK;
    for (ProcessHandle c :
        ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
      s += seconds(c.pid());
    }
    return s;
  }

  /**
   * CPU seconds of a process's live threads, by thread name ({@code comm}, at most 15 characters)
   * with digits replaced by {@code #}, so that pools add up: the consumer, Kafka's network threads,
   * GC, the JIT compilers ({@code C# CompilerThre}).
   */
  static Map<String, Double> byThread(long pid) {
    Map<String, Double> out = new TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> s = Files.list(tasks)) {
      for (Path t : s.toList()) {
        try {
          String name = Files.readString(t.resolve("comm")).strip().replaceAll("[0-9]+", "#");
          out.merge(name, ticks(t.resolve("stat"), false) / CLK_TCK, Double::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException gone) {
      // the process ended
    }
    return out;
  }

  private static Path stat(long pid) {
    return Path.of("/proc", Long.toString(pid), "stat");
  }

  private static long ticks(Path statFile, boolean reaped) {
    try {
      String stat = Files.readString(statFile);
      // pid (comm) state ppid ...: utime, stime, cutime, cstime are fields 14 to 17 of proc(5);
      // counted from the state after the last ')' (field 3), indexes 11 to 14.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return reaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }
}
