package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.ClinicalRadiographs;

/**
 * The test kit's {@link ClinicalRadiographs#write}: Part 10 files that read back, and one order per
 * study in the folder format the worklist SCP serves ({@link WorklistEntries}), each with its
 * study's accession number, patient and modality.
 */
class ClinicalRadiographsWorklistTest {
  @TempDir Path tmp;

  @Test
  void writesReadableImagesAndTheOrdersTheWorklistServes() throws Exception {
    int count = 7;
    Path images = tmp.resolve("images");
    Path orders = tmp.resolve("worklist");
    List<Path> files = ClinicalRadiographs.write(images, orders, count, 512, 512, 42);
    assertThat(files).hasSize(count);
    assertThat(DicomFile.read(files.get(0)).dataset())
        .as("the file holds image 0, pixels included")
        .isEqualTo(ClinicalRadiographs.image(0, 512, 512, 42));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<Attributes> steps =
        new WorklistEntries(orders, new PrintStream(log, true, StandardCharsets.UTF_8)).steps();
    assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(steps).hasSize(4); // 7 images, 2 per study
    Map<String, Attributes> byAccession =
        steps.stream()
            .collect(Collectors.toMap(s -> s.getString(Tag.AccessionNumber), Function.identity()));
    for (int i = 0; i < count; i++) {
      Path f = files.get(i);
      DicomFile file = DicomFile.readHeader(f);
      Attributes ds = file.dataset();
      assertThat(file.transferSyntax().uid()).isEqualTo(UID.ExplicitVRLittleEndian);
      assertThat(f.getFileName().toString()).isEqualTo(ds.getString(Tag.SOPInstanceUID) + ".dcm");
      assertThat(ds.getString(Tag.Modality)).isEqualTo(ClinicalRadiographs.modality(i));
      assertThat(file.pixelData().length()).isEqualTo(512L * 512 * 2);
      assertThat(Files.size(f)).isGreaterThan(512L * 512 * 2);
      Attributes order = byAccession.get(ds.getString(Tag.AccessionNumber));
      assertThat(order).as("order of image %d", i).isNotNull();
      for (int tag :
          new int[] {
            Tag.PatientID,
            Tag.PatientName,
            Tag.PatientBirthDate,
            Tag.PatientSex,
            Tag.StudyInstanceUID
          }) {
        assertThat(order.getString(tag)).isEqualTo(ds.getString(tag));
      }
      Attributes step = order.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
      assertThat(step.getString(Tag.Modality)).isEqualTo(ds.getString(Tag.Modality));
      assertThat(step.getString(Tag.ScheduledProcedureStepStartDate))
          .isEqualTo(ds.getString(Tag.StudyDate));
      assertThat(order.getString(Tag.RequestedProcedurePriority)).isEqualTo("ROUTINE");
    }
    assertThat(
            steps.stream()
                .map(s -> s.getSequence(Tag.ScheduledProcedureStepSequence).get(0))
                .map(s -> s.getString(Tag.Modality)))
        .containsExactly("CR", "DX", "MG", "CR");
  }

  /** Different patients never share a study: over many studies and the seeds a test may use. */
  @Test
  void everyStudyOfEverySeedHasItsOwnStudyInstanceUid() {
    Map<String, String> patientOfStudy = new HashMap<>();
    for (long seed = 1; seed <= 6; seed++) {
      for (int study = 0; study < 300; study++) {
        Attributes header =
            ClinicalRadiographs.image(study * ClinicalRadiographs.IMAGES_PER_STUDY, 128, 128, seed);
        String patient = header.getString(Tag.PatientID) + "/" + seed;
        String before = patientOfStudy.putIfAbsent(header.getString(Tag.StudyInstanceUID), patient);
        assertThat(before)
            .as("study %d of seed %d shares its Study Instance UID with %s", study, seed, before)
            .isNull();
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameImageAndAScheduleItsDayAndPriority() {
    Attributes a = ClinicalRadiographs.image(3, 256, 256, 9);
    Attributes b = ClinicalRadiographs.image(3, 256, 256, 9);
    assertThat(a).isEqualTo(b);
    assertThat(ClinicalRadiographs.image(3, 256, 256, 10).getString(Tag.PatientID))
        .isNotEqualTo(a.getString(Tag.PatientID));
    LocalDate day = LocalDate.of(2027, 3, 1);
    Attributes stat =
        ClinicalRadiographs.image(3, 256, 256, 9, new ClinicalRadiographs.Schedule(day, 1));
    Attributes order = ClinicalRadiographs.order(stat);
    assertThat(stat.getString(Tag.StudyDate)).isEqualTo("20270301");
    assertThat(order.getString(Tag.RequestedProcedurePriority)).isEqualTo("STAT");
    assertThat(
            order
                .getSequence(Tag.ScheduledProcedureStepSequence)
                .get(0)
                .getString(Tag.ScheduledProcedureStepStartDate))
        .isEqualTo("20270301");
  }
}
