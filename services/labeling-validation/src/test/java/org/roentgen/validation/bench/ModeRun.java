package org.roentgen.validation.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.roentgen.stack.KafkaBroker;
import org.roentgen.validation.WorklistScp;
import org.roentgen.validation.bench.BenchEvents.Plan;

/**
 * One mode of the benchmark against the service as it ships: its own topics and consumer group, a
 * fresh service, warm-up rounds until the JIT settles, then the timed events published at once and
 * read back validated. Prints what it measured and adds {@code key value} results.
 */
final class ModeRun {
  static final int PARTITIONS = 4;
  private static final Duration STALL = Duration.ofSeconds(60);
  private static final String LOOKUPS = "roentgen_validation_worklist_lookups_total";
  private static final String LATENCY = "roentgen_validation_latency_seconds";

  /** Where the service runs: the broker, a producer on it, the worklist SCP, the service. */
  record Stack(
      KafkaBroker kafka,
      KafkaProducer<String, byte[]> producer,
      WorklistScp scp,
      Path jar,
      List<String> options,
      Path logs) {}

  private final Stack stack;
  private final Map<String, String> results;
  private final List<String> failures;

  ModeRun(Stack stack, Map<String, String> results, List<String> failures) {
    this.stack = stack;
    this.results = results;
    this.failures = failures;
  }

  /**
   * @param round warm-up instances per round
   * @param rounds warm-up rounds at most
   * @param n timed instances
   * @param ae the worklist's called AE title (one folder of wlmscpfs per mode)
   * @param extra more service configuration
   */
  void run(
      String name, Plan plan, int round, int rounds, int n, String ae, Map<String, String> extra)
      throws Exception {
    String in = "bench-received-" + name;
    String out = "bench-validated-" + name;
    createTopics(in, out);
    Map<String, String> config = new LinkedHashMap<>();
    config.put("validation.kafka.bootstrap-servers", stack.kafka().bootstrapServers());
    config.put("validation.kafka.input-topic", in);
    config.put("validation.kafka.output-topic", out);
    config.put("validation.kafka.group-id", "bench-" + name + "-" + ProcessHandle.current().pid());
    config.put("validation.worklist.host", stack.scp().host());
    config.put("validation.worklist.port", Integer.toString(stack.scp().port()));
    config.put("validation.worklist.called-ae-title", ae);
    config.putAll(extra);
    System.out.printf(
        "%n== %s: %d instances, orders for %d accession numbers (worklist folder %s), %s%n",
        name,
        n,
        plan.orders(),
        ae,
        extra.isEmpty() ? "worklist cache at its defaults" : "worklist cache off " + extra);
    // "{mode}" in the service's options becomes the mode's name (e.g. a JFR file per mode).
    List<String> options = stack.options().stream().map(o -> o.replace("{mode}", name)).toList();
    Path log = stack.logs().resolve("service-" + name + ".log");
    try (ServiceProcess svc =
            ServiceProcess.start(stack.jar(), options, config, WorklistScp.freePort(), log);
        OutputReader reader = new OutputReader(stack.kafka().bootstrapServers(), out, PARTITIONS)) {
      int[] sent = {0};
      String warm =
          ValidationBench.warmUp(
              rounds,
              i -> {
                ProcCpu.Snapshot before = svc.cpu();
                publish(plan.records(in, sent[0], sent[0] + round));
                sent[0] += round;
                reader.await(sent[0], STALL, svc::isAlive);
                return svc.cpu().minus(before);
              });
      System.out.printf(
          "   warm-up: rounds of %d, JIT compilers' share of each: %s%n", round, warm);
      List<ProducerRecord<String, byte[]>> timed = plan.records(in, sent[0], sent[0] + n);
      String m0 = svc.metrics();
      Map<String, Double> threads0 = ProcCpu.byThread(svc.pid());
      double[] cpu0 = cpu(svc);
      long t0 = System.nanoTime();
      publish(timed);
      long published = System.nanoTime();
      long t1 = reader.await(sent[0] + n, STALL, svc::isAlive);
      double[] cpu1 = cpu(svc);
      Map<String, Double> threads1 = ProcCpu.byThread(svc.pid());
      String m1 = svc.metrics();
      Thread.sleep(1000); // a duplicate would arrive now
      double wall = (t1 - t0) / 1e9;
      double service = cpu1[0] - cpu0[0];
      System.out.printf(
          "   wall %.2f s (first publish to the last validated event read back; publishing took"
              + " %.2f s): %.0f instances/s%n",
          wall, (published - t0) / 1e9, n / wall);
      System.out.printf(
          "   CPU seconds in that time: service %.2f, Kafka broker %.2f, wlmscpfs %.2f, this"
              + " driver %.2f (publisher, reader)%n",
          service, cpu1[1] - cpu0[1], cpu1[2] - cpu0[2], cpu1[3] - cpu0[3]);
      System.out.printf(
          "   per core: %.0f instances per CPU-second of the service (the whole JVM: consumer,"
              + " validation, Kafka client, GC, JIT)%n",
          n / service);
      System.out.printf(
          "   the service's CPU seconds by thread: %s%n", threads(threads0, threads1));
      double latencyMs =
          1000 * delta(m0, m1, LATENCY + "_sum", null) / delta(m0, m1, LATENCY + "_count", null);
      double queried = delta(m0, m1, LOOKUPS, "result=\"queried\"");
      System.out.printf(
          "   service's mean %s: %.3f ms (validate, encode, hand to the producer; decoding not"
              + " included)%n   worklist lookups: %.0f cached, %.0f queried (C-FIND), %.0f"
              + " unavailable%n",
          LATENCY,
          latencyMs,
          delta(m0, m1, LOOKUPS, "result=\"cached\""),
          queried,
          delta(m0, m1, LOOKUPS, "result=\"unavailable\""));
      put(name + ".instances", n);
      put(name + ".wall_s", wall);
      put(name + ".per_s", n / wall);
      put(name + ".service_cpu_s", service);
      put(name + ".per_cpu_s", n / service);
      put(name + ".kafka_cpu_s", cpu1[1] - cpu0[1]);
      put(name + ".wlmscpfs_cpu_s", cpu1[2] - cpu0[2]);
      put(name + ".latency_ms", latencyMs);
      put(name + ".queried", queried);
      for (String p : BenchEvents.problems(reader.records(), sent[0] + n)) {
        failures.add(name + ": " + p);
      }
    }
  }

