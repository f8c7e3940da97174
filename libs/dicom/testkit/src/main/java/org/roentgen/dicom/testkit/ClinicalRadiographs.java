package org.roentgen.dicom.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.json.DicomJson;

/**
 * Synthetic radiographs that look like a department's day and go through the pipeline clean:
 * studies of CR (CR Image Storage, PS3.3 A.2), DX (Digital X-Ray Image Storage - For Presentation,
 * A.26) and MG (Digital Mammography X-Ray Image Storage - For Presentation, A.27) in turn, {@value
 * #IMAGES_PER_STUDY} views each, every one with its Modality Worklist order (PS3.4 K.6). No real
 * patient: names come from short lists, identifiers from the seed.
 *
 * <p>The header has every type 1 and 2 attribute of the IOD's modules, the patient and request
 * (Request Attributes Sequence), laterality and view consistent with the descriptions, and an
 * exposure record (KVP, mAs, ExposureIndex, TargetExposureIndex, DeviationIndex) consistent with
 * itself (DI = 10 log10(EI / EI_T), within -1 and +1) and with the pixels. The pixels are a drawn
 * anatomy (chest PA and lateral, knee AP and lateral, hand PA and oblique, breast CC and MLO) seen
 * by a linear detector with quantum noise ({@link ClinicalDetector}): collimated, sharp, not
 * clipped, no grid lines, no defects. 16 bits allocated, {@value #BITS_STORED} stored, MONOCHROME2.
 *
 * <p>Everything follows from the index, size and seed (and the day, when given): a test can
 * regenerate the same set. From a script: {@code java -cp testkit.jar:core.jar
 * org.roentgen.dicom.testkit.ClinicalRadiographs DIR COUNT ROWS COLUMNS [SEED] [--orders DIR]
 * [--date YYYYMMDD|today] [--stat SHARE]}.
 */
public final class ClinicalRadiographs {
  /** Views per study. */
  public static final int IMAGES_PER_STUDY = 2;

  /** The day of every study unless another is given: a Monday. */
  public static final LocalDate DEFAULT_DAY = LocalDate.of(2026, 11, 2);

  /** The AE title (and station name) of each modality's room: {@code <modality>ROOM1}. */
  public static final String STATION_SUFFIX = "ROOM1";

  private static final int BITS_STORED = 14;
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
  private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

  /**
   * When the studies happen and which are urgent.
   *
   * @param day the study date, and the scheduled date of every order
   * @param statShare the share of studies (0 to 1) requested STAT (RequestedProcedurePriority)
   */
  public record Schedule(LocalDate day, double statShare) {
    public static final Schedule DEFAULT = new Schedule(DEFAULT_DAY, 0);
  }

  private ClinicalRadiographs() {}

  /** Modality of image `index` in a mixed set: studies cycle CR, DX, MG. */
  public static String modality(int index) {
    return ClinicalStudy.modality(index / IMAGES_PER_STUDY);
  }

  /**
   * Image {@code index} (0-based, {@value #IMAGES_PER_STUDY} images per study), header and pixels,
   * on {@link #DEFAULT_DAY}, no study STAT.
   */
  public static Attributes image(int index, int rows, int columns, long seed) {
    return image(index, rows, columns, seed, Schedule.DEFAULT);
  }

