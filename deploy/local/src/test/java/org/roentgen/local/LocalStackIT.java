package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.Processes;

/**
 * The README's run command, end to end: {@code bin/roentgen up} on a fresh data folder starts
 * Kafka, S3Proxy, the worklist SCP (with its demo orders), the archive SCP, Orthanc, ingest,
 * labeling-validation, artifact-detection and the router (with the example rules and a key) on
 * their fixed ports; DCMTK's findscu finds a demo order; storescu sends an image of that order, the
 * object is in the folder's S3 buckets, labeling-validation publishes it with the order MATCHED (so
 * it asked the worklist) and artifact-detection publishes its qc block with the pixels analysed (so
 * it read them from S3); {@code status} says all is up, {@code down} stops every process. Runs on
 * the jars the reactor built before this module (no {@code --build}). The first integration test of
 * this module, before the other tests' shared stack ({@link SharedStack}) takes the fixed ports:
 * its own {@code up} is on a fresh folder, and its second test needs no stack at all.
 */
@Order(LocalStackIT.ORDER)
class LocalStackIT {
  /** Before every class that uses {@link SharedStack}. */
  static final int ORDER = 1;

  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @BeforeAll
  static void jarsAreBuilt() {
    LocalStack.assertJarsBuilt();
  }

  @Test
  void upStoresAnImageInS3AndDownStopsEverything() throws Exception {
    Path data = tmp.resolve("data");
    try (LocalStack stack = LocalStack.up(data, tmp)) {
      assertThat(stack.endpoints)
          .containsEntry("ROENTGEN_DATA", data.toString())
          .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
          .containsEntry("S3_ENDPOINT", "http://127.0.0.1:9000")
          .containsEntry("POSTGRES_JDBC_URL", "jdbc:postgresql://127.0.0.1:5433/roentgen")
          .containsEntry("POSTGRES_USER", "roentgen")
          .containsEntry("S3_BUCKET", "dicom")
          .containsEntry("INGEST_HTTP", "http://127.0.0.1:8081")
          .containsEntry("INGEST_DICOM", "ROENTGEN@127.0.0.1:11112")
          .containsEntry("WORKLIST_DICOM", "WORKLIST@127.0.0.1:11113")
          .containsEntry("LABELING_VALIDATION_HTTP", "http://127.0.0.1:8082")
          .containsEntry("ARTIFACT_DETECTION_HTTP", "http://127.0.0.1:8083")
          .containsEntry("ROUTER_HTTP", "http://127.0.0.1:8084")
          .containsEntry("ARCHIVE_HTTP", "http://127.0.0.1:8085")
          .containsEntry("ARCHIVE_DICOMWEB", "http://127.0.0.1:8085/dicomweb")
          .containsEntry("ARCHIVE_USERS", data.resolve("archive/initial-passwords.txt").toString())
          .containsEntry("ARCHIVE_DICOM", "ARCHIVE@127.0.0.1:11114")
          .containsEntry("ARCHIVE_DIR", data.resolve("archive-scp").toString())
          .containsEntry("ORTHANC_DICOM", "ORTHANC@127.0.0.1:4242")
          .containsEntry("ORTHANC_HTTP", "http://127.0.0.1:8042");

      List<ProcessHandle> started = stack.processes();
      assertThat(started)
          .as(
              "bin/roentgen up, the stack, Kafka, S3Proxy, PostgreSQL (its JVM and server),"
                  + " worklist, archive SCP, Orthanc, ingest, labeling-validation,"
                  + " artifact-detection, router, archive")
          .hasSizeGreaterThanOrEqualTo(14);
      assertThat(data.resolve("router/rules.yaml"))
          .as("the example rules, copied on first start")
          .hasSameTextualContentAs(
              LocalStack.ROOT.resolve(
                  "services/router/src/main/resources/rules/example-rules.yaml"));
      assertThat(Files.readString(data.resolve("router/deidentify.key")).strip())
          .as("a de-identification key made for this data folder")
          .hasSizeGreaterThanOrEqualTo(40);
      assertThat(Files.getPosixFilePermissions(data.resolve("router/deidentify.key")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

      Attributes order = DemoOrder.find(tmp, DemoOrder.ACCESSION);
      assertThat(order.getString(Tag.PatientID)).startsWith("DEMO-");

      Processes.Result again = LocalStack.roentgen(30, "up", "--data", data.toString());
      assertThat(again.exitCode()).as(again.stderr()).isEqualTo(1);
      assertThat(again.stderr()).contains("a stack already runs on " + data);

      Path image = DemoOrder.image(tmp.resolve("image.dcm"), order);
      Processes.Result store = LocalStack.storescu(null, 60, List.of(image));
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
      assertThat(object).as(LocalStack.listing(data.resolve("s3/buckets"))).isRegularFile();
      assertThat(Files.size(object)).isGreaterThan(64L * 64 * 2);

      Processes.Result status = LocalStack.roentgen(30, "status", "--data", data.toString());
      assertThat(status.exitCode()).as(status.out() + status.stderr()).isZero();
      assertThat(status.out())
          .containsPattern("(?m)^ingest +running .* up$")
          .containsPattern("(?m)^labeling-validation +running .* up$")
          .containsPattern("(?m)^artifact-detection +running .* up$")
          .containsPattern("(?m)^router +running .* up$")
          .containsPattern("(?m)^archive +running .* up$")
          .containsPattern("(?m)^postgres +running .* up$")
          .containsPattern("(?m)^worklist +running .* up$")
          .containsPattern("(?m)^archive-scp +running .* up$")
          .containsPattern("(?m)^orthanc +running .* up$");

      Processes.Result events = LocalStack.roentgen(60, "events");
      assertThat(events.exitCode()).as(events.stderr()).isZero();
      assertThat(events.out())
          .as("the event of the stored image on dicom.instance.received.v1")
          .contains("\"key\":\"" + header.getString(Tag.StudyInstanceUID) + "\"")
          .contains(header.getString(Tag.SOPInstanceUID));
      String sop = header.getString(Tag.SOPInstanceUID);
      String validated = LocalStack.awaitEvent("dicom.instance.validated.v1", sop, EVENT_TIMEOUT);
      assertThat(validated)
          .as("labeling-validation found the demo order on the worklist")
          .containsPattern("\"order\":\\{\"status\":\"MATCHED\"");
      String qc = LocalStack.awaitEvent("dicom.instance.qc.v1", sop, EVENT_TIMEOUT);
      assertThat(qc)
          .as("artifact-detection read the pixels from S3 and analysed them")
          .containsPattern("\"qc\":\\{\"verdict\":\"(PASS|WARN|FAIL)\"");
      if (qc.contains("\"preview\":{")) {
        assertThat(Path.of(object + ".qc.png")).as("the preview beside the object").isRegularFile();
      }
      assertThat(LocalStack.awaitEvent("dicom.instance.delivery.v1", sop, EVENT_TIMEOUT))
          .as("the router decided on it: delivered, or quarantined for a FAIL verdict")
          .containsPattern("\"outcome\":\"(DELIVERED|QUARANTINED)\"");

      // The archive indexed it and serves it to its viewer by DICOMweb, byte for byte.
      String viewer = LocalStack.archivePassword(data, "viewer");
      String found =
          LocalStack.awaitArchive(
              "/dicomweb/instances?SOPInstanceUID=" + sop, "viewer", viewer, sop, EVENT_TIMEOUT);
      assertThat(found).contains(header.getString(Tag.StudyInstanceUID));
      assertThat(
              LocalStack.archiveInstance(
                  header.getString(Tag.StudyInstanceUID),
                  header.getString(Tag.SeriesInstanceUID),
                  sop,
                  "viewer",
                  viewer))
          .isEqualTo(Files.readAllBytes(object));
      assertThat(Files.getPosixFilePermissions(data.resolve("archive/initial-passwords.txt")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

      stack.downAndAssertAllStopped(started);
      assertThat(LocalStack.read(data.resolve("logs/artifact-detection.log")))
          .as("SIGTERM: the consumer finished, committed and closed")
          .contains("stopped consuming dicom.instance.validated.v1");
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
      Processes.Result up = LocalStack.roentgen(30, "up", "--data", data.toString());
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
}
