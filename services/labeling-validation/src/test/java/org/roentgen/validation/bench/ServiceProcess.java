package org.roentgen.validation.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * labeling-validation as it ships ({@code quarkus-run.jar}) in a child JVM, configured by system
 * properties.
 */
final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int httpPort;
  private final Path log;

  private ServiceProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  /** Starts the service and waits until {@code /q/health/ready} says UP. */
  static ServiceProcess start(
      Path jar, List<String> jvmOptions, Map<String, String> config, int httpPort, Path log)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-Dquarkus.http.port=" + httpPort);
    cmd.addAll(List.of("-jar", jar.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    ServiceProcess s = new ServiceProcess(p, httpPort, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!s.ready()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        s.close();
        throw new IllegalStateException(
            "labeling-validation did not become ready; its log " + log + ":\n" + s.logTail());
      }
      Thread.sleep(200);
    }
    return s;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** CPU seconds so far: all the service's threads, and its JIT compilers'. */
  ProcCpu.Snapshot cpu() {
    return ProcCpu.Snapshot.of(process.pid());
  }

  /** Its Prometheus metrics. */
  String metrics() throws IOException, InterruptedException {
    return get("/q/metrics").body();
  }

  private boolean ready() {
    try {
      HttpResponse<String> r = get("/q/health/ready");
      return r.statusCode() == 200 && r.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ")";
    }
  }

  /** SIGTERM (graceful: the consumer commits), then SIGKILL after 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The sum of every sample of {@code metric} whose labels contain {@code labels} (or any). */
  static double metric(String text, String metric, String labels) {
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
        String head = line.substring(0, line.lastIndexOf(' '));
        if (labels == null || head.contains(labels)) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }
}
