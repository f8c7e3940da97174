package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.roentgen.dicom.testkit.Processes;

/**
 * The README's run command driven from a test: {@code bin/roentgen up} on a data folder in the
 * background, its endpoint lines, {@code down}, {@code events}, and the processes it started. For
 * {@link LocalStackIT} and the stack the other integration tests share ({@link SharedStack}); runs
 * on the jars the reactor built before this module (no {@code --build}).
 */
final class LocalStack implements AutoCloseable {
  static final Path ROOT =
      Path.of(System.getProperty("roentgen.root", "../..")).toAbsolutePath().normalize();
  static final Path SCRIPT = ROOT.resolve("bin/roentgen");

  /** The jars {@code up} starts; a test checks them first, so a missing build says so. */
  static final List<String> JARS =
      List.of(
          "libs/stack/target/roentgen-stack-0.1.0-SNAPSHOT.jar",
          "libs/dicom/tools/target/dicom.jar",
          "services/ingest/target/quarkus-app/quarkus-run.jar",
          "services/labeling-validation/target/quarkus-app/quarkus-run.jar",
          "services/artifact-detection/target/quarkus-app/quarkus-run.jar",
          "services/router/target/quarkus-app/quarkus-run.jar",
          "services/archive/target/quarkus-app/quarkus-run.jar");

  /** The fixed ports of the local stack and who uses them. */
  static final Map<Integer, String> PORTS =
      Map.ofEntries(
          Map.entry(9092, "Kafka"),
          Map.entry(9093, "Kafka controller"),
          Map.entry(9000, "S3"),
          Map.entry(5433, "PostgreSQL"),
          Map.entry(8081, "ingest HTTP"),
          Map.entry(11112, "ingest DICOM"),
          Map.entry(8082, "labeling-validation HTTP"),
          Map.entry(8083, "artifact-detection HTTP"),
          Map.entry(8084, "router HTTP"),
          Map.entry(8085, "archive HTTP"),
          Map.entry(11113, "worklist DICOM"),
          Map.entry(11114, "archive SCP DICOM"),
          Map.entry(4242, "Orthanc DICOM"),
          Map.entry(8042, "Orthanc HTTP"));

  /** The endpoint lines {@code up} prints last, once everything is ready. */
  static final List<String> ENDPOINT_KEYS =
      List.of(
          "ROENTGEN_DATA",
          "KAFKA_BOOTSTRAP_SERVERS",
          "S3_ENDPOINT",
          "S3_ACCESS_KEY",
          "POSTGRES_JDBC_URL",
          "POSTGRES_USER",
          "S3_BUCKET",
          "WORKLIST_DICOM",
          "INGEST_HTTP",
          "INGEST_DICOM",
          "LABELING_VALIDATION_HTTP",
          "ARTIFACT_DETECTION_HTTP",
          "ROUTER_HTTP",
          "ARCHIVE_HTTP",
          "ARCHIVE_DICOMWEB",
          "ARCHIVE_USERS",
          "ARCHIVE_DICOM",
          "ARCHIVE_DIR",
          "ORTHANC_DICOM",
          "ORTHANC_HTTP");

  /** The components with a pid file while the stack runs. */
  static final List<String> COMPONENTS =
      List.of(
          "roentgen",
          "stack",
          "worklist",
          "archive-scp",
          "orthanc",
          "ingest",
          "labeling-validation",
          "artifact-detection",
          "router",
          "archive");

  static final Duration UP_TIMEOUT = Duration.ofSeconds(240);
  static final long DOWN_SECONDS = 60;

  final Path data;
  final Process up;
  final Path out;
  final Path err;
  final Map<String, String> endpoints;
  private Processes.Result down;

  private LocalStack(Path data, Process up, Path out, Path err, Map<String, String> endpoints) {
    this.data = data;
    this.up = up;
    this.out = out;
    this.err = err;
    this.endpoints = endpoints;
  }

  /** Fails with a clear message when a jar {@code up} starts has not been built. */
  static void assertJarsBuilt() {
    for (String jar : JARS) {
      assertThat(ROOT.resolve(jar))
          .as("%s: build the reactor first (mvn verify -pl deploy/local -am)", jar)
          .isRegularFile();
    }
  }

  /**
   * {@code bin/roentgen up --data DATA} in the background, once every endpoint line is printed;
   * fails with its stderr when it ends or takes longer than {@link #UP_TIMEOUT}.
   */
  static LocalStack up(Path data, Path logs) throws IOException, InterruptedException {
    return up(data, logs, Map.of());
  }

