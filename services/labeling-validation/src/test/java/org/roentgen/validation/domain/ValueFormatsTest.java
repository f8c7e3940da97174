package org.roentgen.validation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.VR;

class ValueFormatsTest {
  @Test
  void goodValuesPass() {
    assertThat(ValueFormats.problem(VR.DA, "20240229")).isNull();
    assertThat(ValueFormats.problem(VR.TM, "101500.123456")).isNull();
    assertThat(ValueFormats.problem(VR.TM, "10")).isNull();
    assertThat(ValueFormats.problem(VR.DT, "20261120101500.5+0100")).isNull();
    assertThat(ValueFormats.problem(VR.UI, "1.2.840.10008.5.1.4.1.1.1.1")).isNull();
    assertThat(ValueFormats.problem(VR.CS, "FOR PRESENTATION")).isNull();
    assertThat(ValueFormats.problem(VR.AS, "045Y")).isNull();
    assertThat(ValueFormats.problem(VR.IS, "-12")).isNull();
    assertThat(ValueFormats.problem(VR.DS, "1.5e-3")).isNull();
    assertThat(ValueFormats.problem(VR.PN, "DOE^JOHN^^DR^JR=ドウ^ジョン")).isNull();
    assertThat(ValueFormats.problem(VR.LT, "line one\r\nline two")).isNull();
  }

  @Test
  void badValuesSayWhatIsWrong() {
    assertThat(ValueFormats.problem(VR.DA, "20230229")).contains("calendar");
    assertThat(ValueFormats.problem(VR.DA, "2023-02-01")).contains("YYYYMMDD");
    assertThat(ValueFormats.problem(VR.TM, "24:00")).contains("HHMMSS");
    assertThat(ValueFormats.problem(VR.DT, "20231301")).isNotNull();
    assertThat(ValueFormats.problem(VR.UI, "1.2.03")).contains("leading zeros");
    assertThat(ValueFormats.problem(VR.UI, "1." + "2".repeat(70))).contains("64");
    assertThat(ValueFormats.problem(VR.CS, "erect")).contains("upper-case");
    assertThat(ValueFormats.problem(VR.AS, "45Y")).contains("nnn");
    assertThat(ValueFormats.problem(VR.IS, "3000000000")).contains("2^31");
    assertThat(ValueFormats.problem(VR.DS, "1,5")).contains("decimal");
    assertThat(ValueFormats.problem(VR.SH, "X".repeat(17))).contains("16");
    assertThat(ValueFormats.problem(VR.LO, "tab\there")).contains("control");
    assertThat(ValueFormats.problem(VR.PN, "A^B^C^D^E^F")).contains("five");
    assertThat(ValueFormats.problem(VR.PN, "A=B=C=D")).contains("three");
  }

  @Test
  void multiplicityFollowsPs36() {
    assertThat(ValueFormats.multiplicityAllows("1", 1)).isTrue();
    assertThat(ValueFormats.multiplicityAllows("1", 2)).isFalse();
    assertThat(ValueFormats.multiplicityAllows("2", 2)).isTrue();
    assertThat(ValueFormats.multiplicityAllows("2", 3)).isFalse();
    assertThat(ValueFormats.multiplicityAllows("1-3", 3)).isTrue();
    assertThat(ValueFormats.multiplicityAllows("1-3", 4)).isFalse();
    assertThat(ValueFormats.multiplicityAllows("1-n", 40)).isTrue();
    assertThat(ValueFormats.multiplicityAllows("2-2n", 4)).isTrue();
    assertThat(ValueFormats.multiplicityAllows("2-2n", 3)).isFalse();
    assertThat(ValueFormats.multiplicityAllows("3-3n", 6)).isTrue();
    assertThat(ValueFormats.multiplicityAllows("1", 0)).isTrue(); // empty: type 2 allows it
  }

  @Test
  void namesCompareExactlyOrWithTolerance() {
    assertThat(PersonNames.compare("DOE^JOHN", "DOE^JOHN^^^")).isEqualTo(PersonNames.Match.EXACT);
    assertThat(PersonNames.compare("JOHN^DOE", "DOE^JOHN")).isEqualTo(PersonNames.Match.TOLERANT);
    assertThat(PersonNames.compare("Müller^Jürgen", "MULLER^JURGEN"))
        .isEqualTo(PersonNames.Match.TOLERANT);
    assertThat(PersonNames.compare("O'BRIEN^ANN", "OBRIEN^ANN"))
        .isEqualTo(PersonNames.Match.DIFFERENT);
    assertThat(PersonNames.compare("VAN DER BERG^ANNA", "VAN  DER BERG^ANNA"))
        .isEqualTo(PersonNames.Match.TOLERANT);
    assertThat(PersonNames.compare("DOE^JOHN^^DR", "DOE^JOHN"))
        .isEqualTo(PersonNames.Match.TOLERANT);
    assertThat(PersonNames.compare("DOE^JOHN", "DOE^JANE")).isEqualTo(PersonNames.Match.DIFFERENT);
    assertThat(PersonNames.compare(null, "DOE^JOHN")).isEqualTo(PersonNames.Match.DIFFERENT);
  }
}
