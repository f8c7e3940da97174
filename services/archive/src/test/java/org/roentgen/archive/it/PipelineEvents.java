package org.roentgen.archive.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceDelivery;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceReleased;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.objectstore.ObjectStore;

/**
 * The pipeline's side of the archive's tests: stores data sets in S3 under ingest's keys and
 * publishes, on the run's own topics, the events that ingest, labeling-validation,
 * artifact-detection and the router would publish for them (each checked against its contract's
 * schema before it is sent).
 */
final class PipelineEvents {
  private static final DicomJson HEADER = DicomJson.omittingBulkData(0);

  /** A stored object and the received event's instance fields. */
  record Stored(Path file, Attributes dataset, InstanceReceived instance) {
    String sop() {
      return instance.sopInstanceUid();
    }

    String study() {
      return instance.studyInstanceUid();
    }

    String series() {
      return instance.seriesInstanceUid();
    }
  }

  private final ObjectStore store;
  private final String bucket;
  private final Path dir;
  private final Producer<String, byte[]> producer;
  private final Map<Topics, String> topics;

  PipelineEvents(
      ObjectStore store,
      String bucket,
      Path dir,
      Producer<String, byte[]> producer,
      Map<Topics, String> topics) {
    this.store = store;
    this.bucket = bucket;
    this.dir = dir;
    this.producer = producer;
    this.topics = topics;
  }

  /** Writes {@code ds} as a Part 10 file and stores it as version {@code version}. */
  Stored store(Attributes ds, int version, InstanceReceived.StoredObject previous)
      throws IOException {
    Files.createDirectories(dir);
    String sop = ds.getString(Tag.SOPInstanceUID);
    Path file = dir.resolve(sop + (version == 1 ? "" : "-v" + version) + ".dcm");
    DicomOutputStream.writeFile(
        file,
        DicomOutputStream.createFileMetaInformation(
            ds.getString(Tag.SOPClassUID), sop, UID.ExplicitVRLittleEndian),
        ds);
    DicomFile f = DicomFile.readHeader(file);
    Attributes head = f.dataset();
    JsonNode header = EventJson.mapper().readTree(HEADER.write(head));
    DicomInputStream.ElementHeader ph = f.pixelData();
    String key =
        "studies/"
            + head.getString(Tag.StudyInstanceUID)
            + "/series/"
            + head.getString(Tag.SeriesInstanceUID)
            + "/instances/"
            + sop
            + (version == 1 ? "" : "-v" + version)
            + ".dcm";
    InstanceReceived received =
        new InstanceReceived(
            sop,
            head.getString(Tag.SOPClassUID),
            head.getString(Tag.StudyInstanceUID),
            head.getString(Tag.SeriesInstanceUID),
            f.transferSyntax().uid(),
            head.getString(Tag.Modality),
            new InstanceReceived.StoredObject(bucket, key, Files.size(file), sha256(file), version),
            previous,
            new InstanceReceived.Source(
                InstanceReceived.Protocol.DIMSE,
                head.getString(Tag.StationName),
                "ROENTGEN",
                "127.0.0.1:40000",
                "ingest-it"),
            header,
            new InstanceReceived.PixelData(ph.valueOffset(), ph.length(), false),
            Instant.parse("2026-11-02T08:00:00Z"));
    try (InputStream in = Files.newInputStream(file)) {
      store.put(bucket, key, in, Files.size(file), "application/dicom", Map.of());
    }
    return new Stored(file, DicomFile.read(file).dataset(), received);
  }

  static InstanceValidated.Validation validation(InstanceValidated.Verdict verdict) {
    List<InstanceValidated.Finding> findings =
        verdict == InstanceValidated.Verdict.FAIL
            ? List.of(
                new InstanceValidated.Finding(
                    "laterality.contradiction",
                    InstanceValidated.Severity.FAIL,
                    "ImageLaterality",
                    "00200062",
                    "L",
                    "R",
                    "ImageLaterality R contradicts LEFT in SeriesDescription"))
            : List.of();
    return new InstanceValidated.Validation(
        verdict,
        findings,
        InstanceValidated.Order.of(InstanceValidated.OrderStatus.MATCHED),
        "ab".repeat(32),
        Instant.parse("2026-11-02T08:00:01Z"),
        "labeling-validation-it");
  }

