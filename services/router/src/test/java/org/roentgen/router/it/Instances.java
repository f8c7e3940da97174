package org.roentgen.router.it;

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
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.testkit.SyntheticRadiographs;
import org.roentgen.platform.objectstore.ObjectStore;

/**
 * Instances for the router as the pipeline hands them over: synthetic images of the test kit
 * ({@link SyntheticRadiographs}: fake patients) made into DX, CR or CT, written as Part 10 files,
 * stored in S3 under ingest's key, and announced by the {@code dicom.instance.qc} event that
 * artifact detection would publish (size and SHA-256 of the object, the header as DICOM JSON
 * without bulk data, the pixel data's place, the time of receipt, a validation and a QC block).
 * Four consecutive indexes form one study; the rules of the test route by Station Name.
 */
final class Instances {
  /** What the router's rules and de-identification look at; everything else as the kit makes it. */
  enum Kind {
    DX,
    CR,
    CT
  }

  /** An instance stored and its event. */
  record Stored(Path file, Attributes dataset, InstanceQc event) {
    String sop() {
      return event.instance().sopInstanceUid();
    }

    String study() {
      return event.instance().studyInstanceUid();
    }
  }

  private static final DicomJson HEADER = DicomJson.omittingBulkData(0);
  private static final int ROWS = 64;
  private static final int COLUMNS = 48;

  private final ObjectStore store;
  private final String bucket;
  private final Path dir;
  private final long seed;

  Instances(ObjectStore store, String bucket, Path dir, long seed) {
    this.store = store;
    this.bucket = bucket;
    this.dir = dir;
    this.seed = seed;
  }

  /** A change to a data set before it is written. */
  @FunctionalInterface
  interface Edit {
    void apply(Attributes ds);
  }

  /** Image {@code index} of the kit as {@code kind}, from station {@code station}, stored. */
  Stored store(int index, Kind kind, String station) throws IOException {
    return store(index, kind, station, InstanceQc.Verdict.PASS, ds -> {});
  }

  /** As {@link #store(int, Kind, String)}, with a QC verdict and an edit of the data set. */
  Stored store(int index, Kind kind, String station, InstanceQc.Verdict verdict, Edit edit)
      throws IOException {
    Attributes ds = SyntheticRadiographs.image(index, ROWS, COLUMNS, seed);
    switch (kind) {
      case DX -> {}
      case CR -> {
        ds.setString(Tag.SOPClassUID, VR.UI, UID.ComputedRadiographyImageStorage);
        ds.setString(Tag.Modality, VR.CS, "CR");
        ds.remove(Tag.PresentationIntentType);
      }
      case CT -> {
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.remove(Tag.PresentationIntentType);
        ds.remove(Tag.ImagerPixelSpacing);
      }
    }
    ds.setString(Tag.StationName, VR.SH, station);
    edit.apply(ds);
    Files.createDirectories(dir);
    String sop = ds.getString(Tag.SOPInstanceUID);
    Path file = dir.resolve(sop + ".dcm");
    DicomOutputStream.writeFile(
        file,
        DicomOutputStream.createFileMetaInformation(
            ds.getString(Tag.SOPClassUID), sop, UID.ExplicitVRLittleEndian),
        ds);
    InstanceQc event = event(file, verdict);
    try (InputStream in = Files.newInputStream(file)) {
      store.put(
          bucket,
          event.instance().object().key(),
          in,
          Files.size(file),
          "application/dicom",
          Map.of());
    }
    return new Stored(file, DicomFile.read(file).dataset(), event);
  }

