package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.dicom.data.SpecificCharacterSetTest.ESC;
import static org.roentgen.dicom.data.SpecificCharacterSetTest.bytes;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ISO 2022 code extensions, PS3.5 6.1.2.5 and the examples of PS3.5 Annexes H, I and K. */
class SpecificCharacterSetIso2022Test {

  private static final String ESC_JIS_X0208 = ESC + "$B";
  private static final String ESC_JIS_X0212 = ESC + "$(D";
  private static final String ESC_ASCII = ESC + "(B";
  private static final String ESC_JIS_ROMAN = ESC + "(J";
  private static final String ESC_KS_X1001 = ESC + "$)C";
  private static final String ESC_GB2312 = ESC + "$)A";

  /** PS3.5 H.3.1: "\ISO 2022 IR 87", the value of chrH31.dcm. */
  static final byte[] ANNEX_H_3_1 =
      bytes(
          "Yamada^Tarou=",
          ESC_JIS_X0208,
          ";3ED",
          ESC_ASCII,
          "^",
          ESC_JIS_X0208,
          "B@O:",
          ESC_ASCII,
          "=",
          ESC_JIS_X0208,
          "$d$^$@",
          ESC_ASCII,
          "^",
          ESC_JIS_X0208,
          "$?$m$&",
          ESC_ASCII);

  /** PS3.5 H.3.2: "ISO 2022 IR 13\ISO 2022 IR 87", the value of chrH32.dcm. */
  static final byte[] ANNEX_H_3_2 =
      bytes(
          0xD4,
          0xCF,
          0xC0,
          0xDE,
          "^",
          0xC0,
          0xDB,
          0xB3,
          "=",
          ESC_JIS_X0208,
          ";3ED",
          ESC_JIS_ROMAN,
          "^",
          ESC_JIS_X0208,
          "B@O:",
          ESC_JIS_ROMAN,
          "=",
          ESC_JIS_X0208,
          "$d$^$@",
          ESC_JIS_ROMAN,
          "^",
          ESC_JIS_X0208,
          "$?$m$&",
          ESC_JIS_ROMAN);

  /** PS3.5 I.2: "\ISO 2022 IR 149", the value of chrI2.dcm. */
  static final byte[] ANNEX_I_2 =
      bytes(
          "Hong^Gildong=",
          ESC_KS_X1001,
          0xFB,
          0xF3,
          "^",
          ESC_KS_X1001,
          0xD1,
          0xCE,
          0xD4,
          0xD7,
          "=",
          ESC_KS_X1001,
          0xC8,
          0xAB,
          "^",
          ESC_KS_X1001,
          0xB1,
          0xE6,
          0xB5,
          0xBF);

  /** PS3.5 K.2: "\ISO 2022 IR 58" (without the trailing padding space). */
  static final byte[] ANNEX_K_2 =
      bytes(
          "Zhang^XiaoDong=", ESC_GB2312, 0xD5, 0xC5, "^", ESC_GB2312, 0xD0, 0xA1, 0xB6, 0xAB, "=");

