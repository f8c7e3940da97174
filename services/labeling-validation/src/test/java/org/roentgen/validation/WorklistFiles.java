package org.roentgen.validation;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.validation.domain.ScheduledStep;

/**
 * The worklist files DCMTK's {@code wlmscpfs} serves: one folder per called AE title under the data
 * folder ({@code -dfp}), each with a {@code lockfile}, and one {@code .wl} file per scheduled
 * procedure step. wlmscpfs reads the folder again for every C-FIND, so entries may be added and
 * removed while it runs.
 *
 * <p>wlmscpfs ignores a file that lacks a type 1 return key of PS3.4 table K.6-1 or whose Scheduled
 * Procedure Step Sequence has other than one item: every file here is complete, and an order of
 * several steps is several files with the same accession number (and study and requested
 * procedure).
 */
public final class WorklistFiles {
  /** The character set of the files unless one is given: UTF-8. */
  public static final String DEFAULT_CHARSET = "ISO_IR 192";

  /** One scheduled procedure step of an order: what one {@code .wl} file holds. */
  public record Entry(
      String patientId,
      String patientName,
      String birthDate,
      String sex,
      String accession,
      String modality,
      String requestedProcedureDescription,
      String stepDescription,
      String stationAeTitle) {}

  private static final AtomicInteger FILES = new AtomicInteger();

  private final Path dataFolder;
  private final String aeTitle;
  private final Path folder;

  /** StudyInstanceUID and RequestedProcedureID of each accession number written. */
  private final Map<String, String[]> orders = new HashMap<>();

  /**
   * Creates {@code dataFolder/aeTitle/lockfile} (wlmscpfs answers called AE titles that have such a
   * folder and rejects the others).
   */
  public WorklistFiles(Path dataFolder, String aeTitle) throws IOException {
    this.dataFolder = dataFolder;
    this.aeTitle = aeTitle;
    this.folder = Files.createDirectories(dataFolder.resolve(aeTitle));
    if (!Files.exists(folder.resolve("lockfile"))) {
      Files.createFile(folder.resolve("lockfile"));
    }
  }

  /** The folder to give wlmscpfs as {@code -dfp}. */
  public Path dataFolder() {
    return dataFolder;
  }

  /** The AE title these files answer to. */
  public String aeTitle() {
    return aeTitle;
  }

  /** Writes the scheduled step as the worklist holds it, in UTF-8; returns its file. */
  public Path add(ScheduledStep s) throws IOException {
    return add(
        new Entry(
            s.patientId(),
            s.patientName(),
            s.patientBirthDate(),
            s.patientSex(),
            s.accessionNumber(),
            s.modality(),
            s.requestedProcedureDescription(),
            s.stepDescription(),
            s.stationAeTitle()));
  }

  /** Writes {@code entry} in UTF-8 ({@link #DEFAULT_CHARSET}); returns its file. */
  public Path add(Entry entry) throws IOException {
    return add(entry, DEFAULT_CHARSET);
  }

  /**
   * Writes {@code entry} with Specific Character Set {@code specificCharacterSet} (for example
   * {@code ISO_IR 100}, {@code ISO_IR 192}, or null for the default repertoire); returns its file.
   * The file appears whole (written aside, then moved) so a running wlmscpfs never reads half.
   */
  public Path add(Entry entry, String specificCharacterSet) throws IOException {
    int n = FILES.incrementAndGet();
    Attributes ds = item(entry, specificCharacterSet, n);
    Path tmp = folder.resolve("entry-" + n + ".tmp");
    Path file = folder.resolve("entry-" + n + ".wl");
    DicomOutputStream.writeFile(
        tmp,
        DicomOutputStream.createFileMetaInformation(
            UID.ModalityWorklistInformationModelFind,
            newUid(),
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()),
        ds);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** Removes one entry written by {@link #add}. */
  public void remove(Path file) throws IOException {
    Files.delete(file);
  }

  /** Removes every entry. */
  public void clear() throws IOException {
    for (Path f : files()) {
      Files.delete(f);
    }
  }

  /** The {@code .wl} files now in the folder. */
  public List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".wl")).sorted().toList();
    }
  }

  /**
   * A complete worklist item: the entry's values, and every other type 1 return key of PS3.4 table
   * K.6-1 filled in (a study, a requested procedure and step ID, today's date, a physician).
   */
  private synchronized Attributes item(Entry e, String charset, int n) {
    String[] order =
        orders.computeIfAbsent(e.accession(), a -> new String[] {newUid(), "RP" + (1000 + n)});
    Attributes ds = new Attributes();
    if (charset != null) {
      ds.setString(Tag.SpecificCharacterSet, VR.CS, charset);
    }
    set(ds, Tag.AccessionNumber, VR.SH, e.accession());
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "HOUSE^GREGORY");
    ds.setNull(Tag.ReferencedStudySequence, VR.SQ);
    set(ds, Tag.PatientName, VR.PN, e.patientName());
    set(ds, Tag.PatientID, VR.LO, e.patientId());
    set(ds, Tag.PatientBirthDate, VR.DA, e.birthDate());
    set(ds, Tag.PatientSex, VR.CS, e.sex());
    ds.setNull(Tag.ReferencedPatientSequence, VR.SQ);
    ds.setString(Tag.StudyInstanceUID, VR.UI, order[0]);
    ds.setString(Tag.RequestingPhysician, VR.PN, "HOUSE^GREGORY");
    set(ds, Tag.RequestedProcedureDescription, VR.LO, e.requestedProcedureDescription());
    Attributes sps = ds.newSequence(Tag.ScheduledProcedureStepSequence, 1).addItem();
    set(sps, Tag.Modality, VR.CS, e.modality());
    set(sps, Tag.ScheduledStationAETitle, VR.AE, e.stationAeTitle());
    sps.setString(
        Tag.ScheduledProcedureStepStartDate,
        VR.DA,
        LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE));
    sps.setString(Tag.ScheduledProcedureStepStartTime, VR.TM, "080000");
    sps.setString(Tag.ScheduledPerformingPhysicianName, VR.PN, "CURIE^MARIE");
    set(sps, Tag.ScheduledProcedureStepDescription, VR.LO, e.stepDescription());
    sps.setString(Tag.ScheduledProcedureStepID, VR.SH, "SPS" + n);
    ds.setString(Tag.RequestedProcedureID, VR.SH, order[1]);
    ds.setString(Tag.RequestedProcedurePriority, VR.SH, "ROUTINE");
    return ds;
  }

  /** Sets a value, or an empty one for null (wlmscpfs drops files missing a type 1 value). */
  private static void set(Attributes ds, int tag, VR vr, String value) {
    if (value == null) {
      ds.setNull(tag, vr);
    } else {
      ds.setString(tag, vr, value);
    }
  }

  /** A UID from a random UUID (PS3.5 B.2). */
  static String newUid() {
    UUID u = UUID.randomUUID();
    ByteBuffer b =
        ByteBuffer.allocate(16)
            .putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, b.array());
  }
}
