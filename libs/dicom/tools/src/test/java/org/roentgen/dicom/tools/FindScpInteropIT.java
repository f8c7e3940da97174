package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.DimseServer;
import org.roentgen.dicom.net.dimse.FindHandler;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.Association;
import org.roentgen.dicom.net.ul.AssociationAcceptor;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.DefaultAcceptancePolicy;
import org.roentgen.dicom.testkit.Processes;

/**
 * The toolkit's C-FIND SCP side ({@link DimseServer} with a {@link FindHandler}) queried by DCMTK's
 * {@code findscu} (Study Root, STUDY level) in each uncompressed transfer syntax: every match
 * arrives as a pending response with the requested keys and the stored values, a query without
 * matches ends with Success and no pending response, and a C-CANCEL from findscu stops the matches
 * with a final Cancel status (PS3.4 C.4.1.3).
 */
class FindScpInteropIT {
  private static final String SCP_AET = "ROENTGEN-QR";

  /** Patient whose many studies the handler sends slowly, to leave time for a C-CANCEL. */
  private static final String SLOW_PATIENT = "SLOW";

  private static final int SLOW_STUDIES = 40;

  private static final List<Attributes> STUDIES = new ArrayList<>();
  private static AssociationAcceptor acceptor;
  private static int port;

  @TempDir Path tmp;

  @BeforeAll
  static void startScp() throws IOException {
    STUDIES.add(
        study(
            "RG-0001",
            "DOE^JANE",
            "1.2.826.0.1.3680043.10.1.1",
            "20260312",
            "ACC1001",
            "CHEST PA"));
    STUDIES.add(
        study(
            "RG-0001",
            "DOE^JANE",
            "1.2.826.0.1.3680043.10.1.2",
            "20260313",
            "ACC1002",
            "KNEE LEFT"));
    STUDIES.add(
        study(
            "RG-0002",
            "ROE^RICHARD",
            "1.2.826.0.1.3680043.10.1.3",
            "20260314",
            "ACC1003",
            "HAND RIGHT"));
    for (int i = 0; i < SLOW_STUDIES; i++) {
      STUDIES.add(
          study(
              SLOW_PATIENT,
              "SLOW^SAM",
              "1.2.826.0.1.3680043.10.2." + i,
              "20260101",
              "S" + i,
              "SLOW"));
    }
    DefaultAcceptancePolicy policy =
        DefaultAcceptancePolicy.create()
            .withCalledAeTitles(SCP_AET)
            .withAbstractSyntax(UID.Verification, UID.ImplicitVRLittleEndian)
            .withAbstractSyntax(
                UID.StudyRootQueryRetrieveInformationModelFind,
                UID.ImplicitVRLittleEndian,
                UID.ExplicitVRLittleEndian,
                UID.ExplicitVRBigEndian);
    acceptor =
        new AssociationAcceptor(
            AssociationOptions.defaults(),
            policy,
            new DimseServer(null, FindScpInteropIT::find),
            4);
    port = acceptor.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
  }

