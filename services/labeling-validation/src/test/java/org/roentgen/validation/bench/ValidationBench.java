package org.roentgen.validation.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.stack.KafkaBroker;
import org.roentgen.validation.WorklistFiles;
import org.roentgen.validation.WorklistScp;
import org.roentgen.validation.bench.BenchEvents.Plan;

/**
 * The driver of {@code bench/validation-throughput.sh} (issue 4): labeling-validation's throughput
 * with worklist lookups cached and uncached ({@link ModeRun}), on a real Kafka broker and DCMTK's
 * {@code wlmscpfs}, the service running as shipped in a child JVM; its handler alone ({@link
 * HandlerAlone}); and the Part 10 files for the peer, dciodvfy, which the script runs. Test code,
 * run on demand, never by {@code mvn verify}. Settings are system properties {@code bench.*} (the
 * script documents them); results go to stdout and, as {@code key value} lines, to {@code
 * bench.results}. Exit status 1 when a mode does not validate every instance exactly once, PASS
 * with its order MATCHED.
 */
public final class ValidationBench {
  /** Warm-up ends once the JIT compilers take less than this share of a round's CPU. */
  static final double JIT_SETTLED = 0.10;

  private final Path work = Path.of(System.getProperty("bench.work", "target/bench"));
  private final List<String> modes =
      List.of(System.getProperty("bench.modes", "handler cached uncached").strip().split("\\s+"));
  private final int count = Integer.getInteger("bench.count", 20_000);
  private final int warm = Integer.getInteger("bench.warm", 10_000);
  private final int uncachedCount = Integer.getInteger("bench.uncached-count", 2_000);
  private final int uncachedWarm = Integer.getInteger("bench.uncached-warm", 2_000);
  private final int rounds = Integer.getInteger("bench.warm-rounds", 6);
  private final int orders = Integer.getInteger("bench.orders", 50);
  private final int uncachedOrders = Integer.getInteger("bench.uncached-orders", 50);
  private final int peerCount = Integer.getInteger("bench.peer-count", 200);
  private final Path jar =
      Path.of(
          System.getProperty(
              "bench.service-jar",
              "services/labeling-validation/target/quarkus-app/quarkus-run.jar"));
  private final Map<String, String> results = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();

  private ValidationBench() {}

  public static void main(String[] args) throws Exception {
    System.exit(new ValidationBench().run());
  }

  /** One warm-up round: the CPU it took. */
  interface Round {
    ProcCpu.Snapshot run(int i) throws Exception;
  }

