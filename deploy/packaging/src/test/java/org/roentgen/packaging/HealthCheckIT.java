package org.roentgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The images' HEALTHCHECK command, run here by bash as Docker would run it in a container, against
 * an HTTP server standing in for the service's /q/health/ready.
 */
class HealthCheckIT {
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicReference<String> asked = new AtomicReference<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          asked.set(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          byte[] body = "{\"status\": \"UP\"}".getBytes();
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void healthyOnlyWhenReadinessAnswers200() throws Exception {
    List<String> command = command();
    int port = server.getAddress().getPort();

    assertThat(run(command, port)).isZero();
    assertThat(asked.get()).isEqualTo("GET /q/health/ready");

    status.set(503); // SmallRye Health: not ready
    assertThat(run(command, port)).isNotZero();

    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    assertThat(run(command, closed)).isNotZero();
  }

  /** The HEALTHCHECK's CMD (exec form), the same in every image (the jvm stage's). */
  private static List<String> command() {
    String healthcheck = DockerfileTest.DOCKERFILE.image("ingest").healthcheck().orElseThrow();
    for (String service : HelmChartTest.SERVICES) {
      assertThat(DockerfileTest.DOCKERFILE.image(service).healthcheck()).hasValue(healthcheck);
    }
    String exec = healthcheck.substring(healthcheck.indexOf("CMD ") + 4);
    JsonNode array = JsonMapper.builder().build().readTree(exec);
    List<String> command = new ArrayList<>();
    array.forEach(a -> command.add(a.asString()));
    assertThat(command.get(0)).isEqualTo("bash");
    return command;
  }

  private static int run(List<String> command, int port) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    Process process = builder.start();
    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the health check did not end: " + command);
    }
    return process.exitValue();
  }
}
