package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.dicom.testkit.Processes;

/**
 * DCMTK's findscu against the C-FIND SCP of {@code dicom listen} (Study Root and Patient Root):
 * what the listener stored is found by exact value, wildcard, date range and UID, with the
 * requested return keys; a query that matches nothing ends in Success with no match.
 */
class FindscuIntoListenerIT {
  private static final String CT = "test_files/CT_small.dcm";
  private static final String MR = "test_files/MR_small.dcm";

  @TempDir Path tmp;
  private ListenCommand.Started scp;

  @BeforeEach
  void storeTwoStudies() throws Exception {
    scp =
        ListenCommand.start(
            0,
            "ROENTGEN",
            tmp.resolve("store"),
            org.roentgen.dicom.net.ul.AssociationOptions.defaults(),
            4,
            true,
            new AtomicLong());
    Processes.Result r =
        Processes.run(
            60,
            "storescu",
            "-aec",
            "ROENTGEN",
            "127.0.0.1",
            String.valueOf(scp.port()),
            Corpus.file(CT).toString(),
            Corpus.file(MR).toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  @AfterEach
  void stop() throws Exception {
    scp.acceptor().close();
  }

  @Test
  void studiesByDateRangeWithReturnKeys() throws Exception {
    List<Attributes> found =
        findscu(
            "-S",
            "-k",
            "QueryRetrieveLevel=STUDY",
            "-k",
            "StudyDate=20040101-20041231",
            "-k",
            "PatientID",
            "-k",
            "StudyInstanceUID",
            "-k",
            "PatientName");
    assertThat(found)
        .extracting(a -> a.getString(Tag.StudyInstanceUID))
        .containsExactlyInAnyOrder(uid(CT, Tag.StudyInstanceUID), uid(MR, Tag.StudyInstanceUID));
    assertThat(found)
        .extracting(a -> a.getString(Tag.PatientID))
        .containsExactlyInAnyOrder("1CT1", "4MR1");
    assertThat(found)
        .extracting(a -> a.getString(Tag.PatientName))
        .containsExactlyInAnyOrder("CompressedSamples^CT1", "CompressedSamples^MR1");
  }

  @Test
  void exactWildcardAndNoMatch() throws Exception {
    assertThat(
            findscu(
                "-S",
                "-k",
                "QueryRetrieveLevel=STUDY",
                "-k",
                "PatientID=1CT1",
                "-k",
                "StudyInstanceUID"))
        .extracting(a -> a.getString(Tag.StudyInstanceUID))
        .containsExactly(uid(CT, Tag.StudyInstanceUID));
    assertThat(
            findscu(
                "-P",
                "-k",
                "QueryRetrieveLevel=PATIENT",
                "-k",
                "PatientName=*mr1",
                "-k",
                "PatientID"))
        .extracting(a -> a.getString(Tag.PatientID))
        .containsExactly("4MR1");
    assertThat(
            findscu(
                "-S",
                "-k",
                "QueryRetrieveLevel=STUDY",
                "-k",
                "PatientID=NOBODY",
                "-k",
                "StudyInstanceUID"))
        .isEmpty();
  }

  @Test
  void seriesOfOneStudy() throws Exception {
    List<Attributes> found =
        findscu(
            "-S",
            "-k",
            "QueryRetrieveLevel=SERIES",
            "-k",
            "StudyInstanceUID=" + uid(CT, Tag.StudyInstanceUID),
            "-k",
            "SeriesInstanceUID",
            "-k",
            "Modality");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).getString(Tag.SeriesInstanceUID))
        .isEqualTo(uid(CT, Tag.SeriesInstanceUID));
    assertThat(found.get(0).getString(Tag.Modality)).isEqualTo("CT");
  }

  private List<Attributes> findscu(String... keys) throws Exception {
    Path out = Files.createTempDirectory(tmp, "rsp");
    List<String> cmd =
        new ArrayList<>(List.of("findscu", "-aec", "ROENTGEN", "-X", "-od", out.toString()));
    cmd.addAll(List.of(keys));
    cmd.addAll(List.of("127.0.0.1", String.valueOf(scp.port())));
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

  private static String uid(String file, int tag) throws Exception {
    return DicomFile.readHeader(Corpus.file(file)).dataset().getString(tag);
  }
}