  static Stream<Arguments> standardExamples() {
    return Stream.of(
        Arguments.of(
            "H.3.1",
            new String[] {"", "ISO 2022 IR 87"},
            "Yamada^Tarou=山田^太郎=やまだ^たろう",
            ANNEX_H_3_1),
        Arguments.of(
            "H.3.2",
            new String[] {"ISO 2022 IR 13", "ISO 2022 IR 87"},
            "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
            ANNEX_H_3_2),
        Arguments.of(
            "I.2", new String[] {"", "ISO 2022 IR 149"}, "Hong^Gildong=洪^吉洞=홍^길동", ANNEX_I_2),
        Arguments.of("K.2", new String[] {"", "ISO 2022 IR 58"}, "Zhang^XiaoDong=张^小东=", ANNEX_K_2),
        // pydicom test_japanese_multi_byte_personname: IR 159 for 鷗, back to IR 87 for 外
        Arguments.of(
            "Mori Ogai",
            new String[] {"ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159"},
            "Mori^Ogai=森^鷗外=もり^おうがい",
            bytes(
                "Mori^Ogai=",
                ESC_JIS_X0208,
                "?9",
                ESC_ASCII,
                "^",
                ESC_JIS_X0212,
                "l?",
                ESC_JIS_X0208,
                "30",
                ESC_ASCII,
                "=",
                ESC_JIS_X0208,
                "$b$j",
                ESC_ASCII,
                "^",
                ESC_JIS_X0208,
                "$*$&$,$$",
                ESC_ASCII)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("standardExamples")
  void encodesTheStandardsByteSequence(String example, String[] terms, String text, byte[] raw) {
    assertThat(SpecificCharacterSet.valueOf(terms).encode(text, VR.PN)).isEqualTo(raw);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("standardExamples")
  void decodesTheStandardsByteSequence(String example, String[] terms, String text, byte[] raw) {
    assertThat(SpecificCharacterSet.valueOf(terms).decode(raw, VR.PN)).isEqualTo(text);
  }

  @Test
  void katakanaNeedsNoEscapeWhenIr13IsTheInitialSet() {
    SpecificCharacterSet cs =
        SpecificCharacterSet.valueOf("ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159");
    // pydicom writes a redundant ESC ) I before ｱ; both decode alike
    byte[] pydicom =
        bytes(
            ESC_JIS_X0208,
            "$\"",
            ESC_JIS_ROMAN,
            "a",
            ESC,
            ")I",
            0xB1,
            ESC_JIS_X0208,
            "%\"",
            ESC_JIS_X0212,
            "mN",
            ESC_JIS_ROMAN);
    byte[] ours =
        bytes(
            ESC_JIS_X0208,
            "$\"",
            ESC_JIS_ROMAN,
            "a",
            0xB1,
            ESC_JIS_X0208,
            "%\"",
            ESC_JIS_X0212,
            "mN",
            ESC_JIS_ROMAN);
    assertThat(cs.decode(pydicom, VR.LO)).isEqualTo("あaｱア齩");
    assertThat(cs.encode("あaｱア齩", VR.LO)).isEqualTo(ours);
  }

  /** pydicom ENCODED_NAMES: every single-byte set as a code extension after ASCII text. */
  static Stream<Arguments> singleByteExtensions() {
    return Stream.of(
        Arguments.of(
            "ISO 2022 IR 13",
            "ﾔﾏﾀﾞ^ﾀﾛｳ",
            bytes(ESC, ")I", 0xD4, 0xCF, 0xC0, 0xDE, "^", ESC, ")I", 0xC0, 0xDB, 0xB3)),
        Arguments.of(
            "ISO 2022 IR 100",
            "Buc^Jérôme",
            bytes(ESC, "-ABuc^", ESC, "-AJ", 0xE9, "r", 0xF4, "me")),
        Arguments.of("ISO 2022 IR 101", "Wałęsa", bytes(ESC, "-BWa", 0xB3, 0xEA, "sa")),
        Arguments.of("ISO 2022 IR 109", "antaŭnomo", bytes(ESC, "-Canta", 0xFD, "nomo")),
        Arguments.of("ISO 2022 IR 110", "vārds", bytes(ESC, "-Dv", 0xE0, "rds")),
        Arguments.of(
            "ISO 2022 IR 127",
            "قباني^لنزار",
            bytes(
                ESC, "-G", 0xE2, 0xC8, 0xC7, 0xE6, 0xEA, "^", ESC, "-G", 0xE4, 0xE6, 0xD2, 0xC7,
                0xD1)),
        Arguments.of(
            "ISO 2022 IR 126",
            "Διονυσιος",
            bytes(ESC, "-F", 0xC4, 0xE9, 0xEF, 0xED, 0xF5, 0xF3, 0xE9, 0xEF, 0xF2)),
        Arguments.of(
            "ISO 2022 IR 138",
            "שרון^דבורה",
            bytes(ESC, "-H", 0xF9, 0xF8, 0xE5, 0xEF, "^", ESC, "-H", 0xE3, 0xE1, 0xE5, 0xF8, 0xE4)),
        Arguments.of(
            "ISO 2022 IR 144",
            "Люкceмбypг",
            bytes(ESC, "-L", 0xBB, 0xEE, 0xDA, "ce", 0xDC, 0xD1, "yp", 0xD3)),
        Arguments.of(
            "ISO 2022 IR 148", "Çavuşoğlu", bytes(ESC, "-M", 0xC7, "avu", 0xFE, "o", 0xF0, "lu")),
        Arguments.of("ISO 2022 IR 203", "€uro", bytes(ESC, "-b", 0xA4, "uro")),
        Arguments.of(
            "ISO 2022 IR 166",
            "นามสกุล",
            bytes(ESC, "-T", 0xB9, 0xD2, 0xC1, 0xCA, 0xA1, 0xD8, 0xC5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleByteExtensions")
  void singleByteCodeExtensions(String term, String text, byte[] raw) {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", term);
    byte[] value = bytes("ASCII+", raw);
    assertThat(cs.decode(value, VR.PN)).isEqualTo("ASCII+" + text);
    byte[] encoded = cs.encode("ASCII+" + text, VR.PN);
    assertThat(cs.decode(encoded, VR.PN)).isEqualTo("ASCII+" + text);
  }

  @Test
  void componentDelimiterResetsG1ToTheInitialSet() {
    // pydicom test_missing_escape_for_single_byte_code_extensions: after '^' nothing is in G1,
    // so the bytes are read leniently as ISO 8859-1
    byte[] raw = bytes("ASCII+", ESC, ")I", 0xD4, 0xCF, 0xC0, 0xDE, "^", 0xC0, 0xDB, 0xB3);
    assertThat(SpecificCharacterSet.valueOf("", "ISO 2022 IR 13").decode(raw, VR.PN))
        .isEqualTo("ASCII+ﾔﾏﾀﾞ^ÀÛ³");
  }

  @Test
  void valueDelimiterResetsOnlyForMultiValuedVrs() {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 149");
    byte[] raw = bytes(ESC_KS_X1001, 0xC8, 0xAB, "\\", 0xC8, 0xAB);
    assertThat(cs.decode(raw, VR.LO)).isEqualTo("홍\\È«");
    assertThat(cs.decode(raw, VR.LT)).isEqualTo("홍\\홍");
    assertThat(cs.decode(raw, VR.PN)).isEqualTo("홍\\È«");
  }

  @Test
  void controlCharactersResetTextValues() {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
    byte[] raw = bytes(ESC_JIS_X0208, ";3", "\r\n", ";3", "\t", ESC_JIS_X0208, ";3");
    assertThat(cs.decode(raw, VR.LT)).isEqualTo("山\r\n;3\t山");
    assertThat(cs.encode("山\r\n山\t山", VR.LT))
        .isEqualTo(
            bytes(
                ESC_JIS_X0208,
                ";3",
                ESC_ASCII,
                "\r\n",
                ESC_JIS_X0208,
                ";3",
                ESC_ASCII,
                "\t",
                ESC_JIS_X0208,
                ";3",
                ESC_ASCII));
  }

  @Test
  void delimiterBytesInsideATwoByteCharacterAreNotDelimiters() {
    // ぼ = 02/04 05/12 ('\'), そ = 02/04 03/13 ('='), ま = 02/04 05/14 ('^')
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
    byte[] raw = bytes(ESC_JIS_X0208, "$\\$=$^", ESC_ASCII, "^", ESC_JIS_X0208, "$^", ESC_ASCII);
    assertThat(cs.decode(raw, VR.PN)).isEqualTo("ぼそま^ま");
    assertThat(cs.encode("ぼそま^ま", VR.PN)).isEqualTo(raw);
  }

  @Test
  void initialG1SetIsRestoredBeforeDelimitersAndAtTheEnd() {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 126");
    assertThat(cs.encode("é^Δ", VR.PN)).isEqualTo(bytes(0xE9, "^", ESC, "-F", 0xC4, ESC, "-A"));
    assertThat(cs.encode("Δ^é", VR.PN)).isEqualTo(bytes(ESC, "-F", 0xC4, ESC, "-A", "^", 0xE9));
    assertThat(cs.decode(bytes(ESC, "-F", 0xC4, "^", 0xE9), VR.PN)).isEqualTo("Δ^é");
  }

  @Test
  void unknownEscapeSequenceIsKept() {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
    assertThat(cs.decode(bytes("A", ESC, "%GB"), VR.LO)).isEqualTo("A\u001b%GB");
  }

  @Test
  void truncatedMultiByteCharacterBecomesReplacement() {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87", "ISO 2022 IR 149");
    assertThat(cs.decode(bytes(ESC_JIS_X0208, ";3;"), VR.LO)).isEqualTo("山\uFFFD");
    assertThat(cs.decode(bytes(ESC_KS_X1001, 0xC8, 0xAB, 0xC8), VR.LO)).isEqualTo("홍\uFFFD");
  }

  @Test
  void iso2022Ir6AloneIsAscii() {
    SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 6");
    assertThat(cs.isAscii()).isTrue();
    assertThat(cs.isDefault()).isFalse();
    assertThat(cs.decode(bytes("Doe^John"), VR.PN)).isEqualTo("Doe^John");
  }
}
