package org.roentgen.router.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.VR;

/** The small helpers behind the parser: dates, replacements, suggestions. */
class HelpersTest {
  @Test
  void dicomDatesAndDateTimesAtEveryPrecision() {
    assertThat(DicomDates.parse("20240131")).isEqualTo(LocalDateTime.of(2024, 1, 31, 0, 0));
    assertThat(DicomDates.parse("2024")).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
    assertThat(DicomDates.parse("202401311230")).isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 30));
    assertThat(DicomDates.parse("20240131123045.5-0500"))
        .isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 30, 45, 500_000_000));
    assertThat(DicomDates.parse("20240230")).isNull();
    assertThat(DicomDates.parse("2024.01.31")).isNull();
    assertThat(DicomDates.parse("")).isNull();
  }

  @Test
  void rangeBoundsInRuleFiles() {
    assertThat(DicomDates.parseBound("2024-01-31").untilExclusive())
        .isEqualTo(LocalDateTime.of(2024, 2, 1, 0, 0));
    assertThat(DicomDates.parseBound("20240131").dateOnly()).isTrue();
    assertThat(DicomDates.parseBound("2024-01-31T08:00").dateOnly()).isFalse();
    assertThat(DicomDates.parseBound("31/01/2024")).isNull();
    assertThat(DicomDates.parseBound("2024-13-01")).isNull();
  }

  @Test
  void replacementsAreCheckedAgainstTheirRegex() {
    Pattern twoGroups = Pattern.compile("(a)(?<name>b)");
    assertThat(Replacements.problem(twoGroups, "$1-$2-${name}-\\$")).isNull();
    assertThat(Replacements.problem(twoGroups, "$3")).contains("group 3");
    assertThat(Replacements.problem(twoGroups, "${other}")).contains("names no group");
    assertThat(Replacements.problem(twoGroups, "cost $")).contains("lone $");
    assertThat(Replacements.problem(twoGroups, "x\\")).contains("lone backslash");
    assertThat(Replacements.problem(twoGroups, "$x")).contains("group number or {name}");
  }

  @Test
  void suggestionsOnlyForLikelyTypos() {
    List<String> words = List.of("sendTo", "priority", "coerce");
    assertThat(Suggestions.nearest("sendto", words)).isEqualTo("sendTo");
    assertThat(Suggestions.nearest("priorty", words)).isEqualTo("priority");
    assertThat(Suggestions.nearest("banana", words)).isNull();
    assertThat(Suggestions.hint("xyz", words)).isEmpty();
  }

  @Test
  void valueFormatsByVr() {
    assertThat(ValueFormats.problem(VR.DA, "20240131")).isNull();
    assertThat(ValueFormats.problem(VR.UI, "1.2.840.10008")).isNull();
    assertThat(ValueFormats.problem(VR.UI, "1.02")).contains("UID");
    assertThat(ValueFormats.problem(VR.CS, "cr")).contains("code");
    assertThat(ValueFormats.problem(VR.IS, "99999999999")).contains("integer");
    assertThat(ValueFormats.problem(VR.SH, "a\\b")).contains("backslash");
    assertThat(ValueFormats.problem(VR.SH, "x".repeat(17))).contains("16");
  }
}