  /**
   * A corrected version of {@code s}, as the archive would store it when a reviewer corrects
   * attributes: the stored data set with {@code edit} applied, written and stored under ingest's
   * key of version {@code version}; its event's instance points at it (the header read from it,
   * {@code s}'s object as the previous version), the validation and qc blocks are {@code s}'s.
   */
  Stored version(Stored s, int version, Edit edit) throws IOException {
    Attributes ds = DicomFile.read(s.file()).dataset();
    edit.apply(ds);
    String sop = ds.getString(Tag.SOPInstanceUID);
    Path file = dir.resolve(sop + "-v" + version + ".dcm");
    DicomOutputStream.writeFile(
        file,
        DicomOutputStream.createFileMetaInformation(
            ds.getString(Tag.SOPClassUID), sop, UID.ExplicitVRLittleEndian),
        ds);
    InstanceReceived i = event(file, s.event().qc().verdict()).instance();
    InstanceReceived corrected =
        new InstanceReceived(
            i.sopInstanceUid(),
            i.sopClassUid(),
            i.studyInstanceUid(),
            i.seriesInstanceUid(),
            i.transferSyntaxUid(),
            i.modality(),
            new InstanceReceived.StoredObject(
                bucket, key(ds, version), i.object().size(), i.object().sha256(), version),
            s.event().instance().object(),
            s.event().instance().source(),
            i.header(),
            i.pixelData(),
            s.event().instance().receivedAt());
    try (InputStream in = Files.newInputStream(file)) {
      store.put(
          bucket, corrected.object().key(), in, Files.size(file), "application/dicom", Map.of());
    }
    return new Stored(
        file,
        DicomFile.read(file).dataset(),
        new InstanceQc(corrected, s.event().validation(), s.event().qc()));
  }

  /** The object key ingest gives a first version. */
  static String key(Attributes ds) {
    return key(ds, 1);
  }

  /** The object key ingest gives version {@code version} (1 for the first). */
  static String key(Attributes ds, int version) {
    return "studies/"
        + ds.getString(Tag.StudyInstanceUID)
        + "/series/"
        + ds.getString(Tag.SeriesInstanceUID)
        + "/instances/"
        + ds.getString(Tag.SOPInstanceUID)
        + (version == 1 ? "" : "-v" + version)
        + ".dcm";
  }

  private InstanceQc event(Path file, InstanceQc.Verdict verdict) throws IOException {
    DicomFile f = DicomFile.readHeader(file);
    Attributes ds = f.dataset();
    JsonNode header = EventJson.mapper().readTree(HEADER.write(ds));
    DicomInputStream.ElementHeader ph = f.pixelData();
    long size = Files.size(file);
    InstanceReceived received =
        new InstanceReceived(
            ds.getString(Tag.SOPInstanceUID),
            ds.getString(Tag.SOPClassUID),
            ds.getString(Tag.StudyInstanceUID),
            ds.getString(Tag.SeriesInstanceUID),
            f.transferSyntax().uid(),
            ds.getString(Tag.Modality),
            new InstanceReceived.StoredObject(bucket, key(ds), size, sha256(file), 1),
            null,
            new InstanceReceived.Source(
                InstanceReceived.Protocol.DIMSE,
                ds.getString(Tag.StationName),
                "ROENTGEN",
                "127.0.0.1:40000",
                "ingest-it"),
            header,
            new InstanceReceived.PixelData(ph.valueOffset(), ph.length(), false),
            Instant.now());
    Instant now = Instant.now();
    InstanceValidated.Validation validation =
        new InstanceValidated.Validation(
            InstanceValidated.Verdict.PASS,
            List.of(),
            InstanceValidated.Order.of(InstanceValidated.OrderStatus.MATCHED),
            "ab".repeat(32),
            now,
            "labeling-validation-it");
    List<InstanceQc.Finding> findings =
        verdict == InstanceQc.Verdict.FAIL
            ? List.of(
                new InstanceQc.Finding(
                    "exposure.under",
                    Severity.FAIL,
                    0.2,
                    0.07,
                    InstanceQc.ThresholdSource.DEFAULT,
                    null,
                    "underexposed"))
            : List.of();
    InstanceQc.Qc qc =
        new InstanceQc.Qc(
            verdict,
            null,
            Map.of("exposure.mean-fraction", 0.4),
            findings,
            null,
            null,
            "cd".repeat(32),
            now,
            "artifact-detection-it",
            12.0);
    InstanceQc e = new InstanceQc(received, validation, qc);
    String json = EventJson.mapper().writeValueAsString(e);
    List<String> violations = ContractSchemas.violations(Topics.INSTANCE_QC, json);
    if (!violations.isEmpty()) {
      throw new IllegalStateException("the test's qc event is not valid: " + violations);
    }
    return e;
  }

  static String sha256(Path file) throws IOException {
    return sha256(Files.readAllBytes(file));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
