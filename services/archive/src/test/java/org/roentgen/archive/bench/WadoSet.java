package org.roentgen.archive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.archive.bench.ArchiveBench.Settings;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;

/**
 * The instances of the retrieval comparison, the same Part 10 files in both systems: radiographs of
 * {@link ClinicalRadiographs} written to {@code <work>/wado}; into the archive as the pipeline puts
 * them there (the object in S3 under ingest's key, then {@code dicom.instance.received.v1} for it,
 * checked against its schema, which the archive's consumer indexes), and into Orthanc by its REST
 * API ({@code POST /instances}). Waits until the archive's index holds every instance and writes
 * the list ({@code <work>/wado.tsv}: file, study, series, SOP instance, Orthanc's id, size) for
 * {@link WadoRetrieve}.
 */
final class WadoSet {
  private static final DicomJson HEADER = DicomJson.omittingBulkData(0);

  /** One instance of the set. */
  record Item(Path file, String study, String series, String sop, String orthancId, long size) {
    String line() {
      return String.join("\t", file.toString(), study, series, sop, orthancId, Long.toString(size));
    }

    static Item parse(String line) {
      String[] f = line.split("\t");
      return new Item(Path.of(f[0]), f[1], f[2], f[3], f[4], Long.parseLong(f[5]));
    }
  }

  private WadoSet() {}

  static Path list(Path work) {
    return work.resolve("wado.tsv");
  }

  static int run() throws Exception {
    Path work = Settings.work();
    int count = Integer.getInteger("bench.wado-count", 200);
    int size = Integer.getInteger("bench.wado-size", 1024);
    String bucket = System.getProperty("bench.bucket", "bench-wado");
    String orthanc = Settings.required("bench.orthanc-url");
    long t0 = System.nanoTime();
    List<Path> files =
        ClinicalRadiographs.write(work.resolve("wado"), null, count, size, size, 7001);
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    System.out.printf(
        Locale.ROOT,
        "   wrote %d radiographs of %dx%d (%.1f MB) in %.1f s%n",
        files.size(),
        size,
        size,
        bytes / 1e6,
        (System.nanoTime() - t0) / 1e9);

    List<InstanceReceived> received = new ArrayList<>();
    long t1 = System.nanoTime();
    try (ObjectStore store =
            new MinioObjectStore(
                ObjectStoreSettings.of(
                    Settings.required("bench.s3-endpoint"),
                    s3Key("ACCESS", "roentgen"),
                    s3Key("SECRET", "roentgen-local")));
        Producer<String, byte[]> producer =
            new KafkaProducer<>(
                ProducerSettings.durable(
                    Settings.required("bench.kafka"), "archive-bench", Duration.ofSeconds(30)))) {
      store.ensureBucket(bucket);
      for (Path f : files) {
        InstanceReceived r = received(f, bucket);
        try (InputStream in = Files.newInputStream(f)) {
          store.put(bucket, r.object().key(), in, r.object().size(), "application/dicom", Map.of());
        }
        publish(producer, r);
        received.add(r);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "   the archive: %d objects put into S3 and their received events on Kafka in %.1f s%n",
        files.size(),
        (System.nanoTime() - t1) / 1e9);

    BenchHttp http = new BenchHttp(Settings.user(), Settings.password());
    List<Item> items = new ArrayList<>();
    long t2 = System.nanoTime();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      InstanceReceived r = received.get(i);
      String answer =
          http.ok(
              http.post(
                  orthanc + "/instances",
                  HttpRequest.BodyPublishers.ofFile(f),
                  "application/dicom"));
      String id = EventJson.mapper().readTree(answer).path("ID").asText();
      if (id.isEmpty()) {
        throw new IllegalStateException("Orthanc's answer to POST /instances has no ID: " + answer);
      }
      items.add(
          new Item(
              f,
              r.studyInstanceUid(),
              r.seriesInstanceUid(),
              r.sopInstanceUid(),
              id,
              r.object().size()));
    }
    System.out.printf(
        Locale.ROOT,
        "   Orthanc: %d instances uploaded (POST /instances, one at a time) in %.1f s%n",
        items.size(),
        (System.nanoTime() - t2) / 1e9);

    awaitIndexed(bucket, files.size());
    System.out.printf(
        Locale.ROOT,
        "   the archive's index holds all %d, %.1f s after the first event%n",
        files.size(),
        (System.nanoTime() - t1) / 1e9);
    List<String> lines = items.stream().map(Item::line).toList();
    Files.write(list(work), lines, StandardCharsets.UTF_8);
    return 0;
  }

  /** The S3 key from {@code ROENTGEN_S3_<which>_KEY}, else the local stack's. */
  private static String s3Key(String which, String fallback) {
    String v = System.getenv("ROENTGEN_S3_" + which + "_KEY");
    return v == null || v.isEmpty() ? fallback : v;
  }

  /** The received event of a file, as ingest writes it: header without bulk data, ingest's key. */
  private static InstanceReceived received(Path file, String bucket) throws Exception {
    DicomFile f = DicomFile.readHeader(file);
    Attributes head = f.dataset();
    JsonNode header = EventJson.mapper().readTree(HEADER.write(head));
    DicomInputStream.ElementHeader pixels = f.pixelData();
    String sop = head.getString(Tag.SOPInstanceUID);
    String key =
        "studies/"
            + head.getString(Tag.StudyInstanceUID)
            + "/series/"
            + head.getString(Tag.SeriesInstanceUID)
            + "/instances/"
            + sop
            + ".dcm";
    return new InstanceReceived(
        sop,
        head.getString(Tag.SOPClassUID),
        head.getString(Tag.StudyInstanceUID),
        head.getString(Tag.SeriesInstanceUID),
        f.transferSyntax().uid(),
        head.getString(Tag.Modality),
        new InstanceReceived.StoredObject(bucket, key, Files.size(file), sha256(file), 1),
        null,
        new InstanceReceived.Source(
            InstanceReceived.Protocol.DIMSE,
            head.getString(Tag.StationName),
            "ROENTGEN",
            "127.0.0.1:40000",
            "archive-bench"),
        header,
        new InstanceReceived.PixelData(pixels.valueOffset(), pixels.length(), false),
        Instant.now());
  }

  private static void publish(Producer<String, byte[]> producer, InstanceReceived r)
      throws Exception {
    Topics topic = Topics.INSTANCE_RECEIVED;
    String json = EventJson.mapper().writeValueAsString(r);
    List<String> violations = ContractSchemas.violations(topic, json);
    if (!violations.isEmpty()) {
      throw new IllegalStateException("the bench's received event is invalid: " + violations);
    }
    CloudEvent<Object> e =
        CloudEvent.of("/archive-bench", topic.eventType(), r.sopInstanceUid(), Instant.now(), r);
    producer
        .send(KafkaCloudEvents.toRecord(topic.topic(), r.studyInstanceUid(), e))
        .get(30, TimeUnit.SECONDS);
  }

  /** Until the index holds {@code count} instances in the bucket; two minutes at most. */
  private static void awaitIndexed(String bucket, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    try (Connection c =
            DriverManager.getConnection(
                Settings.jdbcUrl(), Settings.dbUser(), Settings.dbPassword());
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM instance WHERE bucket = ?")) {
      ps.setString(1, bucket);
      while (true) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long n = rs.getLong(1);
          if (n >= count) {
            return;
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "the archive indexed " + n + " of " + count + " instances in two minutes");
          }
        }
        Thread.sleep(200);
      }
    }
  }

  static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int n = in.read(buf); n > 0; n = in.read(buf)) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
