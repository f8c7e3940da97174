package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Patient names of pydicom's character set corpus (see FileInfo.txt beside the files). Expected
 * strings are pydicom's test expectations (tests/test_charset.py), cross-checked with DCMTK where
 * it can convert (see {@code SpecificCharacterSetDcmtkIT}); they are the raw value without padding,
 * so a trailing empty component group ("=") is kept.
 */
class SpecificCharacterSetCorpusTest {

  private static final int PATIENT_NAME = 0x00100010;
  private static final int OTHER_PATIENT_NAMES = 0x00101001;
  private static final int ADDITIONAL_PATIENT_HISTORY = 0x001021B0;

  @BeforeAll
  static void corpus() {
    assertThat(CharsetCorpus.available())
        .as("pydicom charset corpus (python3-pydicom) at " + CharsetCorpus.DIR)
        .isTrue();
  }

  static Stream<Arguments> patientNames() {
    return Stream.of(
        Arguments.of("chrArab", "قباني^لنزار", true),
        Arguments.of("chrFren", "Buc^Jérôme", true),
        Arguments.of("chrFrenMulti", "Buc^Jérôme", true),
        Arguments.of("chrGerm", "Äneas^Rüdiger", true),
        Arguments.of("chrGreek", "Διονυσιος", true),
        Arguments.of("chrH31", "Yamada^Tarou=山田^太郎=やまだ^たろう", true),
        Arguments.of("chrH32", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", true),
        Arguments.of("chrHbrw", "שרון^דבורה", true),
        Arguments.of("chrI2", "Hong^Gildong=洪^吉洞=홍^길동", true),
        Arguments.of("chrJapMulti", "やまだ^たろう", true),
        Arguments.of("chrJapMultiExplicitIR6", "やまだ^たろう", true),
        // written with a superfluous ESC ( B at the end, so only the text round-trips
        Arguments.of("chrKoreanMulti", "김희중", false),
        Arguments.of("chrRuss", "Люкceмбypг", true),
        Arguments.of("chrX1", "Wang^XiaoDong=王^小東=", true),
        Arguments.of("chrX2", "Wang^XiaoDong=王^小东=", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patientNames")
  void decodesPatientName(String file, String expected, boolean sameBytes) throws IOException {
    CharsetCorpus.RawElement pn =
        CharsetCorpus.element(CharsetCorpus.file(file + ".dcm"), PATIENT_NAME);
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf(pn.charset());
    byte[] raw = pn.trimmed();

    assertThat(cs.hasUnrecognizedTerms()).isFalse();
    assertThat(cs.decode(raw, 0, raw.length, VR.PN)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patientNames")
  void encodesPatientNameBack(String file, String expected, boolean sameBytes) throws IOException {
    CharsetCorpus.RawElement pn =
        CharsetCorpus.element(CharsetCorpus.file(file + ".dcm"), PATIENT_NAME);
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf(pn.charset());

    byte[] encoded = cs.encode(expected, VR.PN);

    assertThat(cs.decode(encoded, VR.PN)).isEqualTo(expected);
    if (sameBytes) {
      assertThat(encoded).as("bytes as written in %s", file).isEqualTo(pn.trimmed());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("multiValuedFiles")
  void decodesMultiValuedPersonNameAndText(String file, String name) throws IOException {
    var path = CharsetCorpus.file(file + ".dcm");
    var others = CharsetCorpus.element(path, OTHER_PATIENT_NAMES);
    var history = CharsetCorpus.element(path, ADDITIONAL_PATIENT_HISTORY);
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf(others.charset());

    assertThat(cs.decode(others.trimmed(), VR.PN)).isEqualTo(name + "\\" + name);
    String given = name.substring(name.indexOf('^') + 1);
    String text = cs.decode(history.trimmed(), VR.LT);
    assertThat(text).isEqualTo(file.startsWith("chrKorean") ? name : given);
  }

  static Stream<Arguments> multiValuedFiles() {
    return Stream.of(
        Arguments.of("chrJapMulti", "やまだ^たろう"),
        Arguments.of("chrJapMultiExplicitIR6", "やまだ^たろう"),
        Arguments.of("chrKoreanMulti", "김희중"));
  }
}
