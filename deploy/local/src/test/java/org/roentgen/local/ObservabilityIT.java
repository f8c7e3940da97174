package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
import org.roentgen.dicom.testkit.Processes;

/**
 * Issue 8's proof of the dashboards and alerts: the local stack ({@code bin/roentgen up}, the one
 * the integration tests share) and a real Prometheus (Debian's package, {@link Prometheus}, started
 * by this test) scraping every service each second with the shipped rules loaded ({@code for:}
 * shortened to {@value Prometheus#FOR}, nothing else changed). DCMTK storescu sends a day's mix
 * from three rooms (CR, DX and MG, STAT and routine), whose orders it has put on the worklist, with
 * a laterality contradiction held in quarantine, another rejected by a technologist, a worklist
 * mismatch, an exposure beyond the action level, a blank image and an object ingest refuses;
 * records that are no event go to the input topics. Then:
 *
 * <ol>
 *   <li>the archive SCP is stopped (SIGSTOP: its port still accepts, nothing answers) while images
 *       are sent: RoentgenDestinationFailing fires for it in /api/v1/alerts, and not for Orthanc;
 *       RoentgenDeadLettersRising fires for the services that dead-lettered; the archive SCP then
 *       runs on (SIGCONT);
 *   <li>every target of every panel of every dashboard in deploy/grafana/dashboards, its variables
 *       given the values Prometheus has for them, returns at least one finite value;
 *   <li>the metrics the variety feeds grew with this test's images (the counters also hold the
 *       earlier tests' traffic on the shared stack, so each is compared with its value before).
 * </ol>
 *
 * The last of the tests on the shared stack ({@link SharedStack#OBSERVABILITY}): it stops the
 * archive SCP for a while and puts records that are no event on the topics.
 */
@Order(SharedStack.OBSERVABILITY)
@ExtendWith(SharedStack.class)
class ObservabilityIT {
  private static final int IMAGES = 14;
  private static final int SIZE = 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The STAT and the routine deliveries, by priority. */
  private static final String PRIORITIES =
      "sum by (priority) (roentgen_router_end_to_end_latency_seconds_count)";

  @TempDir Path tmp;

