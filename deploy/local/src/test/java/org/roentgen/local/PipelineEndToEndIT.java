package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.json.Json;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
import org.roentgen.dicom.testkit.Processes;

/**
 * Issue 6's end-to-end proof on the README's run command: every service running on the real servers
 * ({@code bin/roentgen up}, the stack the integration tests share: Kafka, S3Proxy, the worklist,
 * ingest, labeling-validation, artifact-detection, the router with the example rules, DCMTK's
 * storescp as the archive SCP and Orthanc as the PACS). DCMTK's storescu sends a generated mixed
 * set of CR, DX and MG studies, whose orders it has just put on the worklist, to ingest. The
 * example rules send CR and DX to Orthanc and everything to the archive SCP: each of these
 * instances arrives where the rules say and nowhere else (none of its MG instances is at Orthanc),
 * with a data set equal to what was sent, checked through Orthanc's REST API and in storescp's
 * files; each has exactly one DELIVERED event per destination and none is quarantined or
 * dead-lettered. Other tests' instances on the shared stack are not looked at.
 */
@Order(SharedStack.PIPELINE)
@ExtendWith(SharedStack.class)
class PipelineEndToEndIT {
  private static final int IMAGES = 18;
  private static final int SIZE = 1024;
  private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(240);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path tmp;

  @Test
  void aMixedStudySetArrivesAtOrthancAndTheArchiveEqualToWhatWasSent(LocalStack stack)
      throws Exception {
    List<Path> files =
        ClinicalRadiographs.write(
            tmp.resolve("files"), tmp.resolve("orders"), IMAGES, SIZE, SIZE, 6);
    Map<String, Attributes> sent = new TreeMap<>();
    Set<String> radiography = new TreeSet<>();
    Set<String> modalities = new TreeSet<>();
    for (Path f : files) {
      Attributes ds = DicomFile.read(f).dataset();
      String sop = ds.getString(Tag.SOPInstanceUID);
      sent.put(sop, ds);
      modalities.add(ds.getString(Tag.Modality));
      if (Set.of("CR", "DX").contains(ds.getString(Tag.Modality))) {
        radiography.add(sop);
      }
    }
    assertThat(modalities).as("a mixed set").contains("CR", "DX").hasSizeGreaterThan(2);
    SharedStack.addOrders(stack, tmp.resolve("orders"));

    Processes.Result store = LocalStack.storescu(null, 120, files);
    String storeLog = store.out() + store.stderr();
    assertThat(store.exitCode()).as(storeLog).isZero();
    assertThat(storeLog.split("Received Store Response \\(Success\\)", -1)).hasSize(IMAGES + 1);

    Path archive = Path.of(stack.endpoints.get("ARCHIVE_DIR"));
    String orthanc = stack.endpoints.get("ORTHANC_HTTP");
    long t0 = System.nanoTime();
    awaitArrivals(archive, orthanc, sent.keySet(), radiography);
    System.out.printf(
        "PipelineEndToEndIT: %d instances at the archive, %d at Orthanc %.1f s after the send%n",
        sent.size(), radiography.size(), (System.nanoTime() - t0) / 1e9);

    Map<String, Path> atArchive = bySop(Arrivals.archiveFiles(archive, sent.keySet()));
    assertThat(atArchive.keySet())
        .as("the archive SCP has every instance")
        .isEqualTo(sent.keySet());
    for (var e : atArchive.entrySet()) {
      assertThat(Differences.first(sent.get(e.getKey()), DicomFile.read(e.getValue()).dataset()))
          .as("what the archive SCP received of %s differs from what was sent", e.getKey())
          .isNull();
    }

    List<Path> fromOrthanc = new ArrayList<>();
    for (var e : Arrivals.orthancIds(orthanc).entrySet()) {
      if (sent.containsKey(e.getKey())) {
        Path f = tmp.resolve("orthanc-" + e.getValue() + ".dcm");
        Files.write(f, get(orthanc + "/instances/" + e.getValue() + "/file").body());
        fromOrthanc.add(f);
      }
    }
    Map<String, Path> atOrthanc = bySop(fromOrthanc);
    assertThat(atOrthanc.keySet())
        .as("Orthanc has the CR and DX instances of this test, and no other of them")
        .isEqualTo(radiography);
    for (var e : atOrthanc.entrySet()) {
      assertThat(Differences.first(sent.get(e.getKey()), DicomFile.read(e.getValue()).dataset()))
          .as("what Orthanc stored of %s differs from what was sent", e.getKey())
          .isNull();
    }

    Map<String, List<String>> delivered = new HashMap<>();
    for (Map<?, ?> value : deliveries(sent.keySet())) {
      String sop = (String) value.get("sopInstanceUid");
      Map<?, ?> delivery = (Map<?, ?>) value.get("delivery");
      assertThat(delivery.get("outcome")).as("the delivery of %s", sop).isEqualTo("DELIVERED");
      delivered
          .computeIfAbsent(sop, k -> new ArrayList<>())
          .add((String) delivery.get("destination"));
    }
    for (String sop : sent.keySet()) {
      assertThat(delivered.get(sop))
          .as("the DELIVERED events of %s", sop)
          .containsExactlyInAnyOrderElementsOf(
              radiography.contains(sop)
                  ? List.of("orthanc", "archive-scp")
                  : List.of("archive-scp"));
    }
  }

  /** The values of the delivery events of these instances, in the topic's order. */
  private static List<Map<?, ?>> deliveries(Set<String> sops) throws IOException {
    List<Map<?, ?>> values = new ArrayList<>();
    for (String line : LocalStack.events("dicom.instance.delivery.v1")) {
      Map<?, ?> value = (Map<?, ?>) ((Map<?, ?>) Json.parse(line)).get("value");
      if (sops.contains(value.get("sopInstanceUid"))) {
        values.add(value);
      }
    }
    return values;
  }

  /**
   * Until the router has published a DELIVERED event for each of the deliveries of these instances
   * (one for each, and one more for each CR and DX: published once the destination confirmed, so
   * the files are complete); fails at once, with the event, when the router quarantines or
   * dead-letters one of them.
   */
  private static void awaitArrivals(
      Path archive, String orthanc, Set<String> sops, Set<String> radiography) throws Exception {
    long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
    int expected = sops.size() + radiography.size();
    int delivered = 0;
    while (System.nanoTime() < deadline) {
      List<Map<?, ?>> events = deliveries(sops);
      for (Map<?, ?> value : events) {
        if (!"DELIVERED".equals(((Map<?, ?>) value.get("delivery")).get("outcome"))) {
          fail("the router did not deliver an instance: %s", value);
        }
      }
      delivered = events.size();
      if (delivered >= expected) {
        return;
      }
      Thread.sleep(2000);
    }
    Set<String> atOrthanc = new TreeSet<>(Arrivals.orthancIds(orthanc).keySet());
    atOrthanc.retainAll(radiography);
    fail(
        "after %s: %d of %d deliveries; %d of %d instances at the archive SCP, %d of %d at Orthanc",
        ARRIVAL_TIMEOUT,
        delivered,
        expected,
        Arrivals.archiveFiles(archive, sops).size(),
        sops.size(),
        atOrthanc.size(),
        radiography.size());
  }

  private static Map<String, Path> bySop(List<Path> files) throws IOException {
    Map<String, Path> bySop = new TreeMap<>();
    for (Path f : files) {
      Path before = bySop.put(DicomFile.readHeader(f).dataset().getString(Tag.SOPInstanceUID), f);
      assertThat(before).as("%s and %s hold the same instance", before, f).isNull();
    }
    return bySop;
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
    return r;
  }
}
