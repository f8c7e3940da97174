package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.dicom.testkit.OrthancServer;
import org.roentgen.dicom.testkit.Processes;
import org.roentgen.dicom.testkit.RepoPaths;

/**
 * The toolkit against Orthanc (Debian's, on private ports): {@code dicom send} stores corpus files
 * in several transfer syntaxes (explicit and big endian, deflate, JPEG baseline, JPEG 2000, ISO
 * 2022 Japanese), each comes back over REST with the data set that was sent; {@code dicom echo} is
 * answered; {@code dicom find} (C-FIND SCU) finds the stored studies, series and instances with
 * Orthanc's values at STUDY, SERIES and IMAGE level, and Patient Root at PATIENT; an instance
 * uploaded over REST is found by our C-FIND.
 */
class OrthancInteropIT {
  private static final String OUR_AET = "ROENTGEN";

  /** Distinct SOP instances; the MR variants share one UID, so only the big endian one is sent. */
  private static final List<String> SAMPLES =
      List.of(
          "test_files/CT_small.dcm",
          "test_files/MR_small_bigendian.dcm",
          "test_files/JPEG2000.dcm",
          "test_files/SC_rgb_jpeg_dcmtk.dcm",
          "test_files/image_dfl.dcm",
          "charset_files/chrH31.dcm");

  @TempDir static Path tmp;
  private static OrthancServer orthanc;
  private static Map<String, Attributes> sent;
  private static Map<String, String> sentTransferSyntax;

  @BeforeAll
  static void startOrthancAndSend() throws Exception {
    orthanc =
        OrthancServer.start(
            tmp.resolve("orthanc"),
            "ORTHANC-IT",
            List.of(
                new OrthancServer.Modality(
                    "roentgen", OUR_AET, "127.0.0.1", StoreInteropIT.freePort())));
    sent = new LinkedHashMap<>();
    sentTransferSyntax = new LinkedHashMap<>();
    List<String> cmd =
        new ArrayList<>(
            List.of(RepoPaths.dicomCli().toString(), "send", "--calling", OUR_AET, orthanc.peer()));
    for (String s : SAMPLES) {
      Path f = Corpus.file(s);
      cmd.add(f.toString());
      DicomFile file = DicomFile.read(f);
      sent.put(s, file.dataset());
      sentTransferSyntax.put(s, file.transferSyntax().uid());
    }
    Processes.Result r = Processes.run(null, 60, cmd);
    assertThat(r.exitCode()).as(r.out() + r.stderr() + orthanc.log()).isZero();
    assertThat(r.out()).contains("sent " + SAMPLES.size() + " of " + SAMPLES.size());
  }

  @AfterAll
  static void stopOrthanc() {
    if (orthanc != null) {
      orthanc.close();
    }
  }