  @BeforeAll
  static void prometheusIsInstalled() {
    Prometheus.assertInstalled();
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void everyPanelHasDataAndAStoppedDestinationFiresItsAlert(LocalStack stack) throws Exception {
    long t0 = System.nanoTime();
    Path data = stack.data;
    List<Path> files =
        ClinicalRadiographs.write(
            tmp.resolve("files"),
            tmp.resolve("orders"),
            IMAGES,
            SIZE,
            SIZE,
            8,
            new ClinicalRadiographs.Schedule(ClinicalRadiographs.DEFAULT_DAY, 0.5));
    // The last study (two CR images) is sent while the archive SCP is stopped.
    List<Path> later = files.subList(IMAGES - 2, IMAGES);
    Variety v = Variety.make(files.subList(0, IMAGES - 2), tmp.resolve("refused.dcm"));
    SharedStack.addOrders(stack, tmp.resolve("orders"));

    try (Prometheus prometheus = Prometheus.start(Files.createDirectories(tmp.resolve("prom")))) {
      prometheus.awaitQuery(
          "count(up{job=\"roentgen\"} == 1)", s -> !s.isEmpty() && s.get(0).value() == 5, TIMEOUT);
      // What the metrics the variety feeds say before this test's images.
      Map<String, Double> before = new LinkedHashMap<>();
      for (String promql : v.grows()) {
        before.put(promql, sum(prometheus.query(promql)));
      }
      Map<String, Double> priorities = byPriority(prometheus);

      // Each room sends its own images, under its own AE title; the refused object comes from DX.
      for (Map.Entry<String, List<Path>> room : v.byRoom.entrySet()) {
        store(room.getKey(), room.getValue());
      }
      Processes.Result refused = LocalStack.storescu("DXROOM1", 120, List.of(v.refused));
      assertThat(refused.out() + refused.stderr())
          .doesNotContain("Received Store Response (Success)");
      deadLetters();

      String technologist = LocalStack.archivePassword(data, "technologist");
      for (String sop : List.of(v.held, v.rejected)) {
        LocalStack.awaitEvent("dicom.instance.delivery.v1", sop, TIMEOUT);
        LocalStack.awaitArchive("/api/quarantine", "technologist", technologist, sop, TIMEOUT);
      }
      reject(v.rejected, technologist);
      // Every instance reached the archive SCP or was quarantined before the SCP is stopped.
      awaitRouted(v.sent);

      // 1. The archive SCP stops answering; what is sent now cannot reach it. storescp (--fork)
      // stops accepting, and the children serving associations the router keeps open end.
      long scp = Long.parseLong(Files.readString(data.resolve("run/archive-scp.pid")).strip());
      signal("STOP", scp);
      try {
        // (Killed, they stay zombies until storescp runs again: their exit is not awaited.)
        ProcessHandle.of(scp).orElseThrow().descendants().forEach(ProcessHandle::destroyForcibly);
        store("CRROOM1", later);
        Prometheus.Alert failing =
            prometheus.awaitFiring(
                "RoentgenDestinationFailing of archive-scp",
                a ->
                    a.name().equals("RoentgenDestinationFailing")
                        && "archive-scp".equals(a.labels().get("destination")),
                TIMEOUT);
        System.out.printf(
            "ObservabilityIT: %s firing %.1f s after the test began: %s%n",
            failing.name(), (System.nanoTime() - t0) / 1e9, failing.annotations().get("summary"));
        assertThat(failing.labels()).containsEntry("severity", "critical");
        assertThat(failing.annotations().get("runbook"))
            .isEqualTo("docs/operations.md#roentgendestinationfailing");
        assertThat(prometheus.alerts())
            .as("Orthanc still answers: its destination is not failing")
            .noneMatch(
                a ->
                    a.name().equals("RoentgenDestinationFailing")
                        && "orthanc".equals(a.labels().get("destination")));
      } finally {
        signal("CONT", scp);
      }
      for (String service : List.of("labeling-validation", "router", "archive")) {
        prometheus.awaitFiring(
            "RoentgenDeadLettersRising of " + service,
            a ->
                a.name().equals("RoentgenDeadLettersRising")
                    && service.equals(a.labels().get("service")),
            TIMEOUT);
      }

      // 2. Every panel query of every dashboard, over the time this test's traffic spans.
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L + 30;
      String window = seconds + "s";
      int queries = 0;
      for (Dashboards.Dashboard d : Dashboards.all()) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Dashboards.Variable var : d.variables()) {
          String selector = Dashboards.substitute(var.selector(), values, window, "1s");
          List<String> found = prometheus.labelValues(var.label(), selector);
          assertThat(found)
              .as("%s: values of variable %s (%s)", d.title(), var.name(), selector)
              .isNotEmpty();
          values.put(var.name(), var.multi() ? Prometheus.regexOf(found) : found.get(0));
        }
        for (Dashboards.Query q : d.queries()) {
          String promql = Dashboards.substitute(q.expr(), values, window, "1s");
          List<Prometheus.Sample> result = prometheus.query(promql);
          assertThat(result)
              .as("%s, %s: data, as %s", d.title(), q, promql)
              .anyMatch(s -> Double.isFinite(s.value()));
          queries++;
        }
      }
      System.out.printf(
          "ObservabilityIT: %d panel queries answered with data, %.1f s after the test began%n",
          queries, (System.nanoTime() - t0) / 1e9);

      // 3. The variety arrived where the panels show it: more than before this test's images.
      for (var e : before.entrySet()) {
        assertThat(sum(prometheus.query(e.getKey())))
            .as("%s, %s before this test's images", e.getKey(), e.getValue())
            .isGreaterThan(e.getValue());
      }
      Map<String, Double> after = byPriority(prometheus);
      for (String priority : List.of("STAT", "ROUTINE")) {
        assertThat(after.getOrDefault(priority, 0.0))
            .as("%s deliveries: %s before this test's images, %s now", priority, priorities, after)
            .isGreaterThan(priorities.getOrDefault(priority, 0.0));
      }
    }
  }

  /** The images of the test, modified so that every panel has something to show. */
  private record Variety(
      Map<String, List<Path>> byRoom,
      Path refused,
      String held,
      String heldRoom,
      String rejected,
      String blankRoom,
      List<String> sent) {

    /** The queries of the metrics this variety makes grow (each a sum: one value, or none). */
    List<String> grows() {
      return List.of(
          "sum(roentgen_archive_quarantine_held{station=\"" + heldRoom + "\"})",
          "sum(roentgen_archive_rejects_total{reason=\"LABELING\"})",
          "sum(roentgen_validation_order_checks_total{status=\"MISMATCH\"})",
          "sum(roentgen_qc_deviation_index_images_total{band=\"above_3\"})",
          "sum(roentgen_qc_findings_total{station=\"" + blankRoom + "\"})",
          "sum(roentgen_ingest_instances_total{outcome=\"failed\"})",
          "sum(roentgen_router_consumer_dead_letters_total{consumer=\"input\"})",
          "sum(roentgen_archive_dead_letters_total)");
    }

    static Variety make(List<Path> files, Path refused) throws Exception {
      Map<String, List<Path>> byRoom = new TreeMap<>();
      List<Path> paired = new ArrayList<>();
      List<Path> other = new ArrayList<>();
      for (Path f : files) {
        Attributes ds = DicomFile.read(f).dataset();
        byRoom.computeIfAbsent(ds.getString(Tag.StationName), k -> new ArrayList<>()).add(f);
        String lat = ds.getString(Tag.ImageLaterality);
        ("L".equals(lat) || "R".equals(lat) ? paired : other).add(f);
      }
      assertThat(byRoom).as("several rooms").hasSizeGreaterThanOrEqualTo(3);
      assertThat(paired).as("images of paired body parts").hasSizeGreaterThanOrEqualTo(2);
      assertThat(other).as("other images").hasSizeGreaterThanOrEqualTo(4);
      // Two laterality contradictions: quarantined; one stays held, one is rejected.
      String held = swapSide(paired.get(0));
      String rejected = swapSide(paired.get(1));
      // A worklist mismatch (the birth date differs from the order's).
      modify(other.get(0), ds -> ds.setString(Tag.PatientBirthDate, VR.DA, "19010101"));
      // An exposure beyond the action level: DI +4.5, consistent with EI and the target.
      modify(
          other.get(1),
          ds -> {
            double target = ds.getDouble(Tag.TargetExposureIndex, 250);
            ds.setString(
                Tag.ExposureIndex, VR.DS, String.format("%.1f", target * Math.pow(10, 0.45)));
            ds.setString(Tag.DeviationIndex, VR.DS, "4.5");
          });
      // A blank image: every pixel the same.
      String blankRoom = station(other.get(2));
      modify(other.get(2), ds -> ds.setBytes(Tag.PixelData, VR.OW, new byte[SIZE * SIZE * 2]));
      // An object without a Study Instance UID, a new instance: ingest refuses it.
      Attributes ds = DicomFile.read(other.get(3)).dataset();
      String sop = "2.25." + new BigInteger(UUID.randomUUID().toString().replace("-", ""), 16);
      ds.setString(Tag.SOPInstanceUID, VR.UI, sop);
      ds.remove(Tag.StudyInstanceUID);
      DicomOutputStream.writeFile(
          refused,
          DicomOutputStream.createFileMetaInformation(
              ds.getString(Tag.SOPClassUID), sop, UID.ExplicitVRLittleEndian),
          ds);
      List<String> sent = new ArrayList<>();
      for (Path f : files) {
        sent.add(sop(f));
      }
      return new Variety(byRoom, refused, held, station(paired.get(0)), rejected, blankRoom, sent);
    }

    private static String swapSide(Path f) throws Exception {
      return modify(
          f,
          ds -> {
            String wrong = "L".equals(ds.getString(Tag.ImageLaterality)) ? "R" : "L";
            ds.setString(Tag.ImageLaterality, VR.CS, wrong);
            if (ds.getString(Tag.Laterality) != null) {
              ds.setString(Tag.Laterality, VR.CS, wrong);
            }
          });
    }

    private interface Change {
      void apply(Attributes ds);
    }

    private static String modify(Path file, Change change) throws Exception {
      DicomFile f = DicomFile.read(file);
      change.apply(f.dataset());
      f.write(file);
      return f.dataset().getString(Tag.SOPInstanceUID);
    }
  }

  /** A room's StationName as the services label it (these names need no replacements). */
  private static String station(Path f) throws Exception {
    return DicomFile.read(f).dataset().getString(Tag.StationName).strip().toUpperCase(Locale.ROOT);
  }

  private static String sop(Path f) throws Exception {
    return DicomFile.readHeader(f).dataset().getString(Tag.SOPInstanceUID);
  }

  private static void store(String aeTitle, List<Path> files) {
    Processes.Result r = LocalStack.storescu(aeTitle, 120, files);
    String log = r.out() + r.stderr();
    assertThat(r.exitCode()).as(log).isZero();
    assertThat(log.split("Received Store Response \\(Success\\)", -1)).hasSize(files.size() + 1);
  }

  /** A record that is no event on the inputs of labeling-validation, the router and the archive. */
  private static void deadLetters() throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (String topic : List.of("dicom.instance.received.v1", "dicom.instance.qc.v1")) {
        producer
            .send(
                new ProducerRecord<>(
                    topic, "not-a-study", "not an event".getBytes(StandardCharsets.UTF_8)))
            .get();
      }
    }
  }

  private static void reject(String sop, String password) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(("technologist:" + password).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(LocalStack.ARCHIVE + "/api/quarantine/" + sop + "/reject"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"reason\":\"wrong side marker, retake\",\"rejectReason\":\"LABELING\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /** Until each instance is DELIVERED to the archive SCP or QUARANTINED by the router. */
  private static void awaitRouted(List<String> sops) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    List<String> missing = sops;
    while (System.nanoTime() < deadline) {
      List<String> routed =
          LocalStack.events("dicom.instance.delivery.v1").stream()
              .filter(
                  l ->
                      l.contains("\"outcome\":\"QUARANTINED\"")
                          || (l.contains("\"outcome\":\"DELIVERED\"")
                              && l.contains("\"destination\":\"archive-scp\"")))
              .toList();
      missing = sops.stream().filter(s -> routed.stream().noneMatch(l -> l.contains(s))).toList();
      if (missing.isEmpty()) {
        return;
      }
      Thread.sleep(1000);
    }
    fail("neither delivered to the archive SCP nor quarantined within %s: %s", TIMEOUT, missing);
  }

  private static void signal(String signal, long pid) {
    Processes.Result r = Processes.run(30, "kill", "-" + signal, Long.toString(pid));
    assertThat(r.exitCode()).as("kill -%s %d: %s", signal, pid, r.stderr()).isZero();
  }

  /** The one value of a sum, 0 when nothing matched (a series not there yet). */
  private static double sum(List<Prometheus.Sample> samples) {
    assertThat(samples).as("a sum's samples").hasSizeLessThanOrEqualTo(1);
    return samples.isEmpty() ? 0 : samples.get(0).value();
  }

  /** The deliveries so far by priority (STAT, ROUTINE). */
  private static Map<String, Double> byPriority(Prometheus prometheus) throws Exception {
    Map<String, Double> counts = new TreeMap<>();
    for (Prometheus.Sample s : prometheus.query(PRIORITIES)) {
      counts.put(s.labels().get("priority"), s.value());
    }
    return counts;
  }
}