  /** {@link #up(Path, Path)} with these variables added to its environment. */
  static LocalStack up(Path data, Path logs, Map<String, String> env)
      throws IOException, InterruptedException {
    assertPortsFree();
    openForPostgres(data.getParent());
    Path out = logs.resolve("up.out");
    Path err = logs.resolve("up.err");
    ProcessBuilder builder =
        new ProcessBuilder(SCRIPT.toString(), "up", "--data", data.toString())
            .directory(ROOT.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(env);
    Process up = builder.start();
    try {
      long t0 = System.nanoTime();
      Map<String, String> endpoints = awaitEndpoints(up, out, err);
      System.out.printf("LocalStack: up ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      return new LocalStack(data, up, out, err, endpoints);
    } catch (Throwable t) {
      roentgen(DOWN_SECONDS, "down", "--data", data.toString());
      up.destroyForcibly();
      throw t;
    }
  }

  /**
   * Lets everyone through {@code dir} (JUnit makes its temporary folders rwx------): under root
   * PostgreSQL runs as nobody, who must pass through every folder above {@code DATA/postgres}.
   */
  private static void openForPostgres(Path dir) throws IOException {
    Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(dir));
    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
    Files.setPosixFilePermissions(dir, permissions);
  }

  /**
   * {@code bin/roentgen down}; the result, {@code up}'s exit awaited. Once: a second call returns
   * the first one's result.
   */
  synchronized Processes.Result down() throws InterruptedException {
    if (down == null) {
      long d0 = System.nanoTime();
      down = roentgen(DOWN_SECONDS, "down", "--data", data.toString());
      System.out.printf("LocalStack: down in %.1f s%n", (System.nanoTime() - d0) / 1e9);
      up.waitFor(10, TimeUnit.SECONDS);
    }
    return down;
  }

  /** Whether {@link #down} ran. */
  synchronized boolean downDone() {
    return down != null;
  }

  /**
   * {@link #down()}, then checks that it and {@code up} exited 0, that none of {@code started}
   * (from {@link #processes()}) still runs, that no pid file is left, and that {@code up} said what
   * it stopped.
   */
  void downAndAssertAllStopped(List<ProcessHandle> started) throws Exception {
    Processes.Result down = down();
    assertThat(down.exitCode()).as(down.stderr()).isZero();
    assertThat(up.isAlive()).as("bin/roentgen up has exited").isFalse();
    assertThat(up.exitValue()).as(read(err)).isZero();
    assertThat(started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::info))
        .as("processes still running after down")
        .isEmpty();
    try (Stream<Path> pids = Files.list(data.resolve("run"))) {
      assertThat(pids.filter(p -> p.toString().endsWith(".pid"))).isEmpty();
    }
    assertThat(read(err))
        .contains(
            "stopping ingest labeling-validation artifact-detection router archive",
            "stopped archive-scp orthanc worklist stack");
  }

  /** Stops whatever still runs (after a failure). */
  @Override
  public void close() throws Exception {
    if (up.isAlive()) {
      roentgen(DOWN_SECONDS, "down", "--data", data.toString());
      up.destroyForcibly();
    }
  }