  static InstanceQc.Qc qc(InstanceQc.Verdict verdict) {
    return new InstanceQc.Qc(
        verdict,
        null,
        Map.of("exposure.signal-median", 0.42, "sharpness", 1.5),
        List.of(),
        null,
        null,
        "cd".repeat(32),
        Instant.parse("2026-11-02T08:00:02Z"),
        "artifact-detection-it",
        12.0);
  }

  String received(Stored s) {
    return publish(Topics.INSTANCE_RECEIVED, s, s.instance());
  }

  String validated(Stored s, InstanceValidated.Verdict verdict) {
    return publish(
        Topics.INSTANCE_VALIDATED, s, new InstanceValidated(s.instance(), validation(verdict)));
  }

  String qc(Stored s, InstanceValidated.Verdict validation, InstanceQc.Verdict verdict) {
    return publish(
        Topics.INSTANCE_QC, s, new InstanceQc(s.instance(), validation(validation), qc(verdict)));
  }

  /**
   * A DELIVERED event; a released instance's delivery carries the quarantined event's blocks
   * (validation FAIL), as the router passes them on.
   */
  String delivered(Stored s, String destination, InstanceReleased.Release release) {
    InstanceDelivery.Delivery d =
        new InstanceDelivery.Delivery(
            InstanceDelivery.Outcome.DELIVERED,
            destination,
            List.of("to-" + destination),
            InstanceDelivery.Priority.ROUTINE,
            1,
            Instant.parse("2026-11-02T08:00:03Z"),
            Instant.parse("2026-11-02T08:00:04Z"),
            4000,
            new InstanceDelivery.Sent(
                s.instance().transferSyntaxUid(),
                s.instance().object().sha256(),
                s.instance().object().size(),
                false,
                List.of(),
                false),
            null,
            null,
            "router-it");
    return publish(
        Topics.INSTANCE_DELIVERY,
        s,
        new InstanceDelivery(
            s.instance(),
            validation(
                release == null ? InstanceValidated.Verdict.PASS : InstanceValidated.Verdict.FAIL),
            qc(InstanceQc.Verdict.PASS),
            release,
            d));
  }

  String quarantined(Stored s) {
    InstanceDelivery.Delivery d =
        new InstanceDelivery.Delivery(
            InstanceDelivery.Outcome.QUARANTINED,
            null,
            List.of(),
            InstanceDelivery.Priority.ROUTINE,
            0,
            Instant.parse("2026-11-02T08:00:03Z"),
            Instant.parse("2026-11-02T08:00:03Z"),
            3000,
            null,
            null,
            new InstanceDelivery.Quarantine(
                "validation verdict FAIL", List.of("laterality.contradiction")),
            "router-it");
    return publish(
        Topics.INSTANCE_DELIVERY,
        s,
        new InstanceDelivery(
            s.instance(),
            validation(InstanceValidated.Verdict.FAIL),
            qc(InstanceQc.Verdict.PASS),
            d));
  }

  InstanceReleased.Release release(String quarantineEventId) {
    return new InstanceReleased.Release(
        quarantineEventId,
        "tech.it",
        "laterality checked on the image",
        Instant.parse("2026-11-02T09:00:00Z"),
        List.of(new InstanceReleased.Correction("ImageLaterality", "00200062")));
  }

  String released(Stored corrected, InstanceReleased.Release release) {
    return publish(
        Topics.INSTANCE_RELEASED,
        corrected,
        new InstanceReleased(
            corrected.instance(),
            validation(InstanceValidated.Verdict.FAIL),
            qc(InstanceQc.Verdict.PASS),
            release));
  }

  /** Publishes the same event again under the same id: a redelivery. */
  void republish(Topics topic, Stored s, String id, Object data) {
    send(topic, s, new CloudEvent<>(id, "/it", topic.eventType(), s.sop(), Instant.now(), data));
  }

  private String publish(Topics topic, Stored s, Object data) {
    CloudEvent<Object> e = CloudEvent.of("/it", topic.eventType(), s.sop(), Instant.now(), data);
    send(topic, s, e);
    return e.id();
  }

  private void send(Topics topic, Stored s, CloudEvent<Object> e) {
    try {
      String json = EventJson.mapper().writeValueAsString(e.data());
      List<String> violations = ContractSchemas.violations(topic, json);
      if (!violations.isEmpty()) {
        throw new IllegalStateException("the test's " + topic + " event is invalid: " + violations);
      }
      producer
          .send(KafkaCloudEvents.toRecord(topics.get(topic), s.study(), e))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException("cannot publish " + topic + ": " + ex, ex);
    }
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
