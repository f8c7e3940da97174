package org.roentgen.archive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.objectstore.ObjectStore;

/**
 * The studies of {@link RetentionIT}, by name: generated radiographs of three modalities and
 * several ages (StudyDate set, or absent and received long ago or lately), one sharing its patient
 * with another, one with a corrected version 2 and a QC preview, one whose preview the object store
 * refuses to delete at first; stored in S3 and published as the pipeline would.
 */
final class RetentionStudies {
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
  private static final long SEED = 23;

  /** Study name -> its instances (the last one of oldCr also as its corrected version 2). */
  static final Map<String, List<PipelineEvents.Stored>> studies = new LinkedHashMap<>();

  static PipelineEvents.Stored corrected;
  static String preview;

  /**
   * The bucket failingCr's preview is said to be in at first: not a bucket name, so that the object
   * store refuses its deletion.
   */
  static final String LATE = "Not_A_Bucket";

  static String latePreview;

  /** The pipeline events published. */
  static int events;

  private static PipelineEvents pipeline;
  private static Producer<String, byte[]> producer;
  private static Map<Topics, String> topics;

  private RetentionStudies() {}

  /** Stores and publishes every study. */
  static void publish(
      PipelineEvents pipeline,
      ObjectStore store,
      Producer<String, byte[]> producer,
      Map<Topics, String> topics)
      throws Exception {
    RetentionStudies.pipeline = pipeline;
    RetentionStudies.producer = producer;
    RetentionStudies.topics = topics;
    LocalDate today = LocalDate.now();
    Instant now = Instant.now();
    // Study k has images 2k and 2k+1; studies cycle CR, DX, MG.
    Attributes oldCrPatient = ClinicalRadiographs.image(0, 64, 48, SEED);
    add("oldCr", 0, today.minusYears(3), null, null);
    add("oldDx", 1, today.minusYears(3), null, null);
    add("oldMg", 2, today.minusYears(3), null, null);
    add("heldCr", 3, today.minusYears(3), null, null);
    add("youngCr", 6, today.minusDays(10), null, oldCrPatient);
    add("undatedOldCr", 9, null, now.minus(730, ChronoUnit.DAYS), null);
    add("undatedNewCr", 12, null, null, null);
    add("failingCr", 15, today.minusYears(3), null, null);
    for (List<PipelineEvents.Stored> study : studies.values()) {
      for (PipelineEvents.Stored s : study) {
        pipeline.received(s);
        pipeline.validated(s, InstanceValidated.Verdict.PASS);
        events += 2;
      }
    }
    // oldCr: a QC preview beside its first instance, a corrected version 2 of its second.
    PipelineEvents.Stored first = studies.get("oldCr").get(0);
    preview = "previews/" + first.sop() + ".png";
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    store.put(
        ArchiveResource.BUCKET,
        preview,
        new ByteArrayInputStream(png),
        png.length,
        "image/png",
        Map.of());
    publish(
        Topics.INSTANCE_QC,
        first,
        new InstanceQc(
            first.instance(),
            PipelineEvents.validation(InstanceValidated.Verdict.PASS),
            new InstanceQc.Qc(
                InstanceQc.Verdict.PASS,
                null,
                Map.of("sharpness", 1.5),
                List.of(),
                null,
                new InstanceQc.Preview(ArchiveResource.BUCKET, preview, "image/png", 64, 48),
                "cd".repeat(32),
                Instant.now(),
                "artifact-detection-it",
                12.0)));
    events++;
    PipelineEvents.Stored failing = studies.get("failingCr").get(0);
    latePreview = "previews/" + failing.sop() + ".png";
    publish(
        Topics.INSTANCE_QC,
        failing,
        new InstanceQc(
            failing.instance(),
            PipelineEvents.validation(InstanceValidated.Verdict.PASS),
            new InstanceQc.Qc(
                InstanceQc.Verdict.PASS,
                null,
                Map.of("sharpness", 1.5),
                List.of(),
                null,
                new InstanceQc.Preview(LATE, latePreview, "image/png", 64, 48),
                "cd".repeat(32),
                Instant.now(),
                "artifact-detection-it",
                12.0)));
    events++;
    PipelineEvents.Stored second = studies.get("oldCr").get(1);
    Attributes fixed = DicomFile.read(second.file()).dataset();
    fixed.setString(Tag.SeriesDescription, VR.LO, "corrected");
    corrected = pipeline.store(fixed, 2, second.instance().object());
    pipeline.received(corrected);
    events++;
    for (String name : List.of("oldDx", "youngCr")) {
      for (PipelineEvents.Stored s : studies.get(name)) {
        pipeline.qc(s, InstanceValidated.Verdict.PASS, InstanceQc.Verdict.PASS);
        events++;
      }
    }
  }