  /** Image {@code index} on the schedule's day. */
  public static Attributes image(int index, int rows, int columns, long seed, Schedule schedule) {
    ClinicalStudy study =
        ClinicalStudy.of(index / IMAGES_PER_STUDY, seed, schedule.day(), schedule.statShare());
    int viewIndex = index % IMAGES_PER_STUDY;
    ClinicalStudy.View view = study.exam().views().get(viewIndex);
    SplittableRandom r = new SplittableRandom(seed ^ (0xC2B2AE3D27D4EB4FL * (index + 1L)));
    String modality = study.exam().modality();
    double spacing =
        switch (modality) {
          case "CR" -> 0.1;
          case "MG" -> 0.085;
          default -> 0.148;
        };
    ClinicalCanvas canvas =
        new ClinicalCanvas(columns, rows, spacing, r.split(), "L".equals(study.side()));
    ClinicalDetector.Field field = ClinicalAnatomy.draw(view.drawing(), canvas);
    double exposure = 0.85 + 0.3 * r.nextDouble();
    ClinicalDetector.Exposed exposed =
        ClinicalDetector.expose(canvas, field, exposure, BITS_STORED, r.split());
    Attributes ds = ClinicalHeaders.image(study, viewIndex, view, r, rows, columns, spacing);
    ClinicalHeaders.exposure(ds, study, view, exposure, exposed, r);
    ds.setBytes(Tag.PixelData, VR.OW, exposed.pixels());
    return ds;
  }

  /**
   * The Modality Worklist order (one scheduled procedure step) of the study of {@code image}, as
   * the worklist SCP keeps it: patient, AccessionNumber, StudyInstanceUID, the requested procedure
   * and its priority, and the step (modality, station AE title, start date and time, description,
   * ID, status).
   */
  public static Attributes order(Attributes image) {
    Attributes request = image.getSequence(Tag.RequestAttributesSequence).get(0);
    Attributes o = new Attributes();
    o.setString(Tag.AccessionNumber, VR.SH, image.getString(Tag.AccessionNumber));
    o.setString(Tag.ReferringPhysicianName, VR.PN, image.getString(Tag.ReferringPhysicianName));
    o.setString(Tag.PatientName, VR.PN, image.getString(Tag.PatientName));
    o.setString(Tag.PatientID, VR.LO, image.getString(Tag.PatientID));
    o.setString(Tag.PatientBirthDate, VR.DA, image.getString(Tag.PatientBirthDate));
    o.setString(Tag.PatientSex, VR.CS, image.getString(Tag.PatientSex));
    if (image.contains(Tag.PregnancyStatus)) {
      o.setInt(Tag.PregnancyStatus, VR.US, image.getInt(Tag.PregnancyStatus, 4));
    }
    o.setString(Tag.StudyInstanceUID, VR.UI, image.getString(Tag.StudyInstanceUID));
    o.setString(
        Tag.RequestedProcedureDescription,
        VR.LO,
        request.getString(Tag.RequestedProcedureDescription));
    String modality = image.getString(Tag.Modality);
    Attributes step = o.newSequence(Tag.ScheduledProcedureStepSequence, 1).addItem();
    step.setString(Tag.Modality, VR.CS, modality);
    step.setString(Tag.ScheduledStationAETitle, VR.AE, modality + STATION_SUFFIX);
    step.setString(Tag.ScheduledStationName, VR.SH, modality + STATION_SUFFIX);
    step.setString(Tag.ScheduledProcedureStepStartDate, VR.DA, image.getString(Tag.StudyDate));
    LocalTime start = LocalTime.parse(image.getString(Tag.StudyTime), TM);
    step.setString(
        Tag.ScheduledProcedureStepStartTime,
        VR.TM,
        start.withSecond(0).minusMinutes(start.getMinute() % 5).format(TM));
    step.setString(
        Tag.ScheduledProcedureStepDescription,
        VR.LO,
        request.getString(Tag.ScheduledProcedureStepDescription));
    step.setString(
        Tag.ScheduledProcedureStepID, VR.SH, request.getString(Tag.ScheduledProcedureStepID));
    step.setString(Tag.ScheduledProcedureStepStatus, VR.CS, "SCHEDULED");
    o.setString(Tag.RequestedProcedureID, VR.SH, request.getString(Tag.RequestedProcedureID));
    o.setString(
        Tag.RequestedProcedurePriority,
        VR.CS,
        request.getString(Tag.RequestedProcedurePriority, 0, "ROUTINE"));
    return o;
  }

