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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.Processes;

/**
 * The README's run command, end to end: {@code bin/roentgen up} on a fresh data folder starts
 * Kafka, S3Proxy, the worklist SCP (with its demo orders), ingest, labeling-validation and
 * artifact-detection on their fixed ports; DCMTK's findscu finds a demo order; storescu sends an
 * image of that order, the object is in the folder's S3 buckets, labeling-validation publishes it
 * with the order MATCHED (so it asked the worklist) and artifact-detection publishes its qc block
 * with the pixels analysed (so it read them from S3); {@code status} says all is up, {@code down}
 * stops every process. Runs on the jars the reactor built before this module (no {@code --build}).
 */
class LocalStackIT {
  private static final Path ROOT =
      Path.of(System.getProperty("roentgen.root", "../..")).toAbsolutePath().normalize();
  private static final Path SCRIPT = ROOT.resolve("bin/roentgen");

  /** The fixed ports of the local stack and who uses them. */
  private static final Map<Integer, String> PORTS =
      Map.ofEntries(
          Map.entry(9092, "Kafka"),
          Map.entry(9093, "Kafka controller"),
          Map.entry(9000, "S3"),
          Map.entry(8081, "ingest HTTP"),
          Map.entry(11112, "ingest DICOM"),
          Map.entry(8082, "labeling-validation HTTP"),
          Map.entry(8083, "artifact-detection HTTP"),
          Map.entry(8084, "router HTTP"),
          Map.entry(11113, "worklist DICOM"),
          Map.entry(11114, "archive SCP DICOM"),
          Map.entry(4242, "Orthanc DICOM"),
          Map.entry(8042, "Orthanc HTTP"));

  /** The endpoint lines {@code up} prints last, once everything is ready. */
  private static final List<String> ENDPOINT_KEYS =
      List.of(
          "ROENTGEN_DATA",
          "KAFKA_BOOTSTRAP_SERVERS",
          "S3_ENDPOINT",
          "S3_ACCESS_KEY",
          "S3_BUCKET",
          "WORKLIST_DICOM",
          "INGEST_HTTP",
          "INGEST_DICOM",
          "LABELING_VALIDATION_HTTP",
          "ARTIFACT_DETECTION_HTTP",
          "ROUTER_HTTP",
          "ARCHIVE_DICOM",
          "ARCHIVE_DIR",
          "ORTHANC_DICOM",
          "ORTHANC_HTTP");

  private static final Duration UP_TIMEOUT = Duration.ofSeconds(240);
  private static final long DOWN_SECONDS = 60;
  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @BeforeAll
  static void jarsAreBuilt() {
    for (String jar :
        List.of(
            "libs/stack/target/roentgen-stack-0.1.0-SNAPSHOT.jar",
            "libs/dicom/tools/target/dicom.jar",
            "services/ingest/target/quarkus-app/quarkus-run.jar",
            "services/labeling-validation/target/quarkus-app/quarkus-run.jar",
            "services/artifact-detection/target/quarkus-app/quarkus-run.jar",
            "services/router/target/quarkus-app/quarkus-run.jar")) {
      assertThat(ROOT.resolve(jar))
          .as("%s: build the reactor first (mvn verify -pl deploy/local -am)", jar)
          .isRegularFile();
    }
  }