  @AfterAll
  static void stopScp() throws Exception {
    if (acceptor != null) {
      acceptor.close();
      acceptor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  private static Attributes study(
      String pid, String name, String studyUid, String date, String accession, String description) {
    Attributes a = new Attributes();
    a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    a.setString(Tag.StudyDate, VR.DA, date);
    a.setString(Tag.AccessionNumber, VR.SH, accession);
    a.setString(Tag.StudyDescription, VR.LO, description);
    a.setString(Tag.PatientName, VR.PN, name);
    a.setString(Tag.PatientID, VR.LO, pid);
    a.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
    return a;
  }

  /**
   * The test's SCP decisions: STUDY level only; single value matching with * and ? wildcards for
   * Patient ID and other text keys, list of UID matching for Study Instance UID, and every key
   * without a value is a return key (PS3.4 C.2.2.2).
   */
  static int find(Association as, Command rq, Attributes keys, FindHandler.Matches matches)
      throws IOException {
    if (!UID.StudyRootQueryRetrieveInformationModelFind.equals(rq.affectedSopClassUid())
        || !"STUDY".equals(keys.getString(Tag.QueryRetrieveLevel))) {
      return Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS.code();
    }
    for (Attributes study : STUDIES) {
      if (!matches(keys, study)) {
        continue;
      }
      if (SLOW_PATIENT.equals(study.getString(Tag.PatientID))) {
        sleep(25);
      }
      Attributes rsp = new Attributes();
      rsp.setString(Tag.SpecificCharacterSet, VR.CS, study.getString(Tag.SpecificCharacterSet));
      for (int tag : keys.tags()) {
        if (tag == Tag.SpecificCharacterSet) {
          continue;
        }
        String v = tag == Tag.QueryRetrieveLevel ? "STUDY" : study.getString(tag);
        if (v == null) {
          rsp.setNull(tag, keys.getVR(tag));
        } else {
          rsp.setString(tag, keys.getVR(tag), v);
        }
      }
      if (!matches.add(rsp)) {
        break;
      }
    }
    return Status.SUCCESS.code();
  }

  private static boolean matches(Attributes keys, Attributes study) {
    for (int tag : keys.tags()) {
      if (tag == Tag.QueryRetrieveLevel || tag == Tag.SpecificCharacterSet) {
        continue;
      }
      String[] wanted = keys.getStrings(tag);
      if (wanted == null || wanted.length == 0 || (wanted.length == 1 && wanted[0].isEmpty())) {
        continue;
      }
      String have = study.getString(tag);
      if (have == null) {
        return false;
      }
      if (tag == Tag.StudyInstanceUID) {
        if (!Arrays.asList(wanted).contains(have)) {
          return false;
        }
      } else if (!glob(wanted[0]).matcher(have).matches()) {
        return false;
      }
    }
    return true;
  }

  private static Pattern glob(String s) {
    StringBuilder re = new StringBuilder();
    for (char c : s.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString());
  }

  @Test
  void everyMatchArrivesWithTheRequestedValues() throws Exception {
    for (String proposal : List.of("-xi", "-xe", "-xb")) {
      Path dir = Files.createDirectories(tmp.resolve(proposal.substring(1)));
      Processes.Result r =
          findscu(
              dir,
              proposal,
              "-k",
              "PatientID=RG-0001",
              "-k",
              "StudyInstanceUID",
              "-k",
              "PatientName",
              "-k",
              "StudyDate",
              "-k",
              "AccessionNumber",
              "-k",
              "StudyDescription");
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(r.stderr()).contains("Final Find Response (Success)");
      List<Attributes> rsp = responses(dir);
      assertThat(rsp).as(proposal).hasSize(2);
      for (int i = 0; i < 2; i++) {
        Attributes got = rsp.get(i);
        Attributes want = STUDIES.get(i);
        assertThat(got.getString(Tag.QueryRetrieveLevel)).isEqualTo("STUDY");
        for (int tag :
            new int[] {
              Tag.PatientID,
              Tag.StudyInstanceUID,
              Tag.PatientName,
              Tag.StudyDate,
              Tag.AccessionNumber,
              Tag.StudyDescription
            }) {
          assertThat(got.getString(tag))
              .as(proposal + " match " + i + " " + Integer.toHexString(tag))
              .isEqualTo(want.getString(tag));
        }
      }
    }
  }

  @Test
  void listOfUidsAndWildcardsMatch() throws Exception {
    Path byUids = Files.createDirectories(tmp.resolve("uids"));
    Processes.Result r =
        findscu(
            byUids,
            "-k",
            "PatientID",
            "-k",
            "StudyInstanceUID=1.2.826.0.1.3680043.10.1.3\\1.2.826.0.1.3680043.10.1.1");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(responses(byUids))
        .extracting(a -> a.getString(Tag.PatientID))
        .containsExactly("RG-0001", "RG-0002");

    Path byName = Files.createDirectories(tmp.resolve("name"));
    r = findscu(byName, "-k", "PatientName=ROE*", "-k", "StudyInstanceUID", "-k", "PatientID");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(responses(byName))
        .extracting(a -> a.getString(Tag.StudyInstanceUID))
        .containsExactly("1.2.826.0.1.3680043.10.1.3");
  }

  @Test
  void noMatchEndsWithSuccessAndNoResponse() throws Exception {
    Processes.Result r = findscu(tmp, "-k", "PatientID=NOBODY", "-k", "StudyInstanceUID");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr())
        .contains("Final Find Response (Success)")
        .doesNotContain("Find Response 1 (Pending)");
    assertThat(responses(tmp)).isEmpty();
  }

  @Test
  void cancelStopsTheMatches() throws Exception {
    Processes.Result r =
        findscu(tmp, "--cancel", "1", "-k", "PatientID=" + SLOW_PATIENT, "-k", "StudyInstanceUID");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr())
        .contains("Sending Cancel Request")
        .contains("Final Find Response (Cancel");
    assertThat(responses(tmp)).hasSizeBetween(1, SLOW_STUDIES - 1);
  }

  private static Processes.Result findscu(Path dir, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "findscu",
                "-v",
                "-S",
                "-X",
                "-aet",
                "FINDSCU",
                "-aec",
                SCP_AET,
                "-k",
                "QueryRetrieveLevel=STUDY"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("127.0.0.1", String.valueOf(port)));
    Processes.Result r = Processes.run(dir, 30, cmd);
    // findscu logs to stdout; keep both in one place for the assertions.
    return new Processes.Result(r.exitCode(), r.stdout(), r.out() + r.stderr());
  }

  /** The rsp0001.dcm... files findscu -X wrote, in order. */
  private static List<Attributes> responses(Path dir) throws IOException {
    List<Attributes> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p :
          s.filter(f -> f.getFileName().toString().matches("rsp\\d+\\.dcm")).sorted().toList()) {
        out.add(DicomFile.read(p).dataset());
      }
    }
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
