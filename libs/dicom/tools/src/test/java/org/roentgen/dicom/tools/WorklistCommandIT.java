package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.dicom.tools.WorklistFixtures.E1;
import static org.roentgen.dicom.tools.WorklistFixtures.E2;
import static org.roentgen.dicom.tools.WorklistFixtures.E3;
import static org.roentgen.dicom.tools.WorklistFixtures.E4;
import static org.roentgen.dicom.tools.WorklistFixtures.E5;
import static org.roentgen.dicom.tools.WorklistFixtures.E6;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.dicom.testkit.Processes;
import org.roentgen.dicom.testkit.RepoPaths;

/**
 * {@code bin/dicom worklist} as DCMTK's findscu sees it, beside DCMTK's own wlmscpfs serving the
 * same orders: by accession number, patient ID, modality with a date (and time) range of the
 * scheduled step, station, name wildcard, non-ASCII names in ISO_IR 192 and ISO_IR 100, no match;
 * only the requested keys come back; entries added and removed while it runs; the identifier the
 * labeling-validation service sends, through the toolkit's DimseClient.
 */
class WorklistCommandIT {
  private static final String AET = "WORKLIST";
  private static final String SEQ = "ScheduledProcedureStepSequence[0].";

  @TempDir static Path tmp;
  private static Path entries;
  private static Process ours;
  private static Process wlmscpfs;
  private static int ourPort;
  private static int dcmtkPort;