  @Test
  void upStoresAnImageInS3AndDownStopsEverything() throws Exception {
    assertPortsFree();
    Path data = tmp.resolve("data");
    Path out = tmp.resolve("up.out");
    Path err = tmp.resolve("up.err");
    Process up =
        new ProcessBuilder(SCRIPT.toString(), "up", "--data", data.toString())
            .directory(ROOT.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    List<ProcessHandle> started = new ArrayList<>();
    try {
      long t0 = System.nanoTime();
      Map<String, String> endpoints = awaitEndpoints(up, out, err);
      System.out.printf("LocalStackIT: up ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      assertThat(endpoints)
          .containsEntry("ROENTGEN_DATA", data.toString())
          .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
          .containsEntry("S3_ENDPOINT", "http://127.0.0.1:9000")
          .containsEntry("S3_BUCKET", "dicom")
          .containsEntry("INGEST_HTTP", "http://127.0.0.1:8081")
          .containsEntry("INGEST_DICOM", "ROENTGEN@127.0.0.1:11112")
          .containsEntry("WORKLIST_DICOM", "WORKLIST@127.0.0.1:11113")
          .containsEntry("LABELING_VALIDATION_HTTP", "http://127.0.0.1:8082")
          .containsEntry("ARTIFACT_DETECTION_HTTP", "http://127.0.0.1:8083");

      started.addAll(runningProcesses(data));
      assertThat(started)
          .as(
              "bin/roentgen up, the stack, Kafka, S3Proxy, worklist, ingest, labeling-validation,"
                  + " artifact-detection, router, archive SCP, Orthanc")
          .hasSizeGreaterThanOrEqualTo(11);

      Attributes order = DemoOrder.find(tmp, DemoOrder.ACCESSION);
      assertThat(order.getString(Tag.PatientID)).startsWith("DEMO-");

      Processes.Result again = roentgen(30, "up", "--data", data.toString());
      assertThat(again.exitCode()).as(again.stderr()).isEqualTo(1);
      assertThat(again.stderr()).contains("a stack already runs on " + data);

      Path image = DemoOrder.image(tmp.resolve("image.dcm"), order);
      Processes.Result store =
          Processes.run(
              tmp,
              60,
              List.of(
                  "env",
                  "TCP_NODELAY=1",
                  "storescu",
                  "-v",
                  "-aec",
                  "ROENTGEN",
                  "127.0.0.1",
                  "11112",
                  image.toString()));
      String storeLog = store.out() + store.stderr();
      assertThat(store.exitCode()).as(storeLog).isZero();
      assertThat(storeLog).contains("Received Store Response (Success)");

      Attributes header = DicomFile.readHeader(image).dataset();
      Path object =
          data.resolve("s3/buckets/dicom/studies")
              .resolve(header.getString(Tag.StudyInstanceUID))
              .resolve("series")
              .resolve(header.getString(Tag.SeriesInstanceUID))
              .resolve("instances")
              .resolve(header.getString(Tag.SOPInstanceUID) + ".dcm");
      assertThat(object).as(listing(data.resolve("s3/buckets"))).isRegularFile();
      assertThat(Files.size(object)).isGreaterThan(64L * 64 * 2);

      Processes.Result status = roentgen(30, "status", "--data", data.toString());
      assertThat(status.exitCode()).as(status.out() + status.stderr()).isZero();
      assertThat(status.out())
          .containsPattern("(?m)^ingest +running .* up$")
          .containsPattern("(?m)^labeling-validation +running .* up$")
          .containsPattern("(?m)^artifact-detection +running .* up$")
          .containsPattern("(?m)^worklist +running .* up$");

      Processes.Result events = roentgen(60, "events");
      assertThat(events.exitCode()).as(events.stderr()).isZero();
      assertThat(events.out())
          .as("the event of the stored image on dicom.instance.received.v1")
          .contains("\"key\":\"" + header.getString(Tag.StudyInstanceUID) + "\"")
          .contains(header.getString(Tag.SOPInstanceUID));
      String validated =
          awaitEvent("dicom.instance.validated.v1", header.getString(Tag.SOPInstanceUID));
      assertThat(validated)
          .as("labeling-validation found the demo order on the worklist")
          .containsPattern("\"order\":\\{\"status\":\"MATCHED\"");
      String qc = awaitEvent("dicom.instance.qc.v1", header.getString(Tag.SOPInstanceUID));
      assertThat(qc)
          .as("artifact-detection read the pixels from S3 and analysed them")
          .containsPattern("\"qc\":\\{\"verdict\":\"(PASS|WARN|FAIL)\"");
      if (qc.contains("\"preview\":{")) {
        assertThat(Path.of(object + ".qc.png")).as("the preview beside the object").isRegularFile();
      }

      long d0 = System.nanoTime();
      Processes.Result down = roentgen(DOWN_SECONDS, "down", "--data", data.toString());
      System.out.printf("LocalStackIT: down in %.1f s%n", (System.nanoTime() - d0) / 1e9);
      assertThat(down.exitCode()).as(down.stderr()).isZero();
      assertThat(up.waitFor(10, TimeUnit.SECONDS)).as("bin/roentgen up has exited").isTrue();
      assertThat(up.exitValue()).as(read(err)).isZero();
      assertThat(started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::info))
          .as("processes still running after down")
          .isEmpty();
      try (Stream<Path> pids = Files.list(data.resolve("run"))) {
        assertThat(pids.filter(p -> p.toString().endsWith(".pid"))).isEmpty();
      }
      assertThat(read(err))
          .contains(
              "stopping ingest labeling-validation artifact-detection router",
              "stopped archive-scp orthanc worklist stack");
      assertThat(read(data.resolve("logs/artifact-detection.log")))
          .as("SIGTERM: the consumer finished, committed and closed")
          .contains("stopped consuming dicom.instance.validated.v1");
    } finally {
      if (up.isAlive()) {
        roentgen(DOWN_SECONDS, "down", "--data", data.toString());
        up.destroyForcibly();
      }
      started.forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void upRefusesWhenAPidFileShowsARunningStack() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data.resolve("run"));
    // A live process whose command line names the stack's main class stands for the stack.
    Process stack =
        new ProcessBuilder("bash", "-c", "sleep 120; :", "org.roentgen.stack.LocalStackMain")
            .start();
    try {
      Files.writeString(data.resolve("run/stack.pid"), stack.pid() + "\n");
      Processes.Result up = roentgen(30, "up", "--data", data.toString());
      assertThat(up.exitCode()).as(up.stderr()).isEqualTo(1);
      assertThat(up.stderr())
          .contains("a stack already runs on " + data + " (stack, pid " + stack.pid() + ")")
          .contains("bin/roentgen down --data " + data);
      assertThat(data.resolve("logs/stack.log")).as("nothing started").doesNotExist();
      assertThat(stack.isAlive()).isTrue();
      assertThat(data.resolve("run/stack.pid")).isRegularFile();
    } finally {
      stack.destroyForcibly();
    }
  }

  /** Fails with the port and its user when one of the fixed ports is taken. */
  private static void assertPortsFree() {
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

  /** Waits until {@code up} has printed every endpoint line; fails if it ends or takes too long. */
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

  /** The processes bin/roentgen started: from its pid files, with their children. */
  private static List<ProcessHandle> runningProcesses(Path data) throws IOException {
    List<ProcessHandle> processes = new ArrayList<>();
    for (String name :
        List.of(
            "roentgen",
            "stack",
            "worklist",
            "ingest",
            "labeling-validation",
            "artifact-detection",
            "router",
            "archive-scp",
            "orthanc")) {
      long pid = Long.parseLong(Files.readString(data.resolve("run/" + name + ".pid")).strip());
      ProcessHandle process =
          ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " is not running"));
      processes.add(process);
      if (name.equals("stack")) {
        process.children().forEach(processes::add);
      }
    }
    return processes;
  }

  /**
   * The line of {@code bin/roentgen events --topic TOPIC} for the instance, once its service has
   * published it.
   */
  private static String awaitEvent(String topic, String sopInstanceUid)
      throws InterruptedException {
    long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      Processes.Result events = roentgen(60, "events", "--topic", topic);
      last = events.out() + events.stderr();
      for (String line : events.out().split("\n")) {
        if (line.contains(sopInstanceUid)) {
          return line;
        }
      }
      Thread.sleep(1000);
    }
    return fail("no event on %s for %s within %s: %s", topic, sopInstanceUid, EVENT_TIMEOUT, last);
  }

  private static Processes.Result roentgen(long seconds, String... args) {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    return Processes.run(ROOT, seconds, command);
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static String listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return dir + " does not exist";
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return "objects: " + files.filter(Files::isRegularFile).map(Path::toString).toList();
    }
  }
}