  /**
   * Orthanc 1.10 (no ingest transcoding configured) keeps each instance in the transfer syntax it
   * arrived in and changes no element of the data set: no tag needs an exception here.
   */
  @Test
  void everyStoredInstanceComesBackWithTheDatasetSent() throws Exception {
    assertThat(orthanc.instances()).hasSizeGreaterThanOrEqualTo(SAMPLES.size());
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Attributes> e : sent.entrySet()) {
      Attributes original = e.getValue();
      String iuid = original.getString(Tag.SOPInstanceUID);
      List<String> ids = orthanc.find("Instance", Map.of("SOPInstanceUID", iuid));
      if (ids.size() != 1) {
        problems.add(
            e.getKey() + ": Orthanc finds " + ids.size() + " instances with its SOP Instance UID");
        continue;
      }
      Path downloaded = tmp.resolve(iuid + ".dcm");
      Files.write(downloaded, orthanc.instanceFile(ids.get(0)));
      DicomFile got = DicomFile.read(downloaded);
      if (!got.transferSyntax().uid().equals(sentTransferSyntax.get(e.getKey()))) {
        problems.add(
            e.getKey()
                + ": stored in "
                + got.transferSyntax().uid()
                + ", sent in "
                + sentTransferSyntax.get(e.getKey()));
      }
      String d = Differences.first(original, got.dataset());
      if (d != null) {
        problems.add(e.getKey() + ": " + d);
      }
    }
    assertThat(problems).isEmpty();
  }

  /** The REST upload path, then our C-FIND at IMAGE level finds the uploaded instance. */
  @Test
  void uploadedOverRestIsFoundByOurFind() throws Exception {
    Path f = Corpus.file("test_files/rtstruct.dcm");
    Attributes original = DicomFile.read(f).dataset();
    Map<String, Object> answer = orthanc.upload(f);
    assertThat(answer.get("Status")).isIn("Success", "AlreadyStored");
    Path downloaded = tmp.resolve("uploaded.dcm");
    Files.write(downloaded, orthanc.instanceFile(answer.get("ID").toString()));
    assertThat(Differences.first(original, DicomFile.read(downloaded).dataset())).isNull();

    List<Attributes> m =
        find(
            "--level",
            "IMAGE",
            "-k",
            "StudyInstanceUID=" + original.getString(Tag.StudyInstanceUID),
            "-k",
            "SeriesInstanceUID=" + original.getString(Tag.SeriesInstanceUID),
            "-k",
            "SOPClassUID");
    assertThat(m).hasSize(1);
    assertThat(m.get(0).getString(Tag.SOPInstanceUID))
        .isEqualTo(original.getString(Tag.SOPInstanceUID));
    assertThat(m.get(0).getString(Tag.SOPClassUID)).isEqualTo(original.getString(Tag.SOPClassUID));
  }

  @Test
  void echo() {
    Processes.Result r =
        Processes.run(
            30, RepoPaths.dicomCli().toString(), "echo", "--calling", OUR_AET, orthanc.peer());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.out()).contains("C-ECHO to ORTHANC-IT").contains("success");
  }

  @Test
  void findStudyByPatientId() throws Exception {
    Attributes ct = sent.get("test_files/CT_small.dcm");
    List<Attributes> m =
        find(
            "--level",
            "STUDY",
            "-k",
            "PatientID=" + ct.getString(Tag.PatientID),
            "-k",
            "PatientName",
            "-k",
            "StudyInstanceUID",
            "-k",
            "StudyDate");
    assertThat(m).hasSize(1);
    Attributes study = m.get(0);
    assertThat(study.getString(Tag.QueryRetrieveLevel)).isEqualTo("STUDY");
    assertThat(study.getString(Tag.StudyInstanceUID)).isEqualTo(ct.getString(Tag.StudyInstanceUID));
    assertThat(study.getString(Tag.PatientID)).isEqualTo(ct.getString(Tag.PatientID));
    assertThat(study.getString(Tag.PatientName)).isEqualTo(ct.getString(Tag.PatientName));
    assertThat(study.getString(Tag.StudyDate)).isEqualTo(ct.getString(Tag.StudyDate));
  }

  @Test
  void findEveryStudyWithAWildcard() throws Exception {
    List<Attributes> m = find("--level", "STUDY", "-k", "PatientID=*", "-k", "StudyInstanceUID");
    List<String> expected =
        sent.values().stream().map(a -> a.getString(Tag.StudyInstanceUID)).distinct().toList();
    List<String> found = m.stream().map(a -> a.getString(Tag.StudyInstanceUID)).toList();
    assertThat(found).doesNotHaveDuplicates().containsAll(expected);
    // Besides ours, at most the study another test uploaded over REST.
    assertThat(found).hasSizeBetween(expected.size(), expected.size() + 1);
  }

  @Test
  void findSeriesAndInstancesOfAStudy() throws Exception {
    Attributes mr = sent.get("test_files/MR_small_bigendian.dcm");
    String study = mr.getString(Tag.StudyInstanceUID);
    List<Attributes> series =
        find(
            "--level",
            "SERIES",
            "-k",
            "StudyInstanceUID=" + study,
            "-k",
            "Modality",
            "-k",
            "SeriesNumber");
    assertThat(series).hasSize(1);
    assertThat(series.get(0).getString(Tag.SeriesInstanceUID))
        .isEqualTo(mr.getString(Tag.SeriesInstanceUID));
    assertThat(series.get(0).getString(Tag.Modality)).isEqualTo("MR");
    assertThat(series.get(0).getString(Tag.SeriesNumber)).isEqualTo(mr.getString(Tag.SeriesNumber));

    List<Attributes> images =
        find(
            "--level",
            "IMAGE",
            "-k",
            "StudyInstanceUID=" + study,
            "-k",
            "SeriesInstanceUID=" + mr.getString(Tag.SeriesInstanceUID),
            "-k",
            "SOPClassUID",
            "-k",
            "InstanceNumber");
    assertThat(images).hasSize(1);
    Attributes image = images.get(0);
    assertThat(image.getString(Tag.QueryRetrieveLevel)).isEqualTo("IMAGE");
    assertThat(image.getString(Tag.SOPInstanceUID)).isEqualTo(mr.getString(Tag.SOPInstanceUID));
    assertThat(image.getString(Tag.SOPClassUID)).isEqualTo(mr.getString(Tag.SOPClassUID));
    assertThat(image.getString(Tag.InstanceNumber)).isEqualTo(mr.getString(Tag.InstanceNumber));
  }

  @Test
  void findPatientWithPatientRoot() throws Exception {
    Attributes nm = sent.get("test_files/JPEG2000.dcm");
    List<Attributes> m =
        find(
            "--level",
            "PATIENT",
            "-k",
            "PatientID=" + nm.getString(Tag.PatientID),
            "-k",
            "PatientName");
    assertThat(m).hasSize(1);
    assertThat(m.get(0).getString(Tag.PatientName)).isEqualTo(nm.getString(Tag.PatientName));
  }

  @Test
  void findWithoutMatchesSucceedsEmpty() throws Exception {
    Processes.Result r = runFind("--level", "STUDY", "-k", "PatientID=NO-SUCH-PATIENT");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.stderr()).contains("0 matches");
  }

  @Test
  void findFromAnUnknownAeTitleFails() {
    Processes.Result r =
        Processes.run(
            30,
            RepoPaths.dicomCli().toString(),
            "find",
            "--calling",
            "STRANGER",
            "-k",
            "PatientID=*",
            orthanc.peer());
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
  }

  /** Runs {@code dicom find --json} as OUR_AET and parses each line of its output. */
  private static List<Attributes> find(String... args) throws Exception {
    Processes.Result r = runFind(args);
    assertThat(r.exitCode()).as(r.stderr() + orthanc.log()).isZero();
    List<Attributes> matches = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        matches.add(DicomJson.read(line));
      }
    }
    assertThat(r.stderr()).contains(matches.size() + (matches.size() == 1 ? " match" : " matches"));
    return matches;
  }

  private static Processes.Result runFind(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(RepoPaths.dicomCli().toString(), "find", "--json", "--calling", OUR_AET));
    cmd.addAll(List.of(args));
    cmd.add(orthanc.peer());
    return Processes.run(null, 30, cmd);
  }
}
