package org.roentgen.local;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more instance of a consuming service beside the stack's, started the way an operator does:
 * {@code bin/roentgen instance SERVICE --http-port PORT --name NAME}, whose process becomes the
 * service's JVM (so {@link #kill} is a SIGKILL of the service itself).
 */
final class ServiceInstance implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  final String service;
  final int port;
  final Path log;
  private final Process process;

  private ServiceInstance(String service, int port, Path log, Process process) {
    this.service = service;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts it on the stack of {@code data}, its output to {@code logs/SERVICE-PORT.log}. */
  static ServiceInstance start(
      Path data, Path logs, String service, int port, String name, Map<String, String> env)
      throws IOException {
    Path log = logs.resolve(service + "-" + port + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                LocalStack.SCRIPT.toString(),
                "instance",
                service,
                "--http-port",
                Integer.toString(port),
                "--name",
                name,
                "--data",
                data.toString())
            .directory(LocalStack.ROOT.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ServiceInstance(service, port, log, builder.start());
  }

  /** Until {@code /q/health/ready} answers 200; fails with the log when it ends or times out. */
  void awaitReady(Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(3))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("the second %s ended (status %d):%n%s", service, process.exitValue(), tail());
      }
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(300);
    }
    fail("the second %s is not ready after %s:%n%s", service, within, tail());
  }

  /** SIGKILL, as a crash or an OOM killer would: no shutdown hook, no last commit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      fail("the second %s (pid %d) outlived SIGKILL", service, process.pid());
    }
  }

  String tail() throws IOException {
    String text = LocalStack.read(log);
    return text.substring(Math.max(0, text.length() - 4000));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