  /**
   * Writes {@code count} images as Part 10 files (explicit VR little endian) named {@code
   * <SOPInstanceUID>.dcm} into {@code dir} and, when {@code ordersDir} is not null, each study's
   * order as DICOM JSON ({@code <AccessionNumber>.json}, what the toolkit's worklist reads) into
   * {@code ordersDir}; returns the image files in index order.
   */
  public static List<Path> write(
      Path dir, Path ordersDir, int count, int rows, int columns, long seed) throws IOException {
    return write(dir, ordersDir, count, rows, columns, seed, Schedule.DEFAULT);
  }

  /** As {@link #write(Path, Path, int, int, int, long)}, on the schedule's day. */
  public static List<Path> write(
      Path dir, Path ordersDir, int count, int rows, int columns, long seed, Schedule schedule)
      throws IOException {
    Files.createDirectories(dir);
    if (ordersDir != null) {
      Files.createDirectories(ordersDir);
    }
    DicomJson json = DicomJson.inline();
    List<Path> files = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Attributes ds = image(i, rows, columns, seed, schedule);
      String sop = ds.getString(Tag.SOPInstanceUID);
      Path f = dir.resolve(sop + ".dcm");
      DicomOutputStream.writeFile(
          f,
          DicomOutputStream.createFileMetaInformation(
              ds.getString(Tag.SOPClassUID), sop, UID.ExplicitVRLittleEndian),
          ds);
      files.add(f);
      if (ordersDir != null && i % IMAGES_PER_STUDY == 0) {
        String accession = ds.getString(Tag.AccessionNumber);
        Path file = ordersDir.resolve(accession + ".json");
        Path part = ordersDir.resolve("." + accession + ".json.part");
        Files.writeString(part, json.write(order(ds)), StandardCharsets.UTF_8);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    return files;
  }

  /**
   * {@code ClinicalRadiographs DIR COUNT ROWS COLUMNS [SEED] [--orders ORDERS_DIR] [--date
   * YYYYMMDD|today] [--stat SHARE]}; prints one summary line.
   */
  public static void main(String[] args) throws IOException {
    List<String> positional = new ArrayList<>();
    Path orders = null;
    LocalDate day = DEFAULT_DAY;
    double stat = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--orders" -> orders = Path.of(args[++i]);
          case "--date" -> {
            String d = args[++i];
            day = d.equals("today") ? LocalDate.now() : LocalDate.parse(d, DA);
          }
          case "--stat" -> stat = Double.parseDouble(args[++i]);
          default -> positional.add(args[i]);
        }
      }
      if (positional.size() < 4 || positional.size() > 5 || stat < 0 || stat > 1) {
        throw new IllegalArgumentException("wrong arguments");
      }
    } catch (RuntimeException e) {
      System.err.println(
          "usage: ClinicalRadiographs DIR COUNT ROWS COLUMNS [SEED] [--orders ORDERS_DIR]"
              + " [--date YYYYMMDD|today] [--stat SHARE]");
      System.exit(2);
      return;
    }
    Path dir = Path.of(positional.get(0));
    int count = Integer.parseInt(positional.get(1));
    int rows = Integer.parseInt(positional.get(2));
    int columns = Integer.parseInt(positional.get(3));
    long seed = positional.size() == 5 ? Long.parseLong(positional.get(4)) : 1;
    long start = System.nanoTime();
    write(dir, orders, count, rows, columns, seed, new Schedule(day, stat));
    int studies = (count + IMAGES_PER_STUDY - 1) / IMAGES_PER_STUDY;
    System.out.printf(
        Locale.ROOT,
        "wrote %d images (%d studies, CR/DX/MG in turn) of %dx%d to %s%s in %.1f s%n",
        count,
        studies,
        rows,
        columns,
        dir,
        orders == null ? "" : " and " + studies + " orders to " + orders,
        (System.nanoTime() - start) / 1e9);
  }
}
