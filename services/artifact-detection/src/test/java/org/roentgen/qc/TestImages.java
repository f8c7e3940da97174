package org.roentgen.qc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Fragments;
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
 * Synthetic radiographs (the test kit's {@link SyntheticRadiographs}: fake patients, no real data)
 * as Part 10 files, stored in S3 the way ingest stores them, and the {@code
 * dicom.instance.validated} events that announce them: the header as DICOM JSON without bulk data
 * and the pixel data's offset and length from {@link DicomFile#readHeader}.
 */
public final class TestImages {
  public static final long SEED = 20261126L;
  private static final DicomJson HEADER = DicomJson.omittingBulkData(0);

  private TestImages() {}

  /** A file of synthetic image {@code index}, changed by {@code edit} before it is written. */
  public static Path write(Path dir, int index, int rows, int columns, String syntax, Edit edit)
      throws IOException {
    Attributes ds = SyntheticRadiographs.image(index, rows, columns, SEED);
    ds.setString(Tag.StationName, VR.SH, "DXROOM" + (1 + index % 2));
    ds.setString(Tag.ExposureIndex, VR.DS, Integer.toString(200 + index * 10));
    ds.setString(Tag.TargetExposureIndex, VR.DS, "250");
    ds.setString(Tag.DeviationIndex, VR.DS, index % 2 == 0 ? "-0.5" : "1.5");
    edit.apply(ds);
    Files.createDirectories(dir);
    Path f = dir.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
    DicomOutputStream.writeFile(
        f,
        DicomOutputStream.createFileMetaInformation(
            ds.getString(Tag.SOPClassUID), ds.getString(Tag.SOPInstanceUID), syntax),
        ds);
    return f;
  }

  /** An uncompressed 16-bit image as the test kit makes it. */
  public static Path image(Path dir, int index, int rows, int columns) throws IOException {
    return write(dir, index, rows, columns, UID.ExplicitVRLittleEndian, ds -> {});
  }

  /** JPEG baseline (1.2.840.10008.1.2.4.50) whose one fragment is not JPEG at all. */
  public static Path corruptJpeg(Path dir, int index) throws IOException {
    return write(
        dir,
        index,
        64,
        64,
        "1.2.840.10008.1.2.4.50",
        ds -> {
          ds.setInt(Tag.BitsAllocated, VR.US, 8);
          ds.setInt(Tag.BitsStored, VR.US, 8);
          ds.setInt(Tag.HighBit, VR.US, 7);
          Fragments f = ds.newFragments(Tag.PixelData, VR.OB, 2);
          f.add(new byte[0]);
          f.add("this is no JPEG stream, only some text!!".getBytes(StandardCharsets.US_ASCII));
        });
  }

  /** A change to a data set before it is written. */
  @FunctionalInterface
  public interface Edit {
    void apply(Attributes ds);
  }

  /** The object key ingest gives a first version. */
  public static String key(Attributes ds) {
    return "studies/"
        + ds.getString(Tag.StudyInstanceUID)
        + "/series/"
        + ds.getString(Tag.SeriesInstanceUID)
        + "/instances/"
        + ds.getString(Tag.SOPInstanceUID)
        + ".dcm";
  }

  /** Stores the file in S3 under its ingest key and returns the validated event announcing it. */
  public static InstanceValidated store(ObjectStore store, String bucket, Path file)
      throws IOException {
    InstanceValidated v = event(file, bucket);
    try (InputStream in = Files.newInputStream(file)) {
      store.put(
          bucket, v.instance().object().key(), in, Files.size(file), "application/dicom", Map.of());
    }
    return v;
  }

  /** The validated event of a file stored under its ingest key in {@code bucket}. */
  public static InstanceValidated event(Path file, String bucket) throws IOException {
    DicomFile f = DicomFile.readHeader(file);
    Attributes ds = f.dataset();
    JsonNode header = EventJson.mapper().readTree(HEADER.write(ds));
    DicomInputStream.ElementHeader ph = f.pixelData();
    long size = Files.size(file);
    InstanceReceived.PixelData pixel =
        ph == null
            ? null
            : new InstanceReceived.PixelData(
                ph.valueOffset(),
                ph.undefinedLength() ? size - ph.valueOffset() : ph.length(),
                ph.undefinedLength() || f.transferSyntax().encapsulated());
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
                InstanceReceived.Protocol.DIMSE, "DXROOM1", "ROENTGEN", "127.0.0.1:40000", "it"),
            header,
            pixel,
            Instant.parse("2026-11-26T10:00:00Z"));
    return new InstanceValidated(received, validation());
  }

  /** The event with its pixel data reference replaced. */
  public static InstanceValidated withPixelData(
      InstanceValidated v, InstanceReceived.PixelData pixel) {
    InstanceReceived i = v.instance();
    return new InstanceValidated(
        new InstanceReceived(
            i.sopInstanceUid(),
            i.sopClassUid(),
            i.studyInstanceUid(),
            i.seriesInstanceUid(),
            i.transferSyntaxUid(),
            i.modality(),
            i.object(),
            i.previousVersion(),
            i.source(),
            i.header(),
            pixel,
            i.receivedAt()),
        v.validation());
  }

  private static InstanceValidated.Validation validation() {
    return new InstanceValidated.Validation(
        InstanceValidated.Verdict.PASS,
        List.of(),
        InstanceValidated.Order.of(InstanceValidated.OrderStatus.MATCHED),
        "cd".repeat(32),
        Instant.parse("2026-11-26T10:00:01Z"),
        "labeling-validation-it");
  }

  /** The bytes of the file from {@code offset}, {@code length} of them. */
  public static byte[] slice(Path file, long offset, long length) throws IOException {
    byte[] all = Files.readAllBytes(file);
    byte[] out = new byte[(int) length];
    System.arraycopy(all, (int) offset, out, 0, out.length);
    return out;
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
