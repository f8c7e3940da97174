package org.roentgen.ingest.it;

import java.io.IOException;
import java.net.ServerSocket;
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

/**
 * The packaged ingest (the Quarkus fast-jar built in {@code package}) as its own process, so a test
 * can kill it (SIGKILL) and start it again on the same ports and spool.
 */
final class IngestProcess implements AutoCloseable {
  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  private final Map<String, String> config;
  private final Path log;
  private final String maxHeap;
  private final int dicomPort;
  private final int httpPort;
  private Process process;

  IngestProcess(Map<String, String> config, Path log) throws IOException {
    this(config, log, "512m");
  }

  /**
   * @param maxHeap the JVM's -Xmx, e.g. 256m
   */
  IngestProcess(Map<String, String> config, Path log, String maxHeap) throws IOException {
    this.maxHeap = maxHeap;
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: the IT runs after package");
    }
    this.config = config;
    this.log = log;
    this.dicomPort = freePort();
    this.httpPort = freePort();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  int dicomPort() {
    return dicomPort;
  }

  int httpPort() {
    return httpPort;
  }

  /** Starts and waits until the DICOM port is served (liveness UP). */
  void start() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx" + maxHeap);
    cmd.add("-Dingest.dicom.port=" + dicomPort);
    cmd.add("-Dquarkus.http.port=" + httpPort);
    config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-jar");
    cmd.add(JAR.toString());
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ingest exited at start:\n" + tail());
      }
      if (health("live") == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("ingest not live after 90 s:\n" + tail());
  }

  /** The HTTP status of /q/health/{kind}, or -1 when nothing answers. */
  int health(String kind) {
    try {
      HttpResponse<Void> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + httpPort + "/q/health/" + kind))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return r.statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The Prometheus text of /q/metrics. */
  String metrics() throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** SIGKILL: no shutdown hook, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }
}
