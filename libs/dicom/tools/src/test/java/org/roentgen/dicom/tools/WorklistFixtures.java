package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.testkit.Processes;

/**
 * The synthetic worklist of {@link WorklistCommandIT}, in every form the worklist command reads: a
 * DICOM JSON object, a JSON array of two orders, a hand-written JSON file with non-ASCII text and
 * no Specific Character Set, a Part 10 file of the core writer, and a Latin-1 file made by DCMTK's
 * dump2dcm without file meta information. The same orders also go, all as Part 10 files, into a
 * folder for DCMTK's wlmscpfs.
 */
final class WorklistFixtures {
  private WorklistFixtures() {}

  /** One order with its one scheduled procedure step. */
  record Entry(
      String accession,
      String patientId,
      String patientName,
      String sex,
      String modality,
      String station,
      String date,
      String time) {}

  static final Entry E1 =
      new Entry("ACC2001", "WL-P2001", "DOE^JANE", "F", "DX", "DXROOM1", "20260312", "080000");
  static final Entry E2 =
      new Entry("ACC2002", "WL-P2002", "ROE^RICHARD", "M", "DX", "DXROOM2", "20260313", "093000");
  static final Entry E3 =
      new Entry("ACC2003", "WL-P2003", "SMITH^ANNA", "F", "CT", "CTROOM1", "20260312", "101500");
  static final Entry E4 =
      new Entry("ACC2004", "WL-P2004", "MILLER^MAX", "M", "DX", "DXROOM1", "20260312", "143000");
  static final Entry E5 =
      new Entry(
          "ACC2005", "WL-P2005", "SYNTHETIC^JÖRG", "M", "CR", "CRROOM1", "20260314", "110000");
  static final Entry E6 =
      new Entry("ACC2006", "WL-P2006", "GÉRARD^TEST", "F", "DX", "DXROOM2", "20260312", "120000");

  static final List<Entry> ALL = List.of(E1, E2, E3, E4, E5, E6);

