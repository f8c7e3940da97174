package org.roentgen.archive.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReleased;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.ClinicalRadiographs;

/**
 * The reports test's department: 24 studies of CR, DX and MG (48 views) and 5 more exposures, in
 * three rooms over six days; deviation indices inside, on and beyond the TG-116 levels; QC and
 * validation findings; reviewer rejects and releases; and, for each image, the reject the analysis
 * must find. Published as the pipeline's events; the review actions written as the review service
 * would.
 */
final class ReportsDataSet {
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
  private static final long SEED = 23;
  private static final int STUDIES = 24;

  /** The rooms; the third needs quoting in CSV. */
  static final List<String> STATIONS = List.of("ROOM A", "ROOM B", "DX \"R2\", EAST");

  /** Deviation indices put on every fourth image: inside, on and beyond the levels. */
  static final double[] DI = {-3.5, 3.2, -1.5, 2.0, -3.0, 1.0, 3.01, -0.99, 4.5, -2.2, 0.0, -4.1};

  private ReportsDataSet() {}

  record Review(String action, String rejectReason, Instant at) {}

  /**
   * One image sent, what the pipeline said about it and what the reject analysis must make of it.
   */
  static final class Sent {
    final int index;
    Attributes ds;
    PipelineEvents.Stored stored;
    boolean validated = true;
    List<InstanceValidated.Finding> validation = List.of();
    boolean analysed = true;
    boolean notAnalysed;
    List<InstanceQc.Finding> qc = List.of();
    boolean releasedEvent;
    final List<Review> reviews = new ArrayList<>();
    List<String> reject;

    Sent(int index, Attributes ds) {
      this.index = index;
      this.ds = ds;
    }

    Sent v(InstanceValidated.Finding... findings) {
      validation = List.of(findings);
      return this;
    }

    Sent q(InstanceQc.Finding... findings) {
      qc = List.of(findings);
      return this;
    }

    Sent review(String action, String reason, int minute) {
      reviews.add(
          new Review(
              action, reason, Instant.parse("2026-11-10T09:00:00Z").plusSeconds(60L * minute)));
      return this;
    }

    /** The reject the analysis must find: source, reason, detail (null for a reviewer's). */
    Sent rejected(String source, String reason, String detail) {
      reject = Arrays.asList(source, reason, detail);
      return this;
    }

    String station() {
      return text(ds, Tag.StationName);
    }

    String studyDate() {
      return text(ds, Tag.StudyDate);
    }
  }