  /**
   * Runs warm-up rounds until the JIT compilers took less than {@link #JIT_SETTLED} of a round's
   * CPU, {@code max} rounds at most; returns their shares, in percent.
   */
  static String warmUp(int max, Round round) throws Exception {
    List<String> shares = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      double share = round.run(i).jitShare();
      shares.add(String.format("%.0f%%", 100 * share));
      if (share < JIT_SETTLED) {
        break;
      }
    }
    return String.join(" ", shares);
  }

  private int run() throws Exception {
    Files.createDirectories(work.resolve("logs"));
    // The orders are numbered 1... (cached) and 50001... (uncached): 5 digits in the accession.
    Plan cached = new Plan("1", orders, 1);
    int perInstance = rounds * uncachedWarm + uncachedCount;
    Plan uncached = new Plan("2", uncachedOrders == 0 ? perInstance : uncachedOrders, 50_001);
    if (orders > 49_999 || uncached.orders() > 49_999) {
      throw new IllegalArgumentException("at most 49,999 orders per mode");
    }
    Path peer = Files.createDirectories(work.resolve("peer"));
    cached.writeFiles(peer, 0, peerCount);
    System.out.printf(
        "wrote %d of the cached mode's images as Part 10 files for dciodvfy%n", peerCount);
    if (modes.contains("handler")) {
      handlerAlone(cached);
    }
    if (!modes.contains("cached") && !modes.contains("uncached")) {
      return finish();
    }
    try (KafkaBroker kafka =
        KafkaBroker.builder()
            .dataDir(work.resolve("kafka"))
            .partitions(ModeRun.PARTITIONS)
            .build()) {
      kafka.start();
      Path data = work.resolve("worklist");
      WorklistFiles cachedFiles = new WorklistFiles(data, "WL_CACHED");
      WorklistFiles uncachedFiles = new WorklistFiles(data, "WL_UNCACHED");
      cached.writeWorklist(cachedFiles);
      uncached.writeWorklist(uncachedFiles);
      List<String> options = new ArrayList<>(List.of("-Xmx512m"));
      String extra = System.getProperty("bench.service-opts", "").strip();
      if (!extra.isEmpty()) {
        options.addAll(Arrays.asList(extra.split("\\s+")));
      }
      try (KafkaProducer<String, byte[]> producer =
              new KafkaProducer<>(
                  ProducerSettings.durable(
                      kafka.bootstrapServers(), "bench-publisher", Duration.ofSeconds(60)));
          WorklistScp scp = WorklistScp.start(cachedFiles, work.resolve("logs/wlmscpfs.log"))) {
        System.out.printf(
            "%nKafka %s (input and output topics of %d partitions), wlmscpfs on port %d%n",
            kafka.bootstrapServers(), ModeRun.PARTITIONS, scp.port());
        ModeRun mode =
            new ModeRun(
                new ModeRun.Stack(kafka, producer, scp, jar, options, work.resolve("logs")),
                results,
                failures);
        if (modes.contains("cached")) {
          mode.run("cached", cached, warm, rounds, count, "WL_CACHED", Map.of());
        }
        if (modes.contains("uncached")) {
          mode.run(
              "uncached",
              uncached,
              uncachedWarm,
              rounds,
              uncachedCount,
              "WL_UNCACHED",
              Map.of(
                  "validation.worklist.cache-ttl", "0s",
                  "validation.worklist.cache-negative-ttl", "0s"));
        }
      }
    }
    return finish();
  }

  private int finish() throws Exception {
    StringBuilder out = new StringBuilder();
    results.forEach((key, v) -> out.append(key).append(' ').append(v).append('\n'));
    Files.writeString(Path.of(System.getProperty("bench.results", "bench.results")), out);
    failures.forEach(f -> System.out.println("FAILED: " + f));
    return failures.isEmpty() ? 0 : 1;
  }

  private void handlerAlone(Plan plan) throws Exception {
    HandlerAlone h = new HandlerAlone(plan.steps());
    int[] next = {0};
    String shares =
        warmUp(
            rounds,
            i -> {
              HandlerAlone.Result r = h.run(plan.records("bench-handler", next[0], next[0] + warm));
              next[0] += warm;
              return r.process();
            });
    HandlerAlone.Result r = h.run(plan.records("bench-handler", next[0], next[0] + count));
    System.out.printf(
        "%n== handler alone: %d instances through ReceivedHandler in this JVM, one thread, Kafka"
            + " replaced by MockProducer,%n   orders from memory through CachingWorklist%n"
            + "   warm-up: rounds of %d, JIT compilers' share of each: %s%n",
        r.instances(), warm, shares);
    double cpu = r.process().total();
    System.out.printf(
        "   wall %.2f s: %.0f instances/s; CPU %.2f s of this process (all threads; JIT compilers"
            + " %.2f), %.2f s of the handling thread%n   per core: %.0f instances per CPU-second"
            + " (process), %.0f (thread): %.1f us per instance%n",
        r.wallSeconds(),
        r.instances() / r.wallSeconds(),
        cpu,
        r.process().jit(),
        r.threadCpu(),
        r.instances() / cpu,
        r.instances() / r.threadCpu(),
        1e6 * r.threadCpu() / r.instances());
    put("handler.instances", r.instances());
    put("handler.per_s", r.instances() / r.wallSeconds());
    put("handler.per_cpu_s", r.instances() / cpu);
    put("handler.thread_us", 1e6 * r.threadCpu() / r.instances());
  }

  private void put(String key, double value) {
    results.put(key, String.format("%.3f", value));
  }
}
