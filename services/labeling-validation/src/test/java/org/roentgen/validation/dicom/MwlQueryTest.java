package org.roentgen.validation.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.validation.domain.ScheduledStep;

class MwlQueryTest {
  @Test
  void theIdentifierAsksForTheAccessionAndReturnsTheRest() {
    Attributes keys = MwlQuery.keys("ACC1");
    assertThat(keys.getString(Tag.AccessionNumber)).isEqualTo("ACC1");
    assertThat(keys.contains(Tag.SpecificCharacterSet)).isFalse();
    for (int tag :
        new int[] {
          Tag.PatientID,
          Tag.PatientName,
          Tag.PatientBirthDate,
          Tag.PatientSex,
          Tag.RequestedProcedureDescription
        }) {
      assertThat(keys.contains(tag)).isTrue();
      assertThat(keys.containsValue(tag)).isFalse();
    }
    Sequence sps = keys.getSequence(Tag.ScheduledProcedureStepSequence);
    assertThat(sps).hasSize(1);
    assertThat(sps.get(0).tags())
        .containsExactly(
            Tag.Modality,
            Tag.ScheduledStationAETitle,
            Tag.ScheduledProcedureStepStartDate,
            Tag.ScheduledProcedureStepDescription);
  }

  @Test
  void aNonAsciiAccessionNumberIsSentInUtf8() {
    Attributes keys = MwlQuery.keys("ÄKZ1");
    assertThat(keys.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    assertThat(keys.getString(Tag.AccessionNumber)).isEqualTo("ÄKZ1");
  }

  @Test
  void onlyASingleNonBlankValueIsAsked() {
    assertThat(MwlQuery.matchingValue(null)).isNull();
    assertThat(MwlQuery.matchingValue("  ")).isNull();
    assertThat(MwlQuery.matchingValue("A\\B")).isNull();
    assertThat(MwlQuery.matchingValue(" ACC1 ")).isEqualTo("ACC1");
  }

  @Test
  void onePersonNameGroupWithoutTrailingEmptyComponents() {
    assertThat(MwlQuery.alphabetic("DOE^JANE^^^")).isEqualTo("DOE^JANE");
    assertThat(MwlQuery.alphabetic("Yamada^Tarou=山田^太郎=やまだ^たろう")).isEqualTo("Yamada^Tarou");
    assertThat(MwlQuery.alphabetic("=山田^太郎")).isNull();
    assertThat(MwlQuery.alphabetic(null)).isNull();
  }

  @Test
  void aMatchWithoutStepsIsStillAnOrder() {
    Attributes m = new Attributes();
    m.setString(Tag.AccessionNumber, VR.SH, "ACC1");
    m.setString(Tag.PatientID, VR.LO, "P1");
    m.setNull(Tag.PatientName, VR.PN);
    assertThat(MwlQuery.steps(m, "ACC1"))
        .containsExactly(new ScheduledStep("ACC1", "P1", null, null, null, null, null, null, null));
  }

  @Test
  void onlyTheExactAccessionNumberMatches() {
    Attributes m = new Attributes();
    m.setString(Tag.AccessionNumber, VR.SH, "acc1");
    assertThat(MwlQuery.isExact(m, "ACC1")).isFalse();
    assertThat(MwlQuery.isExact(m, "acc1")).isTrue();
    assertThat(MwlQuery.isExact(new Attributes(), "ACC1")).as("not returned: trusted").isTrue();
  }
}