  /** The CPU in the window by thread name, largest first, those of 1% or more. */
  private static String threads(Map<String, Double> before, Map<String, Double> after) {
    double all = after.values().stream().mapToDouble(Double::doubleValue).sum();
    all -= before.values().stream().mapToDouble(Double::doubleValue).sum();
    double total = all;
    List<String> parts = new ArrayList<>();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
        .filter(e -> e.getValue() >= 0.01 * total)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> parts.add(String.format("%s %.2f", e.getKey(), e.getValue())));
    return String.join(", ", parts);
  }

  private static double delta(String before, String after, String metric, String labels) {
    return ServiceProcess.metric(after, metric, labels)
        - ServiceProcess.metric(before, metric, labels);
  }

  /** CPU seconds so far: the service, Kafka, wlmscpfs with its children, this driver. */
  private double[] cpu(ServiceProcess svc) {
    long wlm =
        ProcessHandle.current()
            .children()
            .filter(p -> p.info().command().orElse("").endsWith("wlmscpfs"))
            .findFirst()
            .map(ProcessHandle::pid)
            .orElse(-1L);
    return new double[] {
      ProcCpu.seconds(svc.pid()),
      ProcCpu.seconds(stack.kafka().pid().orElse(-1)),
      ProcCpu.tree(wlm),
      ProcCpu.seconds(ProcessHandle.current().pid())
    };
  }

  private void publish(List<ProducerRecord<String, byte[]>> records) throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    for (ProducerRecord<String, byte[]> r : records) {
      sent.add(stack.producer().send(r));
    }
    stack.producer().flush();
    for (Future<RecordMetadata> f : sent) {
      f.get(60, TimeUnit.SECONDS);
    }
  }

  private void createTopics(String... names) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      List<NewTopic> topics = new ArrayList<>();
      for (String n : names) {
        topics.add(new NewTopic(n, PARTITIONS, (short) 1));
      }
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }
  }

  private void put(String key, double value) {
    results.put(key, String.format("%.3f", value));
  }
}
