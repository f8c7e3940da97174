package org.roentgen.dicom.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomOutputStream;

/**
 * Synthetic radiographs for tests and benchmarks: Part 10 files of DX Image Storage - For
 * Processing (PS3.3 A.26), explicit VR little endian, 16-bit MONOCHROME2 (14 bits stored), with a
 * header that looks like a modality's (patient, study, series, exposure, spacing, view) and no real
 * patient data: every patient is named {@code SYNTHETIC^PATIENTnnn}.
 *
 * <p>Everything follows from the seed, so a test can regenerate the same set. UIDs are 2.25 UIDs
 * (PS3.5 B.2) made from seeded 128-bit numbers; four images (PA, LAT, left and right) form one
 * study of one patient. Pixel data is a gradient plus noise that differs per image, so neither
 * compression nor deduplication can shortcut a transfer.
 *
 * <p>From a script: {@code java -cp testkit.jar:core.jar
 * org.roentgen.dicom.testkit.SyntheticRadiographs DIR COUNT ROWS COLUMNS [SEED]}.
 */
public final class SyntheticRadiographs {

  /** The SOP class written. */
  public static final String SOP_CLASS = UID.DigitalXRayImageStorageForProcessing;

  private static final int IMAGES_PER_STUDY = 4;
  private static final int BITS_STORED = 14;
  private static final String[] VIEWS = {"PA", "LL", "AP", "AP"};
  private static final String[] LATERALITY = {"U", "U", "L", "R"};
  private static final String[] BODY_PARTS = {"CHEST", "HAND", "KNEE", "FOOT", "PELVIS", "SKULL"};
  private static final LocalDate FIRST_STUDY = LocalDate.of(2024, 1, 2);

  private SyntheticRadiographs() {}

