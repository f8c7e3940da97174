package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/** C-FIND matching (PS3.4 C.2.2.2) and the return keys of a response, without a network. */
class MatchingTest {
  private static Attributes step(String modality, String date, String time) {
    Attributes ds = new Attributes();
    ds.setString(Tag.PatientName, VR.PN, "DOE^JANE");
    ds.setString(Tag.PatientID, VR.LO, "P1");
    ds.setString(Tag.PatientSex, VR.CS, "F");
    Attributes sps = ds.newSequence(Tag.ScheduledProcedureStepSequence, 1).addItem();
    sps.setString(Tag.Modality, VR.CS, modality);
    sps.setString(Tag.ScheduledProcedureStepStartDate, VR.DA, date);
    if (time != null) {
      sps.setString(Tag.ScheduledProcedureStepStartTime, VR.TM, time);
    }
    sps.setString(Tag.ScheduledStationAETitle, VR.AE, "DXROOM1");
    return ds;
  }

  private static Attributes spsKeys(String date, String time) {
    Attributes keys = new Attributes();
    Attributes item = keys.newSequence(Tag.ScheduledProcedureStepSequence, 1).addItem();
    item.setString(Tag.ScheduledProcedureStepStartDate, VR.DA, date);
    item.setString(Tag.ScheduledProcedureStepStartTime, VR.TM, time);
    return keys;
  }

  @Test
  void dateAndTimeRangesCombineIntoOneDateTimeRange() {
    Attributes keys = spsKeys("20260312-20260313", "0900-1300");
    assertThat(Matching.matches(keys, step("DX", "20260312", "143000"))).isTrue();
    assertThat(Matching.matches(keys, step("DX", "20260313", "093000"))).isTrue();
    assertThat(Matching.matches(keys, step("DX", "20260312", "080000"))).isFalse();
    assertThat(Matching.matches(keys, step("DX", "20260313", "130059"))).as("13 to 13:59").isTrue();
    assertThat(Matching.matches(keys, step("DX", "20260313", "140000"))).isFalse();
    assertThat(Matching.matches(spsKeys("20260312-", "0900-"), step("DX", "20270101", "000000")))
        .isTrue();
    assertThat(Matching.matches(spsKeys("-20260312", "-0900"), step("DX", "20260312", "100000")))
        .isFalse();
    // A single time with a date range: each matched on its own.
    Attributes single = spsKeys("20260312-20260313", "080000");
    assertThat(Matching.matches(single, step("DX", "20260313", "080000"))).isTrue();
    assertThat(Matching.matches(single, step("DX", "20260313", "090000"))).isFalse();
  }

  @Test
  void anItemOfUniversalKeysMatchesEvenWithoutTheSequence() {
    Attributes keys = spsKeys("", "");
    keys.setNull(Tag.PatientID, VR.LO);
    Attributes noSteps = new Attributes();
    noSteps.setString(Tag.PatientID, VR.LO, "P2");
    assertThat(Matching.matches(keys, noSteps)).isTrue();
    Attributes dx = spsKeys("", "");
    dx.getSequence(Tag.ScheduledProcedureStepSequence).get(0).setString(Tag.Modality, VR.CS, "DX");
    assertThat(Matching.matches(dx, noSteps)).isFalse();
    assertThat(Matching.matches(dx, step("DX", "20260312", null))).isTrue();
    assertThat(Matching.matches(dx, step("CR", "20260312", null))).isFalse();
  }

  @Test
  void personNamesMatchIgnoringCaseOtherValuesExactly() {
    Attributes keys = new Attributes();
    keys.setString(Tag.PatientName, VR.PN, "doe^j*");
    assertThat(Matching.matches(keys, step("DX", "20260312", null))).isTrue();
    keys.setString(Tag.PatientName, VR.PN, "DOE^JAN?");
    assertThat(Matching.matches(keys, step("DX", "20260312", null))).isTrue();
    keys.setString(Tag.PatientID, VR.LO, "p1");
    assertThat(Matching.matches(keys, step("DX", "20260312", null))).isFalse();
  }

  @Test
  void returnKeysAreTheRequestedOnesInsideItemsToo() {
    Attributes keys = new Attributes();
    keys.setNull(Tag.PatientName, VR.PN);
    keys.setNull(Tag.PatientBirthDate, VR.DA);
    Attributes item = keys.newSequence(Tag.ScheduledProcedureStepSequence, 1).addItem();
    item.setString(Tag.Modality, VR.CS, "DX");
    item.setNull(Tag.ScheduledProcedureStepDescription, VR.LO);

    Attributes r = ReturnKeys.select(keys, step("DX", "20260312", "080000"));
    assertThat(r.tags())
        .containsExactly(Tag.PatientName, Tag.PatientBirthDate, Tag.ScheduledProcedureStepSequence);
    assertThat(r.getString(Tag.PatientName)).isEqualTo("DOE^JANE");
    assertThat(r.getBytes(Tag.PatientBirthDate)).as("absent: empty").isEmpty();
    Attributes sps = r.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
    assertThat(sps.tags()).containsExactly(Tag.Modality, Tag.ScheduledProcedureStepDescription);

    Attributes whole = new Attributes();
    whole.newSequence(Tag.ScheduledProcedureStepSequence, 0);
    Attributes all = ReturnKeys.select(whole, step("DX", "20260312", "080000"));
    assertThat(all.getSequence(Tag.ScheduledProcedureStepSequence).get(0).size())
        .as("an empty sequence key returns the whole sequence")
        .isEqualTo(4);
  }
}