  @BeforeAll
  static void startBoth() throws Exception {
    entries = tmp.resolve("worklist");
    WorklistFixtures.writeOurs(entries);
    WorklistFixtures.writeDcmtks(tmp.resolve("wlmscpfs").resolve(AET), entries);
    ourPort = StoreInteropIT.freePort();
    ours =
        new ProcessBuilder(
                RepoPaths.dicomCli().toString(),
                "worklist",
                "--port",
                String.valueOf(ourPort),
                "--aet",
                AET,
                "--dir",
                entries.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("worklist.log").toFile())
            .start();
    dcmtkPort = StoreInteropIT.freePort();
    wlmscpfs =
        new ProcessBuilder(
                "wlmscpfs",
                "--single-process",
                "-csk",
                "-dfp",
                tmp.resolve("wlmscpfs").toString(),
                String.valueOf(dcmtkPort))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("wlmscpfs.log").toFile())
            .start();
    StoreInteropIT.awaitEcho(AET, ourPort);
    StoreInteropIT.awaitEcho(AET, dcmtkPort);
  }

  @AfterAll
  static void stopBoth() throws Exception {
    for (Process p : new Process[] {ours, wlmscpfs}) {
      if (p != null) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
    // No patient data in the log: the AE title and counts only.
    String log = Files.readString(tmp.resolve("worklist.log"));
    assertThat(log).contains("C-FIND from FINDSCU").doesNotContain("WL-P200", "DOE", "JÖRG");
  }

  @Test
  void byAccessionNumberReturnsTheRequestedKeysOnly() throws Exception {
    List<Attributes> m =
        both(
            "AccessionNumber=ACC2003",
            "PatientName",
            "PatientID",
            "StudyInstanceUID",
            SEQ + "Modality",
            SEQ + "ScheduledProcedureStepStartDate");
    assertThat(m).hasSize(1);
    Attributes a = m.get(0);
    assertThat(a.tags())
        .containsExactly(
            Tag.AccessionNumber,
            Tag.PatientName,
            Tag.PatientID,
            Tag.StudyInstanceUID,
            Tag.ScheduledProcedureStepSequence);
    assertThat(a.getString(Tag.PatientName)).isEqualTo(E3.patientName());
    assertThat(a.getString(Tag.PatientID)).isEqualTo(E3.patientId());
    assertThat(a.getString(Tag.StudyInstanceUID)).isEqualTo("2.25.12003");
    Attributes sps = sps(a);
    assertThat(sps.tags()).containsExactly(Tag.Modality, Tag.ScheduledProcedureStepStartDate);
    assertThat(sps.getString(Tag.Modality)).isEqualTo("CT");
    assertThat(sps.getString(Tag.ScheduledProcedureStepStartDate)).isEqualTo(E3.date());
  }

  @Test
  void byPatientId() throws Exception {
    assertThat(accessions(both("PatientID=WL-P2002", "AccessionNumber", SEQ + "Modality")))
        .containsExactly(E2.accession());
  }

  @Test
  void byModalityAndDateRangeOfTheScheduledStep() throws Exception {
    assertThat(
            accessions(
                both(
                    "AccessionNumber",
                    SEQ + "Modality=DX",
                    SEQ + "ScheduledProcedureStepStartDate=20260312-20260313")))
        .containsExactlyInAnyOrder(E1.accession(), E2.accession(), E4.accession(), E6.accession());
    // Date and time ranges together are one date-time range (PS3.4 C.2.2.2.5.1): 09:00 on the
    // 12th to 13:00 on the 13th, so 14:30 on the 12th is in and 08:00 on the 12th is out.
    assertThat(
            accessions(
                both(
                    "AccessionNumber",
                    SEQ + "Modality=DX",
                    SEQ + "ScheduledProcedureStepStartDate=20260312-20260313",
                    SEQ + "ScheduledProcedureStepStartTime=0900-1300")))
        .containsExactlyInAnyOrder(E2.accession(), E4.accession(), E6.accession());
  }

  @Test
  void byStationAndByNameWildcard() throws Exception {
    assertThat(accessions(both("AccessionNumber", SEQ + "ScheduledStationAETitle=DXROOM2")))
        .containsExactlyInAnyOrder(E2.accession(), E6.accession());
    assertThat(accessions(both("PatientName=MILL*", "AccessionNumber")))
        .containsExactly(E4.accession());
  }

  @Test
  void nonAsciiNamesInIsoIr192AndLatin1() throws Exception {
    List<Attributes> utf8 =
        both("SpecificCharacterSet=ISO_IR 192", "PatientName=SYNTHETIC^JÖ*", "AccessionNumber");
    assertThat(accessions(utf8)).containsExactly(E5.accession());
    assertThat(utf8.get(0).getString(Tag.PatientName)).isEqualTo("SYNTHETIC^JÖRG");
    assertThat(utf8.get(0).getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");

    // A UTF-8 query finds a Latin-1 entry: values are compared as text, not bytes.
    List<Attributes> latin1 =
        findscu(ourPort, "SpecificCharacterSet=ISO_IR 192", "PatientName=GÉR*", "PatientID");
    assertThat(latin1).hasSize(1);
    assertThat(latin1.get(0).getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 100");
    assertThat(latin1.get(0).getString(Tag.PatientName)).isEqualTo("GÉRARD^TEST");
  }

  @Test
  void noMatchIsSuccessWithoutResponses() throws Exception {
    assertThat(both("AccessionNumber=NONE", "PatientID")).isEmpty();
  }

  @Test
  void entriesAddedAndRemovedWhileRunningAreSeen() throws Exception {
    Path added = entries.resolve("added.json");
    String json =
        "{\"00080050\":{\"vr\":\"SH\",\"Value\":[\"ACC2099\"]},"
            + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"WL-P2099\"]}}";
    try {
      Files.writeString(added, json);
      assertThat(accessions(findscu(ourPort, "PatientID=WL-P2099", "AccessionNumber")))
          .containsExactly("ACC2099");
    } finally {
      Files.delete(added);
    }
    assertThat(findscu(ourPort, "PatientID=WL-P2099", "AccessionNumber")).isEmpty();
  }

  @Test
  void answersTheServicesIdentifierAndRefusesAnotherAeTitle() throws Exception {
    // The identifier of labeling-validation's MwlQuery: the accession and universal keys.
    Attributes keys = new Attributes();
    keys.setString(Tag.AccessionNumber, VR.SH, E5.accession());
    for (int tag : new int[] {Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate}) {
      keys.setNull(tag, tag == Tag.PatientName ? VR.PN : tag == Tag.PatientID ? VR.LO : VR.DA);
    }
    keys.setNull(Tag.PatientSex, VR.CS);
    keys.setNull(Tag.RequestedProcedureDescription, VR.LO);
    Attributes item = keys.newSequence(Tag.ScheduledProcedureStepSequence, 1).addItem();
    item.setNull(Tag.Modality, VR.CS);
    item.setNull(Tag.ScheduledStationAETitle, VR.AE);
    item.setNull(Tag.ScheduledProcedureStepStartDate, VR.DA);
    item.setNull(Tag.ScheduledProcedureStepDescription, VR.LO);
    AssociationRequest rq =
        AssociationRequest.of(AET, "ROENTGEN_VAL")
            .withContext(
                UID.ModalityWorklistInformationModelFind,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
    List<Attributes> m = new ArrayList<>();
    try (DimseClient c =
        DimseClient.connect(
            rq, "127.0.0.1", ourPort, AssociationOptions.defaults(), Duration.ofSeconds(20))) {
      Command rsp = c.find(UID.ModalityWorklistInformationModelFind, keys, m::add);
      assertThat(rsp.status()).isEqualTo(Status.SUCCESS.code());
    }
    assertThat(m).hasSize(1);
    assertThat(m.get(0).getString(Tag.PatientName)).isEqualTo("SYNTHETIC^JÖRG");
    assertThat(m.get(0).getString(Tag.PatientSex)).isEqualTo("M");
    assertThat(m.get(0).getString(Tag.RequestedProcedureDescription)).isEqualTo("CR EXAM");
    assertThat(sps(m.get(0)).getString(Tag.ScheduledStationAETitle)).isEqualTo("CRROOM1");
    assertThat(sps(m.get(0)).getString(Tag.ScheduledProcedureStepDescription)).isEqualTo("CR STEP");

    Processes.Result wrongAe =
        Processes.run(
            30,
            "findscu",
            "-W",
            "-aec",
            "NOTWORKLIST",
            "-k",
            "PatientID",
            "127.0.0.1",
            String.valueOf(ourPort));
    assertThat(wrongAe.exitCode()).isNotZero();
    assertThat(wrongAe.stderr()).containsIgnoringCase("reject");
  }

  /** The query against wlmscpfs and against ours: the same accessions; ours are returned. */
  private static List<Attributes> both(String... keys) throws Exception {
    List<Attributes> ourMatches = findscu(ourPort, keys);
    List<Attributes> dcmtkMatches = findscu(dcmtkPort, keys);
    assertThat(accessions(ourMatches))
        .as("the same orders as DCMTK's wlmscpfs for %s", List.of(keys))
        .containsExactlyInAnyOrderElementsOf(accessions(dcmtkMatches));
    return ourMatches;
  }

  private static List<String> accessions(List<Attributes> matches) {
    return matches.stream().map(a -> a.getString(Tag.AccessionNumber)).toList();
  }

  private static Attributes sps(Attributes a) {
    Sequence s = a.getSequence(Tag.ScheduledProcedureStepSequence);
    assertThat(s).as("ScheduledProcedureStepSequence returned").isNotNull().hasSize(1);
    return s.get(0);
  }

  /** DCMTK findscu (Modality Worklist) with {@code -k} keys; the responses as written by it. */
  private static List<Attributes> findscu(int port, String... keys) throws Exception {
    Path out = Files.createTempDirectory(tmp, "rsp");
    List<String> cmd =
        new ArrayList<>(List.of("findscu", "-W", "-aec", AET, "-X", "-od", out.toString()));
    for (String k : keys) {
      cmd.addAll(List.of("-k", k));
    }
    cmd.addAll(List.of("127.0.0.1", String.valueOf(port)));
    Processes.Result r = Processes.run(null, 60, cmd);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<Attributes> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.sorted().toList()) {
        found.add(DicomFile.read(p).dataset());
      }
    }
    return found;
  }
}