  /**
   * Writes {@code count} files {@code DIR/img000000.dcm ...} of {@code rows} x {@code columns}
   * pixels and returns their paths in order.
   */
  public static List<Path> write(Path dir, int count, int rows, int columns, long seed)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>(count);
    byte[] pixels = new byte[rows * columns * 2];
    for (int i = 0; i < count; i++) {
      Attributes ds = header(i, rows, columns, seed);
      fillPixels(pixels, i, rows, columns, seed);
      ds.setBytes(Tag.PixelData, VR.OW, pixels);
      Path f = dir.resolve(String.format("img%06d.dcm", i));
      DicomOutputStream.writeFile(
          f,
          DicomOutputStream.createFileMetaInformation(
              SOP_CLASS, ds.getString(Tag.SOPInstanceUID), UID.ExplicitVRLittleEndian),
          ds);
      files.add(f);
    }
    return files;
  }

  /** The data set of image {@code index}, pixel data included. */
  public static Attributes image(int index, int rows, int columns, long seed) {
    Attributes ds = header(index, rows, columns, seed);
    byte[] pixels = new byte[rows * columns * 2];
    fillPixels(pixels, index, rows, columns, seed);
    ds.setBytes(Tag.PixelData, VR.OW, pixels);
    return ds;
  }

  /** The data set of image {@code index} without its pixel data. */
  public static Attributes header(int index, int rows, int columns, long seed) {
    int study = index / IMAGES_PER_STUDY;
    int view = index % IMAGES_PER_STUDY;
    String date = FIRST_STUDY.plusDays(study % 365).format(DateTimeFormatter.BASIC_ISO_DATE);
    String time = String.format("%02d%02d00", 8 + study % 10, study % 60);
    String contentTime = String.format("%02d%02d%02d", 8 + study % 10, study % 60, 10 + view * 7);
    SplittableRandom studyRandom = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (study + 1)));
    String studyUid = uid(studyRandom);
    String patientId = String.format("SYN%07d", study);
    SplittableRandom r = new SplittableRandom(seed ^ (0xC2B2AE3D27D4EB4FL * (index + 1)));

    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
    ds.setString(Tag.SOPClassUID, VR.UI, SOP_CLASS);
    ds.setString(Tag.SOPInstanceUID, VR.UI, uid(r));
    ds.setString(Tag.StudyDate, VR.DA, date);
    ds.setString(Tag.SeriesDate, VR.DA, date);
    ds.setString(Tag.ContentDate, VR.DA, date);
    ds.setString(Tag.StudyTime, VR.TM, time);
    ds.setString(Tag.SeriesTime, VR.TM, contentTime);
    ds.setString(Tag.ContentTime, VR.TM, contentTime);
    ds.setString(Tag.AccessionNumber, VR.SH, String.format("ACC%09d", study));
    ds.setString(Tag.Modality, VR.CS, "DX");
    ds.setString(Tag.PresentationIntentType, VR.CS, "FOR PROCESSING");
    ds.setString(Tag.Manufacturer, VR.LO, "ROENTGEN SYNTHETIC");
    ds.setString(Tag.InstitutionName, VR.LO, "SYNTHETIC HOSPITAL");
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "SYNTHETIC^REFERRER");
    ds.setString(Tag.StudyDescription, VR.LO, "XR SYNTHETIC");
    ds.setString(Tag.SeriesDescription, VR.LO, VIEWS[view] + " " + LATERALITY[view]);
    ds.setString(Tag.ManufacturerModelName, VR.LO, "GENERATOR");
    ds.setString(Tag.PatientName, VR.PN, String.format("SYNTHETIC^PATIENT%03d", study));
    ds.setString(Tag.PatientID, VR.LO, patientId);
    ds.setString(
        Tag.PatientBirthDate, VR.DA, String.format("19%02d0%d15", 40 + study % 60, 1 + study % 9));
    ds.setString(Tag.PatientSex, VR.CS, study % 2 == 0 ? "F" : "M");
    ds.setString(Tag.PatientIdentityRemoved, VR.CS, "YES");
    ds.setString(Tag.BodyPartExamined, VR.CS, BODY_PARTS[study % BODY_PARTS.length]);
    ds.setString(Tag.KVP, VR.DS, Integer.toString(60 + r.nextInt(66)));
    ds.setString(Tag.DistanceSourceToDetector, VR.DS, view == 1 ? "1800" : "1150");
    ds.setString(Tag.ExposureTime, VR.IS, Integer.toString(5 + r.nextInt(40)));
    ds.setString(Tag.XRayTubeCurrent, VR.IS, Integer.toString(200 + r.nextInt(400)));
    ds.setString(Tag.Exposure, VR.IS, Integer.toString(1 + r.nextInt(20)));
    ds.setString(Tag.ExposureInuAs, VR.IS, Integer.toString(1000 + r.nextInt(19_000)));
    ds.setString(Tag.ImagerPixelSpacing, VR.DS, "0.139", "0.139");
    ds.setString(Tag.DetectorType, VR.CS, "DIRECT");
    ds.setString(Tag.ViewPosition, VR.CS, VIEWS[view]);
    ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
    ds.setString(Tag.SeriesInstanceUID, VR.UI, uid(r));
    ds.setString(Tag.StudyID, VR.SH, Integer.toString(study + 1));
    ds.setString(Tag.SeriesNumber, VR.IS, Integer.toString(view + 1));
    ds.setString(Tag.InstanceNumber, VR.IS, "1");
    ds.setString(Tag.PatientOrientation, VR.CS, "A", "F");
    ds.setString(Tag.ImageLaterality, VR.CS, LATERALITY[view]);
    ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.setInt(Tag.Rows, VR.US, rows);
    ds.setInt(Tag.Columns, VR.US, columns);
    ds.setString(Tag.PixelSpacing, VR.DS, "0.139", "0.139");
    ds.setInt(Tag.BitsAllocated, VR.US, 16);
    ds.setInt(Tag.BitsStored, VR.US, BITS_STORED);
    ds.setInt(Tag.HighBit, VR.US, BITS_STORED - 1);
    ds.setInt(Tag.PixelRepresentation, VR.US, 0);
    ds.setString(Tag.BurnedInAnnotation, VR.CS, "NO");
    ds.setString(Tag.WindowCenter, VR.DS, "8192");
    ds.setString(Tag.WindowWidth, VR.DS, "16384");
    ds.setString(Tag.RescaleIntercept, VR.DS, "0");
    ds.setString(Tag.RescaleSlope, VR.DS, "1");
    ds.setString(Tag.RescaleType, VR.LO, "US");
    ds.setString(Tag.LossyImageCompression, VR.CS, "00");
    ds.setString(Tag.PixelIntensityRelationship, VR.CS, "LIN");
    ds.setInt(Tag.PixelIntensityRelationshipSign, VR.SS, 1);
    return ds;
  }

  /**
   * Fills {@code pixels} (little endian, {@code rows * columns * 2} bytes) with image {@code
   * index}: a diagonal gradient shifted per image plus 10 bits of xorshift noise, below 2^14.
   */
  public static void fillPixels(byte[] pixels, int index, int rows, int columns, long seed) {
    long x = seed * 0x9E3779B97F4A7C15L + index + 1;
    if (x == 0) {
      x = 1;
    }
    int shift = index * 131;
    int p = 0;
    for (int row = 0; row < rows; row++) {
      int base = 2048 + ((row * 4096 / rows + shift) & 0x1FFF);
      for (int col = 0; col < columns; col += 4) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        long noise = x;
        int n = Math.min(4, columns - col);
        for (int k = 0; k < n; k++) {
          int v = base + (col + k) * 2048 / columns + (int) (noise & 0x3FF);
          noise >>>= 16;
          pixels[p++] = (byte) v;
          pixels[p++] = (byte) (v >>> 8);
        }
      }
    }
  }

  /** A 2.25 UID (PS3.5 B.2) from 128 random bits. */
  private static String uid(SplittableRandom r) {
    byte[] b = new byte[16];
    r.nextBytes(b);
    return "2.25." + new BigInteger(1, b);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 4 || args.length > 5) {
      System.err.println("usage: SyntheticRadiographs DIR COUNT ROWS COLUMNS [SEED]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    int rows = Integer.parseInt(args[2]);
    int columns = Integer.parseInt(args[3]);
    long seed = args.length == 5 ? Long.parseLong(args[4]) : 1;
    long start = System.nanoTime();
    write(dir, count, rows, columns, seed);
    System.out.printf(
        "wrote %d images of %dx%d to %s in %.1f s%n",
        count, rows, columns, dir, (System.nanoTime() - start) / 1e9);
  }
}
