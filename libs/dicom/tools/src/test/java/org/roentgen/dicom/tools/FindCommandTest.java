package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/** How {@code dicom find} turns {@code -k} keys into a C-FIND identifier, and its usage errors. */
class FindCommandTest {
  @Test
  void studyLevelAddsLevelAndUniqueKey() throws Exception {
    Attributes ds =
        FindCommand.identifier(FindCommand.Level.STUDY, List.of("PatientID=RG*", "PatientName"));
    assertThat(ds.getString(Tag.QueryRetrieveLevel)).isEqualTo("STUDY");
    assertThat(ds.getString(Tag.PatientID)).isEqualTo("RG*");
    assertThat(ds.contains(Tag.PatientName)).isTrue();
    assertThat(ds.getBytes(Tag.PatientName)).isEmpty();
    assertThat(ds.contains(Tag.StudyInstanceUID)).as("unique key of the level").isTrue();
    assertThat(ds.getVR(Tag.StudyInstanceUID)).isEqualTo(VR.UI);
  }

  @Test
  void worklistKeysGoIntoOneSequenceItem() throws Exception {
    Attributes ds =
        FindCommand.identifier(
            null,
            List.of(
                "ScheduledProcedureStepSequence.Modality=DX",
                "ScheduledProcedureStepSequence.ScheduledProcedureStepStartDate=20260312-20260313",
                "AccessionNumber"));
    assertThat(ds.contains(Tag.QueryRetrieveLevel)).isFalse();
    assertThat(ds.getSequence(Tag.ScheduledProcedureStepSequence)).hasSize(1);
    Attributes item = ds.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
    assertThat(item.getString(Tag.Modality)).isEqualTo("DX");
    assertThat(item.getString(Tag.ScheduledProcedureStepStartDate)).isEqualTo("20260312-20260313");
  }

  @Test
  void emptySequenceKeyAndHexTagsAndLists() throws Exception {
    Attributes ds =
        FindCommand.identifier(
            FindCommand.Level.SERIES, List.of("ScheduledProcedureStepSequence", "00100020=A\\B"));
    assertThat(ds.getSequence(Tag.ScheduledProcedureStepSequence)).isEmpty();
    assertThat(ds.getStrings(Tag.PatientID)).containsExactly("A", "B");
    assertThat(ds.contains(Tag.SeriesInstanceUID)).isTrue();
  }

  @Test
  void nonAsciiValuesNeedACharacterSet() throws Exception {
    assertThatThrownBy(() -> FindCommand.identifier(null, List.of("PatientName=Müller*")))
        .isInstanceOf(Main.UsageException.class);
    Attributes ds =
        FindCommand.identifier(
            null, List.of("PatientName=Müller*", "SpecificCharacterSet=ISO_IR 192"));
    assertThat(ds.getString(Tag.PatientName)).isEqualTo("Müller*");
  }

  @Test
  void wrongArgumentsExitTwo() {
    assertThat(run("find")).isEqualTo(2);
    assertThat(run("find", "-k", "NoSuchKeyword", "A@h:1")).isEqualTo(2);
    assertThat(run("find", "-k", "PatientID.Modality=DX", "A@h:1")).isEqualTo(2);
    assertThat(run("find", "--level", "FRAME", "A@h:1")).isEqualTo(2);
    assertThat(run("find", "--mwl", "--level", "STUDY", "A@h:1")).isEqualTo(2);
    assertThat(run("find", "-k", "ScheduledProcedureStepSequence=DX", "A@h:1")).isEqualTo(2);
    assertThat(run("find", "-k")).isEqualTo(2);
  }

  private static int run(String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    return Main.run(args, sink, sink);
  }
}
