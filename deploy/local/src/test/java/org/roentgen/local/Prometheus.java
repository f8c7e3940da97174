package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.roentgen.dicom.json.Json;

/**
 * A real Prometheus (Debian's {@code prometheus}) as a child process on a free port, configured
 * from the repository's {@code deploy/prometheus}: the shipped {@code prometheus.yml} with scrape
 * and evaluation every second, and the shipped rules with every {@code for:} shortened to {@link
 * #FOR} (so a test need not wait out an alert's real pending time); everything else as shipped. Its
 * HTTP API answers queries, label values and alerts.
 */
final class Prometheus implements AutoCloseable {
  static final Path BINARY =
      Path.of(System.getProperty("roentgen.prometheus", "/usr/bin/prometheus"));
  static final Path CONFIG = LocalStack.ROOT.resolve("deploy/prometheus/prometheus.yml");
  static final Path RULES = LocalStack.ROOT.resolve("deploy/prometheus/rules");

  /** The pending time every alert rule gets here instead of its own. */
  static final String FOR = "2s";

  private static final Pattern FOR_LINE = Pattern.compile("(?m)^(\\s+)for: \\S+$");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String url;
  private final Process process;
  private final Path log;

  private Prometheus(String url, Process process, Path log) {
    this.url = url;
    this.process = process;
    this.log = log;
  }

  /** Fails with a clear message when Debian's prometheus is not installed. */
  static void assertInstalled() {
    assertThat(BINARY)
        .as("Prometheus (Debian's prometheus package; bin/test installs it)")
        .isExecutable();
  }

  /** Writes the test's configuration into {@code dir} and starts Prometheus on it. */
  static Prometheus start(Path dir) throws IOException, InterruptedException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    int ruleFiles = 0;
    try (DirectoryStream<Path> shipped = Files.newDirectoryStream(RULES, "*.yml")) {
      for (Path f : shipped) {
        String text = Files.readString(f);
        Files.writeString(
            rules.resolve(f.getFileName()), FOR_LINE.matcher(text).replaceAll("$1for: " + FOR));
        ruleFiles++;
      }
    }
    assertThat(ruleFiles).as("rule files in %s", RULES).isPositive();
    String config = Files.readString(CONFIG);
    config = replace(config, "scrape_interval: 15s", "scrape_interval: 1s");
    config = replace(config, "scrape_timeout: 10s", "scrape_timeout: 1s");
    config = replace(config, "evaluation_interval: 15s", "evaluation_interval: 1s");
    config = replace(config, "- rules/*.yml", "- " + rules + "/*.yml");
    Path configFile = dir.resolve("prometheus.yml");
    Files.writeString(configFile, config);

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Prometheus p = new Prometheus("http://127.0.0.1:" + port, process, log);
    try {
      p.awaitReady();
    } catch (Throwable t) {
      p.close();
      throw t;
    }
    return p;
  }

  private static String replace(String text, String from, String to) {
    assertThat(text).as("the shipped prometheus.yml has %s", from).contains(from);
    return text.replace(from, to);
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("prometheus ended with status %d: %s", process.exitValue(), Files.readString(log));
      }
      try {
        HttpResponse<String> r = get("/-/ready");
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail("prometheus not ready within %s: %s", READY_TIMEOUT, Files.readString(log));
  }

  /** The result vector of an instant query now: each element's labels and value. */
  List<Sample> query(String promql) throws IOException, InterruptedException {
    Map<?, ?> data = (Map<?, ?>) data("/api/v1/query?query=" + encode(promql), promql);
    assertThat(data.get("resultType")).as("the result type of %s", promql).isIn("vector", "scalar");
    List<Sample> samples = new ArrayList<>();
    if ("scalar".equals(data.get("resultType"))) {
      List<?> v = (List<?>) data.get("result");
      samples.add(new Sample(Map.of(), Double.parseDouble((String) v.get(1))));
      return samples;
    }
    for (Object o : (List<?>) data.get("result")) {
      Map<?, ?> e = (Map<?, ?>) o;
      @SuppressWarnings("unchecked")
      Map<String, String> metric = (Map<String, String>) e.get("metric");
      List<?> value = (List<?>) e.get("value");
      samples.add(new Sample(metric, Double.parseDouble((String) value.get(1))));
    }
    return samples;
  }

  /** The values of {@code label} on the series that {@code selector} matches. */
  List<String> labelValues(String label, String selector) throws IOException, InterruptedException {
    List<String> values = new ArrayList<>();
    for (Object v :
        (List<?>)
            data("/api/v1/label/" + label + "/values?match[]=" + encode(selector), selector)) {
      values.add((String) v);
    }
    return values;
  }

  /** The alerts now (pending and firing), as /api/v1/alerts lists them. */
  List<Alert> alerts() throws IOException, InterruptedException {
    List<Alert> alerts = new ArrayList<>();
    for (Object o : (List<?>) ((Map<?, ?>) data("/api/v1/alerts", "alerts")).get("alerts")) {
      Map<?, ?> a = (Map<?, ?>) o;
      @SuppressWarnings("unchecked")
      Map<String, String> labels = (Map<String, String>) a.get("labels");
      @SuppressWarnings("unchecked")
      Map<String, String> annotations = (Map<String, String>) a.get("annotations");
      alerts.add(new Alert(labels, annotations, (String) a.get("state")));
    }
    return alerts;
  }

  /** Until an alert that {@code which} accepts is firing; that alert. */
  Alert awaitFiring(String description, Predicate<Alert> which, Duration within)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<Alert> last = List.of();
    while (System.nanoTime() < deadline) {
      last = alerts();
      for (Alert a : last) {
        if (a.firing() && which.test(a)) {
          return a;
        }
      }
      Thread.sleep(1000);
    }
    return fail("no %s firing within %s; alerts: %s", description, within, last);
  }

  /** Until {@code promql} returns a sample that {@code until} accepts; the samples. */
  List<Sample> awaitQuery(String promql, Predicate<List<Sample>> until, Duration within)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<Sample> last = List.of();
    while (System.nanoTime() < deadline) {
      last = query(promql);
      if (until.test(last)) {
        return last;
      }
      Thread.sleep(1000);
    }
    return fail("%s not as expected within %s: %s", promql, within, last);
  }

  private Object data(String path, String what) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    Map<?, ?> body;
    try {
      body = (Map<?, ?>) Json.parse(r.body());
    } catch (IOException | ClassCastException e) {
      return fail("prometheus answered %s with %d %s", what, r.statusCode(), r.body());
    }
    if (r.statusCode() != 200 || !"success".equals(body.get("status"))) {
      fail("prometheus refused %s: %d %s", what, r.statusCode(), r.body());
    }
    return body.get("data");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** One element of an instant vector. */
  record Sample(Map<String, String> labels, double value) {}

  /** One alert: its labels (alertname, severity, the expression's labels) and annotations. */
  record Alert(Map<String, String> labels, Map<String, String> annotations, String state) {
    boolean firing() {
      return "firing".equals(state);
    }

    String name() {
      return labels.get("alertname");
    }
  }

  /** The regular expression Grafana makes of a multi-value variable's values: {@code (a|b)}. */
  static String regexOf(List<String> values) {
    List<String> escaped = new ArrayList<>();
    for (String v : values) {
      // Escaped for a regular expression, then for a PromQL string: \. becomes \\. in the query.
      escaped.add(v.replaceAll("([\\\\.+*?()\\[\\]{}|^$])", "\\\\\\\\$1"));
    }
    return "(" + String.join("|", escaped) + ")";
  }
}