  /** A complete order (the type 1 keys of PS3.4 table K.6-1, so that wlmscpfs takes it). */
  static Attributes order(Entry e, String charset) {
    Attributes ds = new Attributes();
    if (charset != null) {
      ds.setString(Tag.SpecificCharacterSet, VR.CS, charset);
    }
    ds.setString(Tag.AccessionNumber, VR.SH, e.accession());
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "HOUSE^GREGORY");
    ds.setString(Tag.PatientName, VR.PN, e.patientName());
    ds.setString(Tag.PatientID, VR.LO, e.patientId());
    ds.setString(Tag.PatientBirthDate, VR.DA, "19800101");
    ds.setString(Tag.PatientSex, VR.CS, e.sex());
    ds.setString(Tag.StudyInstanceUID, VR.UI, "2.25.1" + e.accession().substring(3));
    ds.setString(Tag.RequestingPhysician, VR.PN, "HOUSE^GREGORY");
    ds.setString(Tag.RequestedProcedureDescription, VR.LO, e.modality() + " EXAM");
    Attributes sps = ds.newSequence(Tag.ScheduledProcedureStepSequence, 1).addItem();
    sps.setString(Tag.Modality, VR.CS, e.modality());
    sps.setString(Tag.ScheduledStationAETitle, VR.AE, e.station());
    sps.setString(Tag.ScheduledProcedureStepStartDate, VR.DA, e.date());
    sps.setString(Tag.ScheduledProcedureStepStartTime, VR.TM, e.time());
    sps.setString(Tag.ScheduledPerformingPhysicianName, VR.PN, "CURIE^MARIE");
    sps.setString(Tag.ScheduledProcedureStepDescription, VR.LO, e.modality() + " STEP");
    sps.setString(Tag.ScheduledProcedureStepID, VR.SH, "SPS" + e.accession().substring(3));
    ds.setString(Tag.RequestedProcedureID, VR.SH, "RP" + e.accession().substring(3));
    ds.setString(Tag.RequestedProcedurePriority, VR.SH, "ROUTINE");
    return ds;
  }

  /** Our folder: E1 to E6 in the five forms. */
  static void writeOurs(Path dir) throws IOException {
    Files.createDirectories(dir);
    DicomJson json = DicomJson.inline();
    Files.writeString(dir.resolve("e1.json"), json.write(order(E1, null)));
    Files.writeString(
        dir.resolve("e2-e3.json"),
        "[" + json.write(order(E2, null)) + ",\n" + json.write(order(E3, null)) + "]");
    writePart10(dir.resolve("e4.wl"), order(E4, null));
    Files.writeString(dir.resolve("e5.json"), handWritten(E5), StandardCharsets.UTF_8);
    dump2dcm(dir.resolve("e6.wl"), E6, dir.resolveSibling("e6.dump"));
  }

  /** The folder of wlmscpfs (AE title folder inside {@code root}): the same orders, Part 10. */
  static void writeDcmtks(Path aeFolder, Path ours) throws IOException {
    Files.createDirectories(aeFolder);
    Files.createFile(aeFolder.resolve("lockfile"));
    for (Entry e : List.of(E1, E2, E3, E4)) {
      writePart10(aeFolder.resolve(e.accession() + ".wl"), order(e, null));
    }
    writePart10(aeFolder.resolve(E5.accession() + ".wl"), order(E5, "ISO_IR 192"));
    Files.copy(ours.resolve("e6.wl"), aeFolder.resolve(E6.accession() + ".wl"));
  }

  static void writePart10(Path file, Attributes ds) throws IOException {
    DicomOutputStream.writeFile(
        file,
        DicomOutputStream.createFileMetaInformation(
            UID.ModalityWorklistInformationModelFind,
            WorklistInteropIT.newUid(),
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()),
        ds);
  }

  /**
   * E5 as a person would type it: indented, no Specific Character Set (the command reads JSON text
   * beyond ASCII as ISO_IR 192), only some of the keys.
   */
  private static String handWritten(Entry e) {
    assertThat(e).isEqualTo(E5);
    return """
        {
          "00080050": {"vr": "SH", "Value": ["ACC2005"]},
          "00100010": {"vr": "PN", "Value": [{"Alphabetic": "SYNTHETIC^JÖRG"}]},
          "00100020": {"vr": "LO", "Value": ["WL-P2005"]},
          "00100030": {"vr": "DA", "Value": ["19800101"]},
          "00100040": {"vr": "CS", "Value": ["M"]},
          "0020000D": {"vr": "UI", "Value": ["2.25.12005"]},
          "00321060": {"vr": "LO", "Value": ["CR EXAM"]},
          "00400100": {"vr": "SQ", "Value": [
            {
              "00080060": {"vr": "CS", "Value": ["CR"]},
              "00400001": {"vr": "AE", "Value": ["CRROOM1"]},
              "00400002": {"vr": "DA", "Value": ["20260314"]},
              "00400003": {"vr": "TM", "Value": ["110000"]},
              "00400007": {"vr": "LO", "Value": ["CR STEP"]},
              "00400009": {"vr": "SH", "Value": ["SPS2005"]}
            }
          ]},
          "00401001": {"vr": "SH", "Value": ["RP2005"]}
        }
        """;
  }

  /**
   * E6 written by DCMTK's dump2dcm as a bare data set (no file meta information, {@code -F}), its
   * text in ISO 8859-1 as the Specific Character Set says.
   */
  private static void dump2dcm(Path wl, Entry e, Path dump) throws IOException {
    Attributes ds = order(e, "ISO_IR 100");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      if (tag == Tag.ScheduledProcedureStepSequence) {
        text.append("(0040,0100) SQ\n(fffe,e000) -\n");
        Attributes sps = ds.getSequence(tag).get(0);
        for (int j = 0; j < sps.size(); j++) {
          text.append(line(sps, j));
        }
        text.append("(fffe,e00d) -\n(fffe,e0dd) -\n");
      } else {
        text.append(line(ds, i));
      }
    }
    Files.writeString(dump, text, StandardCharsets.ISO_8859_1);
    Processes.Result r = Processes.run(30, "dump2dcm", "-F", dump.toString(), wl.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  private static String line(Attributes ds, int i) {
    int tag = ds.tagAt(i);
    return String.format(
        "(%04x,%04x) %s [%s]%n", tag >>> 16, tag & 0xFFFF, ds.vrAt(i), ds.getString(tag));
  }
}
