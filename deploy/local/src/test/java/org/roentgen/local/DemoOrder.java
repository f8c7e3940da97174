package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.testkit.Processes;
import org.roentgen.dicom.testkit.SyntheticRadiographs;

/**
 * A demo order of the local stack's worklist, as DCMTK's findscu gets it from {@code
 * WORKLIST@127.0.0.1:11113}, and a synthetic radiograph of that order (its patient and accession),
 * for {@link LocalStackIT}.
 */
final class DemoOrder {
  /** The first demo order {@code bin/roentgen up} writes into a fresh data folder. */
  static final String ACCESSION = "DEMO0001";

  private DemoOrder() {}

  /** The one match of a Modality Worklist C-FIND for {@code accession}, with the patient keys. */
  static Attributes find(Path tmp, String accession) throws IOException {
    Path out = Files.createTempDirectory(tmp, "findscu");
    Processes.Result r =
        Processes.run(
            tmp,
            60,
            List.of(
                "findscu",
                "-W",
                "-aec",
                "WORKLIST",
                "-X",
                "-od",
                out.toString(),
                "-k",
                "AccessionNumber=" + accession,
                "-k",
                "PatientName",
                "-k",
                "PatientID",
                "-k",
                "PatientBirthDate",
                "-k",
                "PatientSex",
                "-k",
                "ScheduledProcedureStepSequence[0].Modality",
                "127.0.0.1",
                "11113"));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<Path> responses;
    try (Stream<Path> s = Files.list(out)) {
      responses = s.toList();
    }
    assertThat(responses).as("the worklist's answers to %s", accession).hasSize(1);
    Attributes match = DicomFile.read(responses.get(0)).dataset();
    assertThat(match.getString(Tag.AccessionNumber)).isEqualTo(accession);
    return match;
  }

  /**
   * A synthetic radiograph of {@code order} (patient, accession, modality) written to {@code file}.
   */
  static Path image(Path file, Attributes order) throws IOException {
    Attributes ds = SyntheticRadiographs.image(0, 256, 256, 1);
    ds.setString(Tag.AccessionNumber, VR.SH, order.getString(Tag.AccessionNumber));
    ds.setString(Tag.PatientID, VR.LO, order.getString(Tag.PatientID));
    ds.setString(Tag.PatientName, VR.PN, order.getString(Tag.PatientName));
    ds.setString(Tag.PatientBirthDate, VR.DA, order.getString(Tag.PatientBirthDate));
    ds.setString(Tag.PatientSex, VR.CS, order.getString(Tag.PatientSex));
    Sequence sps = order.getSequence(Tag.ScheduledProcedureStepSequence);
    ds.setString(Tag.Modality, VR.CS, sps.get(0).getString(Tag.Modality));
    DicomOutputStream.writeFile(
        file,
        DicomOutputStream.createFileMetaInformation(
            ds.getString(Tag.SOPClassUID),
            ds.getString(Tag.SOPInstanceUID),
            UID.ExplicitVRLittleEndian),
        ds);
    return file;
  }
}