  /**
   * The processes {@code up} started: from their pid files, with the stack's descendants (its
   * server JVMs and PostgreSQL's processes).
   */
  List<ProcessHandle> processes() throws IOException {
    List<ProcessHandle> processes = new ArrayList<>();
    for (String name : COMPONENTS) {
      long pid = Long.parseLong(Files.readString(data.resolve("run/" + name + ".pid")).strip());
      ProcessHandle process =
          ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " is not running"));
      processes.add(process);
      if (name.equals("stack")) {
        process.descendants().forEach(processes::add);
      }
    }
    return processes;
  }

  /**
   * The line of {@code bin/roentgen events --topic TOPIC} that names {@code text}, once a service
   * has published it.
   */
  static String awaitEvent(String topic, String text, Duration within) throws InterruptedException {
    return awaitEvent(topic, List.of(text), within);
  }

  /**
   * The first line of {@code bin/roentgen events --topic TOPIC} that names all of {@code texts}.
   */
  static String awaitEvent(String topic, List<String> texts, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      Processes.Result events = roentgen(60, "events", "--topic", topic);
      last = events.out() + events.stderr();
      for (String line : events.out().split("\n")) {
        if (texts.stream().allMatch(line::contains)) {
          return line;
        }
      }
      Thread.sleep(1000);
    }
    return fail("no event on %s for %s within %s: %s", topic, texts, within, last);
  }

  /** The archive's base URL in the local stack. */
  static final String ARCHIVE = "http://127.0.0.1:8085";

  private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

  /** A first password from {@code DATA/archive/initial-passwords.txt} (made on first start). */
  static String archivePassword(Path data, String user) throws IOException {
    for (String line : Files.readAllLines(data.resolve("archive/initial-passwords.txt"))) {
      String[] p = line.strip().split(" ");
      if (p.length == 2 && p[0].equals(user)) {
        return p[1];
      }
    }
    return fail("no password of %s in the archive's initial-passwords.txt", user);
  }

  private static java.net.http.HttpRequest archiveRequest(
      String path, String user, String password) {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return java.net.http.HttpRequest.newBuilder(java.net.URI.create(ARCHIVE + path))
        .header("Authorization", "Basic " + basic)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  /** Until the archive's answer to {@code GET path} contains {@code text}; the answer. */
  static String awaitArchive(
      String path, String user, String password, String text, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      java.net.http.HttpResponse<String> r =
          HTTP.send(
              archiveRequest(path, user, password),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200 && r.body().contains(text)) {
        return r.body();
      }
      Thread.sleep(1000);
    }
    return fail("the archive did not answer %s with %s within %s: %s", path, text, within, last);
  }

  /** The one part of the archive's WADO-RS answer for an instance. */
  static byte[] archiveInstance(
      String study, String series, String sop, String user, String password) throws Exception {
    java.net.http.HttpResponse<byte[]> r =
        HTTP.send(
            archiveRequest(
                "/dicomweb/studies/" + study + "/series/" + series + "/instances/" + sop,
                user,
                password),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    String type = r.headers().firstValue("Content-Type").orElseThrow();
    String boundary =
        type.substring(type.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
    String body = new String(r.body(), StandardCharsets.ISO_8859_1);
    int start = body.indexOf("\r\n\r\n", body.indexOf("--" + boundary)) + 4;
    int end = body.indexOf("\r\n--" + boundary, start);
    return java.util.Arrays.copyOfRange(r.body(), start, end);
  }

  /** Every line of {@code bin/roentgen events --topic TOPIC} now. */
  static List<String> events(String topic) {
    Processes.Result events = roentgen(60, "events", "--topic", topic);
    assertThat(events.exitCode()).as(events.stderr()).isZero();
    return events.out().lines().filter(l -> !l.isBlank()).toList();
  }

  /**
   * DCMTK's {@code storescu -v} (with {@code TCP_NODELAY=1}) sending {@code files} to ingest,
   * ROENTGEN@127.0.0.1:11112, in one association; {@code callingAe} null leaves storescu's own.
   */
  static Processes.Result storescu(String callingAe, long seconds, List<Path> files) {
    List<String> command = new ArrayList<>(List.of("env", "TCP_NODELAY=1", "storescu", "-v"));
    if (callingAe != null) {
      command.addAll(List.of("-aet", callingAe));
    }
    command.addAll(List.of("-aec", "ROENTGEN", "127.0.0.1", "11112"));
    files.forEach(f -> command.add(f.toString()));
    return Processes.run(ROOT, seconds, command);
  }

  static Processes.Result roentgen(long seconds, String... args) {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    return Processes.run(ROOT, seconds, command);
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  static String listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return dir + " does not exist";
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return "objects: " + files.filter(Files::isRegularFile).map(Path::toString).toList();
    }
  }

  /** Fails with the port and its user when one of the fixed ports is taken. */
  static void assertPortsFree() {
    List<String> taken = new ArrayList<>();
    PORTS.forEach(
        (port, user) -> {
          try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
          } catch (IOException e) {
            taken.add(port + " (" + user + "): " + e.getMessage());
          }
        });
    if (!taken.isEmpty()) {
      fail(
          "the local stack's fixed ports must be free for this test; in use: "
              + String.join(", ", taken)
              + " (a bin/roentgen up running elsewhere? stop it with bin/roentgen down)");
    }
  }

  private static Map<String, String> awaitEndpoints(Process up, Path out, Path err)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
    while (true) {
      Map<String, String> endpoints = new LinkedHashMap<>();
      for (String line : read(out).split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          endpoints.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      if (endpoints.keySet().containsAll(ENDPOINT_KEYS)) {
        return endpoints;
      }
      if (!up.isAlive()) {
        fail("bin/roentgen up ended with status %d:%n%s", up.exitValue(), read(err));
      }
      if (System.nanoTime() > deadline) {
        fail("bin/roentgen up not ready after %s:%n%s", UP_TIMEOUT, read(err));
      }
      up.waitFor(200, TimeUnit.MILLISECONDS);
    }
  }
}
