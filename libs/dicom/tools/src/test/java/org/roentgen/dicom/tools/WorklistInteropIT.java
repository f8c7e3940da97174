package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.dicom.testkit.Processes;
import org.roentgen.dicom.testkit.RepoPaths;

/**
 * The toolkit's Modality Worklist C-FIND SCU (PS3.4 annex K) against DCMTK's {@code wlmscpfs},
 * serving worklist files this test writes with the core writer: {@code dicom find --mwl} and {@link
 * DimseClient#find} find the right scheduled procedure steps by Patient ID, by Accession Number, by
 * patient name wildcard, and by modality, station and date (range) inside the Scheduled Procedure
 * Step Sequence, with the requested return keys carrying the file's values.
 */
class WorklistInteropIT {
  private static final String WLM_AET = "WLM";
  private static final String OUR_AET = "DXROOM1";

  /** One worklist entry: patient, order and its one scheduled procedure step. */
  record Entry(
      String patientId,
      String patientName,
      String birthDate,
      String accession,
      String modality,
      String station,
      String date,
      String time,
      String requestedProcedureId) {}

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry(
              "RG-0001",
              "DOE^JANE",
              "19800101",
              "ACC1001",
              "DX",
              "DXROOM1",
              "20260312",
              "080000",
              "RP1001"),
          new Entry(
              "RG-0002",
              "ROE^RICHARD",
              "19751224",
              "ACC1002",
              "DX",
              "DXROOM2",
              "20260313",
              "093000",
              "RP1002"),
          new Entry(
              "RG-0003",
              "SMITH^ANNA",
              "19920607",
              "ACC1003",
              "CT",
              "CTROOM1",
              "20260312",
              "101500",
              "RP1003"),
          new Entry(
              "RG-0004",
              "MILLER^MAX",
              "20010228",
              "ACC1004",
              "DX",
              "DXROOM1",
              "20260312",
              "143000",
              "RP1004"));

  @TempDir static Path tmp;
  private static Process wlmscpfs;
  private static int port;
  private static final List<String> studyUids = new ArrayList<>();

  @BeforeAll
  static void startWorklistScp() throws Exception {
    Path db = Files.createDirectories(tmp.resolve("worklists").resolve(WLM_AET));
    Files.createFile(db.resolve("lockfile"));
    for (int i = 0; i < ENTRIES.size(); i++) {
      String studyUid = newUid();
      studyUids.add(studyUid);
      Attributes ds = worklistItem(ENTRIES.get(i), studyUid);
      DicomOutputStream.writeFile(
          db.resolve("item" + i + ".wl"),
          DicomOutputStream.createFileMetaInformation(
              UID.ModalityWorklistInformationModelFind,
              newUid(),
              TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()),
          ds);
    }
    port = StoreInteropIT.freePort();
    wlmscpfs =
        new ProcessBuilder(
                "wlmscpfs",
                "--single-process",
                "-dfp",
                tmp.resolve("worklists").toString(),
                String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("wlmscpfs.log").toFile())
            .start();
    StoreInteropIT.awaitEcho(WLM_AET, port);
  }

  @AfterAll
  static void stopWorklistScp() throws InterruptedException {
    if (wlmscpfs != null) {
      wlmscpfs.destroy();
      if (!wlmscpfs.waitFor(10, TimeUnit.SECONDS)) {
        wlmscpfs.destroyForcibly();
      }
    }
  }

  /**
   * A complete worklist item (every type 1 return key of PS3.4 table K.6-1, so no file is
   * rejected).
   */
  static Attributes worklistItem(Entry e, String studyUid) {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    ds.setString(Tag.AccessionNumber, VR.SH, e.accession());
    ds.setString(Tag.ReferringPhysicianName, VR.PN, "HOUSE^GREGORY");
    ds.setString(Tag.PatientName, VR.PN, e.patientName());
    ds.setString(Tag.PatientID, VR.LO, e.patientId());
    ds.setString(Tag.PatientBirthDate, VR.DA, e.birthDate());
    ds.setString(Tag.PatientSex, VR.CS, "O");
    ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
    ds.setString(Tag.RequestingPhysician, VR.PN, "HOUSE^GREGORY");
    ds.setString(Tag.RequestedProcedureDescription, VR.LO, e.modality() + " CHEST");
    Attributes sps = ds.newSequence(Tag.ScheduledProcedureStepSequence, 1).addItem();
    sps.setString(Tag.Modality, VR.CS, e.modality());
    sps.setString(Tag.ScheduledStationAETitle, VR.AE, e.station());
    sps.setString(Tag.ScheduledProcedureStepStartDate, VR.DA, e.date());
    sps.setString(Tag.ScheduledProcedureStepStartTime, VR.TM, e.time());
    sps.setString(Tag.ScheduledPerformingPhysicianName, VR.PN, "CURIE^MARIE");
    sps.setString(Tag.ScheduledProcedureStepDescription, VR.LO, e.modality() + " CHEST PA");
    sps.setString(
        Tag.ScheduledProcedureStepID, VR.SH, "SPS" + e.requestedProcedureId().substring(2));
    ds.setString(Tag.RequestedProcedureID, VR.SH, e.requestedProcedureId());
    ds.setString(Tag.RequestedProcedurePriority, VR.SH, "ROUTINE");
    return ds;
  }

  @Test
  void findByPatientIdReturnsTheRequestedKeys() throws Exception {
    List<Attributes> m =
        cliFind(
            "-k",
            "PatientID=RG-0002",
            "-k",
            "PatientName",
            "-k",
            "PatientBirthDate",
            "-k",
            "AccessionNumber",
            "-k",
            "StudyInstanceUID",
            "-k",
            "RequestedProcedureID",
            "-k",
            "ScheduledProcedureStepSequence.Modality",
            "-k",
            "ScheduledProcedureStepSequence.ScheduledStationAETitle",
            "-k",
            "ScheduledProcedureStepSequence.ScheduledProcedureStepStartDate",
            "-k",
            "ScheduledProcedureStepSequence.ScheduledProcedureStepStartTime");
    assertThat(m).hasSize(1);
    assertEntry(m.get(0), 1);
  }

  @Test
  void findByAccessionNumber() throws Exception {
    List<Attributes> m =
        cliFind(
            "-k",
            "AccessionNumber=ACC1003",
            "-k",
            "PatientID",
            "-k",
            "PatientName",
            "-k",
            "StudyInstanceUID",
            "-k",
            "ScheduledProcedureStepSequence.Modality");
    assertThat(m).hasSize(1);
    assertThat(m.get(0).getString(Tag.PatientID)).isEqualTo("RG-0003");
    assertThat(m.get(0).getString(Tag.PatientName)).isEqualTo("SMITH^ANNA");
    assertThat(m.get(0).getString(Tag.StudyInstanceUID)).isEqualTo(studyUids.get(2));
    assertThat(sps(m.get(0)).getString(Tag.Modality)).isEqualTo("CT");
  }

  @Test
  void findByModalityAndDateInsideTheSequence() throws Exception {
    List<Attributes> m =
        cliFind(
            "-k",
            "PatientID",
            "-k",
            "AccessionNumber",
            "-k",
            "ScheduledProcedureStepSequence.Modality=DX",
            "-k",
            "ScheduledProcedureStepSequence.ScheduledProcedureStepStartDate=20260312",
            "-k",
            "ScheduledProcedureStepSequence.ScheduledStationAETitle");
    assertThat(m)
        .extracting(a -> a.getString(Tag.PatientID))
        .containsExactlyInAnyOrder("RG-0001", "RG-0004");
    for (Attributes a : m) {
      assertThat(sps(a).getString(Tag.Modality)).isEqualTo("DX");
      assertThat(sps(a).getString(Tag.ScheduledStationAETitle)).isEqualTo("DXROOM1");
    }
  }

  @Test
  void findByStationAndDateRangeAndNameWildcard() throws Exception {
    List<Attributes> byStation =
        cliFind(
            "-k",
            "PatientID",
            "-k",
            "ScheduledProcedureStepSequence.ScheduledStationAETitle=DXROOM2",
            "-k",
            "ScheduledProcedureStepSequence.ScheduledProcedureStepStartDate=20260311-20260314");
    assertThat(byStation).extracting(a -> a.getString(Tag.PatientID)).containsExactly("RG-0002");

    List<Attributes> byName =
        cliFind("-k", "PatientName=MILL*", "-k", "PatientID", "-k", "AccessionNumber");
    assertThat(byName).hasSize(1);
    assertThat(byName.get(0).getString(Tag.AccessionNumber)).isEqualTo("ACC1004");
  }

  @Test
  void findThroughDimseClientDirectly() throws Exception {
    Attributes keys = new Attributes();
    keys.setNull(Tag.AccessionNumber, VR.SH);
    keys.setNull(Tag.PatientName, VR.PN);
    keys.setNull(Tag.PatientID, VR.LO);
    keys.setNull(Tag.PatientBirthDate, VR.DA);
    keys.setNull(Tag.StudyInstanceUID, VR.UI);
    Attributes sps = keys.newSequence(Tag.ScheduledProcedureStepSequence, 1).addItem();
    sps.setString(Tag.Modality, VR.CS, "DX");
    sps.setString(Tag.ScheduledStationAETitle, VR.AE, OUR_AET);
    sps.setNull(Tag.ScheduledProcedureStepStartDate, VR.DA);
    sps.setNull(Tag.ScheduledProcedureStepStartTime, VR.TM);
    keys.setNull(Tag.RequestedProcedureID, VR.SH);

    AssociationRequest rq =
        AssociationRequest.of(WLM_AET, OUR_AET)
            .withContext(
                UID.ModalityWorklistInformationModelFind,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
    List<Attributes> matches = new ArrayList<>();
    try (DimseClient c =
        DimseClient.connect(
            rq, "127.0.0.1", port, AssociationOptions.defaults(), Duration.ofSeconds(20))) {
      Command rsp = c.find(UID.ModalityWorklistInformationModelFind, keys, matches::add);
      assertThat(rsp.status()).isEqualTo(Status.SUCCESS.code());
      assertThat(matches)
          .extracting(a -> a.getString(Tag.PatientID))
          .containsExactlyInAnyOrder("RG-0001", "RG-0004");
      for (Attributes a : matches) {
        assertEntry(a, a.getString(Tag.PatientID).equals("RG-0001") ? 0 : 3);
      }

      // A second query on the same association: no match, success and no pending response.
      Attributes none = new Attributes();
      none.setString(Tag.PatientID, VR.LO, "NOBODY");
      matches.clear();
      Command empty = c.find(UID.ModalityWorklistInformationModelFind, none, matches::add);
      assertThat(empty.status()).isEqualTo(Status.SUCCESS.code());
      assertThat(matches).isEmpty();
    }
  }

  @Test
  void noMatchIsSuccessWithZeroMatches() {
    Processes.Result r = run("-k", "AccessionNumber=NONE", "-k", "PatientID");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.stderr()).contains("0 matches");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("-k", "NoSuchKeyword=1").exitCode()).isEqualTo(2);
    assertThat(run("-k", "PatientID.Modality=DX").exitCode())
        .as("PatientID is no sequence")
        .isEqualTo(2);
    assertThat(run("--level", "STUDY", "-k", "PatientID").exitCode())
        .as("--mwl has no level")
        .isEqualTo(2);
  }

  /** The returned keys of match {@code i} equal the worklist file's values. */
  private static void assertEntry(Attributes a, int i) {
    Entry e = ENTRIES.get(i);
    assertThat(a.getString(Tag.PatientID)).isEqualTo(e.patientId());
    assertThat(a.getString(Tag.PatientName)).isEqualTo(e.patientName());
    assertThat(a.getString(Tag.PatientBirthDate)).isEqualTo(e.birthDate());
    assertThat(a.getString(Tag.AccessionNumber)).isEqualTo(e.accession());
    assertThat(a.getString(Tag.StudyInstanceUID)).isEqualTo(studyUids.get(i));
    assertThat(a.getString(Tag.RequestedProcedureID)).isEqualTo(e.requestedProcedureId());
    Attributes sps = sps(a);
    assertThat(sps.getString(Tag.Modality)).isEqualTo(e.modality());
    assertThat(sps.getString(Tag.ScheduledStationAETitle)).isEqualTo(e.station());
    assertThat(sps.getString(Tag.ScheduledProcedureStepStartDate)).isEqualTo(e.date());
    assertThat(sps.getString(Tag.ScheduledProcedureStepStartTime)).isEqualTo(e.time());
  }

  private static Attributes sps(Attributes a) {
    Sequence s = a.getSequence(Tag.ScheduledProcedureStepSequence);
    assertThat(s).as("ScheduledProcedureStepSequence returned").isNotNull().hasSize(1);
    return s.get(0);
  }

  private static List<Attributes> cliFind(String... args) throws IOException {
    Processes.Result r = run(args);
    assertThat(r.exitCode()).as(r.stderr() + log()).isZero();
    List<Attributes> matches = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        matches.add(DicomJson.read(line));
      }
    }
    assertThat(r.stderr()).contains(matches.size() + (matches.size() == 1 ? " match" : " matches"));
    return matches;
  }

  private static Processes.Result run(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                RepoPaths.dicomCli().toString(), "find", "--mwl", "--json", "--calling", OUR_AET));
    cmd.addAll(List.of(args));
    cmd.add(WLM_AET + "@127.0.0.1:" + port);
    return Processes.run(null, 30, cmd);
  }

  private static String log() throws IOException {
    return Files.readString(tmp.resolve("wlmscpfs.log"));
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