  /**
   * Stores the two images of study {@code number} on {@code day} (null: no StudyDate), received at
   * {@code received} (null: the pipeline's default), optionally of {@code patient}'s patient.
   */
  private static void add(
      String name, int number, LocalDate day, Instant received, Attributes patient)
      throws Exception {
    List<PipelineEvents.Stored> out = new ArrayList<>();
    for (int i = 2 * number; i < 2 * number + 2; i++) {
      Attributes ds = ClinicalRadiographs.image(i, 64, 48, SEED);
      if (day == null) {
        ds.remove(Tag.StudyDate);
      } else {
        ds.setString(Tag.StudyDate, VR.DA, day.format(DA));
      }
      if (patient != null) {
        for (int tag :
            new int[] {Tag.PatientID, Tag.PatientName, Tag.PatientBirthDate, Tag.PatientSex}) {
          ds.setString(tag, patient.getVR(tag), patient.getString(tag));
        }
      }
      PipelineEvents.Stored s = pipeline.store(ds, 1, null);
      if (received != null) {
        InstanceReceived r = s.instance();
        s =
            new PipelineEvents.Stored(
                s.file(),
                s.dataset(),
                new InstanceReceived(
                    r.sopInstanceUid(),
                    r.sopClassUid(),
                    r.studyInstanceUid(),
                    r.seriesInstanceUid(),
                    r.transferSyntaxUid(),
                    r.modality(),
                    r.object(),
                    r.previousVersion(),
                    r.source(),
                    r.header(),
                    r.pixelData(),
                    received));
      }
      out.add(s);
    }
    studies.put(name, out);
  }

  private static void publish(Topics topic, PipelineEvents.Stored s, Object data) throws Exception {
    CloudEvent<Object> e = CloudEvent.of("/it", topic.eventType(), s.sop(), Instant.now(), data);
    String json = EventJson.mapper().writeValueAsString(e.data());
    assertThat(ContractSchemas.violations(topic, json)).as("the test's " + topic).isEmpty();
    producer
        .send(KafkaCloudEvents.toRecord(topics.get(topic), s.study(), e))
        .get(30, TimeUnit.SECONDS);
  }

  static String study(String name) {
    return studies.get(name).get(0).study();
  }

  static String patient(String name) {
    return studies.get(name).get(0).dataset().getString(Tag.PatientID);
  }

  static List<String> sops(String name) {
    return studies.get(name).stream().map(PipelineEvents.Stored::sop).toList();
  }

  /**
   * Every object the pipeline stored for the study in the run's bucket: versions and the preview
   * (failingCr's preview is in {@link #LATE}).
   */
  static List<String> objects(String name) {
    List<String> out = new ArrayList<>();
    for (PipelineEvents.Stored s : studies.get(name)) {
      out.add(s.instance().object().key());
    }
    if (name.equals("oldCr")) {
      out.add(corrected.instance().object().key());
      out.add(preview);
    }
    return out;
  }

  static Set<String> studiesOf(String... names) {
    Set<String> out = new TreeSet<>();
    for (String n : names) {
      out.add(study(n));
    }
    return out;
  }
}