  /** The images, generated and planned; {@code files} takes the copies made for retakes. */
  static List<Sent> generate(Path files) throws Exception {
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < STUDIES * ClinicalRadiographs.IMAGES_PER_STUDY; i++) {
      int study = i / ClinicalRadiographs.IMAGES_PER_STUDY;
      Attributes ds = ClinicalRadiographs.image(i, 64, 64, SEED);
      ds.setString(Tag.StationName, VR.SH, STATIONS.get((study / 2) % STATIONS.size()));
      ds.setString(Tag.StudyDate, VR.DA, LocalDate.of(2026, 11, 1).plusDays(study % 6).format(DA));
      if (i % 4 == 1) {
        ds.setString(Tag.DeviationIndex, VR.DS, Double.toString(DI[i / 4]));
      }
      if ("DX".equals(ds.getString(Tag.Modality))) {
        ds.setString(
            Tag.ImageAndFluoroscopyAreaDoseProduct,
            VR.DS,
            String.format(java.util.Locale.ROOT, "%.3f", 0.05 + 0.01 * i));
      }
      if (i == 42) {
        ds.remove(Tag.DeviationIndex);
      }
      if (i == 46) {
        for (int tag :
            new int[] {
              Tag.KVP,
              Tag.Exposure,
              Tag.ExposureInuAs,
              Tag.ExposureInmAs,
              Tag.ExposureIndex,
              Tag.TargetExposureIndex,
              Tag.DeviationIndex,
              Tag.ImageAndFluoroscopyAreaDoseProduct
            }) {
          ds.remove(tag);
        }
      }
      sent.add(new Sent(i, ds));
    }
    // What the pipeline and the reviewers said, and what the analysis must count.
    sent.get(1).review("REJECTED", "POSITIONING", 0).rejected("REVIEW", "POSITIONING", null);
    sent.get(3).q(qcFail("exposure.under")).rejected("QC", "EXPOSURE", "exposure.under");
    sent.get(4)
        .v(vFail("laterality.contradiction"))
        .rejected("VALIDATION", "LABELING", "laterality.contradiction");
    sent.get(5).q(qcWarn("noise"));
    sent.get(6).v(vWarn("order.mismatch"));
    sent.get(8)
        .q(qcWarn("noise"), qcFail("blur"))
        .v(vFail("view.missing"))
        .rejected("QC", "MOTION", "blur");
    sent.get(10)
        .v(vWarn("order.mismatch"), vFail("identity.malformed"))
        .rejected("VALIDATION", "LABELING", "identity.malformed");
    sent.get(11).v(vWarn("view.undefined-term"), vWarn("order.name-tolerance"));
    sent.get(13)
        .q(qcWarn("grid-lines"), qcFail("foreign-object"), qcFail("detector-defect"))
        .rejected("QC", "ARTIFACT", "foreign-object");
    sent.get(15)
        .v(vFail("exposure.deviation-index-action"))
        .rejected("VALIDATION", "EXPOSURE", "exposure.deviation-index-action");
    sent.get(17)
        .v(vWarn("order.mismatch"), vFail("order.mismatch"))
        .rejected("VALIDATION", "LABELING", "order.mismatch");
    sent.get(18).v(finding("pregnancy.status-unknown", Severity.INFO));
    sent.get(20).q(qcFail("detector-defect")).releasedEvent = true;
    sent.get(22).v(vFail("laterality.contradiction")).review("RELEASED", null, 1);
    sent.get(27)
        .q(qcFail("blur"))
        .review("REJECTED", "MOTION", 2)
        .rejected("REVIEW", "MOTION", null);
    sent.get(30).review("REJECTED", null, 3).rejected("REVIEW", "OTHER", null);
    sent.get(33).q(qcFail("saturation")).rejected("QC", "EXPOSURE", "saturation");
    sent.get(35)
        .v(vWarn("order.mismatch"))
        .review("REJECTED", "EXPOSURE", 4)
        .rejected("REVIEW", "EXPOSURE", null);
    sent.get(36).review("REJECTED", "MOTION", 5).review("RELEASED", null, 6);
    sent.get(37)
        .q(qcFail("blur"))
        .review("RELEASED", null, 7)
        .review("REJECTED", "POSITIONING", 8)
        .rejected("REVIEW", "POSITIONING", null);
    sent.get(40).notAnalysed = true;
    sent.get(44).validated = false;
    sent.get(44).analysed = false;
    // Retakes: of the rejected image 1, two of image 2, one of image 9; and a copy of image 16
    // with the other side, which is no retake.
    int next = sent.size();
    for (int of : new int[] {1, 2, 2, 9, 16}) {
      Attributes ds = copy(files, sent.get(of).ds);
      ds.setString(Tag.AcquisitionTime, VR.TM, "23" + (next - 38) + "00"); // later that day
      if (of == 1) {
        ds.setString(Tag.DeviationIndex, VR.DS, "0.3"); // the retake was well exposed
      }
      if (of == 16) {
        for (int tag : new int[] {Tag.Laterality, Tag.ImageLaterality}) {
          String side = text(ds, tag);
          if (side != null) {
            ds.setString(tag, VR.CS, "L".equals(side) ? "R" : "L");
          }
        }
      }
      sent.add(new Sent(next++, ds));
    }
    return sent;
  }

  /** Stores and publishes every image's events; the number of events published. */
  static int publish(PipelineEvents pipeline, List<Sent> sent) throws Exception {
    int events = 0;
    for (Sent s : sent) {
      s.stored = pipeline.store(s.ds, 1, null);
      s.ds = s.stored.dataset();
      pipeline.received(s.stored);
      events++;
      InstanceValidated.Validation v = validation(s);
      InstanceQc.Qc q = qc(s);
      if (s.validated) {
        pipeline.republish(
            Topics.INSTANCE_VALIDATED,
            s.stored,
            id(),
            new InstanceValidated(s.stored.instance(), v));
        events++;
      }
      if (s.analysed) {
        pipeline.republish(
            Topics.INSTANCE_QC, s.stored, id(), new InstanceQc(s.stored.instance(), v, q));
        events++;
      }
      if (s.releasedEvent) {
        pipeline.republish(
            Topics.INSTANCE_RELEASED,
            s.stored,
            id(),
            new InstanceReleased(
                s.stored.instance(),
                v,
                q,
                new InstanceReleased.Release(
                    null,
                    "tech.it",
                    "the defect is outside the anatomy",
                    Instant.parse("2026-11-10T08:00:00Z"),
                    List.of())));
        events++;
      }
    }
    return events;
  }

  /** Writes the review actions into the archive's database. */
  static void recordReviews(String database, List<Sent> sent) throws Exception {
    // The review service is not built yet: its records, as it would write them.
    try (Connection c = ArchiveResource.connect(database);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO review_action (sop_uid, study_uid, action, at, user_id, reason,"
                    + " reject_reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (Sent s : sent) {
        for (Review r : s.reviews) {
          ps.setString(1, s.stored.sop());
          ps.setString(2, s.stored.study());
          ps.setString(3, r.action());
          ps.setTimestamp(4, Timestamp.from(r.at()));
          ps.setString(5, "tech.it");
          ps.setString(6, "seen on the image");
          ps.setString(7, r.rejectReason());
          ps.executeUpdate();
        }
      }
    }
  }

  static InstanceQc.Finding qcFail(String check) {
    return qcFinding(check, Severity.FAIL);
  }

  static InstanceQc.Finding qcWarn(String check) {
    return qcFinding(check, Severity.WARN);
  }

  static InstanceQc.Finding qcFinding(String check, Severity severity) {
    return new InstanceQc.Finding(
        check, severity, 0.9, 0.5, InstanceQc.ThresholdSource.DEFAULT, null, check + " found");
  }

  static InstanceValidated.Finding vFail(String rule) {
    return finding(rule, Severity.FAIL);
  }

  static InstanceValidated.Finding vWarn(String rule) {
    return finding(rule, Severity.WARN);
  }

  static InstanceValidated.Finding finding(String rule, Severity severity) {
    return new InstanceValidated.Finding(rule, severity, null, null, null, null, rule + " found");
  }

  static InstanceValidated.Validation validation(Sent s) {
    return new InstanceValidated.Validation(
        InstanceValidated.Verdict.of(s.validation),
        s.validation,
        InstanceValidated.Order.of(InstanceValidated.OrderStatus.MATCHED),
        "ab".repeat(32),
        Instant.parse("2026-11-02T08:00:01Z"),
        "labeling-validation-it");
  }

  static InstanceQc.Qc qc(Sent s) {
    return new InstanceQc.Qc(
        s.notAnalysed ? InstanceQc.Verdict.NOT_ANALYSED : InstanceQc.Verdict.of(s.qc),
        s.notAnalysed
            ? new InstanceQc.NotAnalysed(
                InstanceQc.NotAnalysedReason.DECODE_FAILED, "the frame does not decode")
            : null,
        Map.of("sharpness", 1.5),
        s.qc,
        null,
        null,
        "cd".repeat(32),
        Instant.parse("2026-11-02T08:00:02Z"),
        "artifact-detection-it",
        12.0);
  }

  /** The data set with a new SOP Instance UID: a further exposure of the same view. */
  static Attributes copy(Path files, Attributes ds) throws Exception {
    Path tmp = files.resolve("copy-" + UUID.randomUUID() + ".dcm");
    org.roentgen.dicom.io.DicomOutputStream.writeFile(
        tmp,
        org.roentgen.dicom.io.DicomOutputStream.createFileMetaInformation(
            ds.getString(Tag.SOPClassUID),
            ds.getString(Tag.SOPInstanceUID),
            org.roentgen.dicom.data.UID.ExplicitVRLittleEndian),
        ds);
    Attributes copy = DicomFile.read(tmp).dataset();
    copy.setString(
        Tag.SOPInstanceUID,
        VR.UI,
        "2.25." + new java.math.BigInteger(UUID.randomUUID().toString().replace("-", ""), 16));
    copy.setString(Tag.InstanceNumber, VR.IS, "2");
    return copy;
  }

  static String id() {
    return UUID.randomUUID().toString();
  }

  static String text(Attributes ds, int tag) {
    String s = ds.getString(tag);
    return s == null || s.isBlank() ? null : s.strip();
  }

  static Double number(Attributes ds, int tag) {
    String s = text(ds, tag);
    return s == null ? null : Double.valueOf(s);
  }
}
