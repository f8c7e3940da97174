package org.roentgen.dicom.data;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecificCharacterSetTest {

  /** Builds bytes from strings (each char one byte, ISO 8859-1), byte arrays and ints. */
  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) {
        out.writeBytes(s.getBytes(ISO_8859_1));
      } else if (p instanceof byte[] b) {
        out.writeBytes(b);
      } else {
        out.write((Integer) p);
      }
    }
    return out.toByteArray();
  }

  static final String ESC = "\u001b";

  @Nested
  class ValueOf {
    @Test
    void noValueIsTheDefaultRepertoire() {
      assertThat(SpecificCharacterSet.valueOf()).isSameAs(SpecificCharacterSet.DEFAULT);
      assertThat(SpecificCharacterSet.valueOf((String[]) null))
          .isSameAs(SpecificCharacterSet.DEFAULT);
      assertThat(SpecificCharacterSet.valueOf("")).isSameAs(SpecificCharacterSet.DEFAULT);
      assertThat(SpecificCharacterSet.valueOf(" ")).isSameAs(SpecificCharacterSet.DEFAULT);
      assertThat(SpecificCharacterSet.DEFAULT.isDefault()).isTrue();
      assertThat(SpecificCharacterSet.DEFAULT.isAscii()).isTrue();
      assertThat(SpecificCharacterSet.DEFAULT.definedTerms()).isEmpty();
    }

    @Test
    void isoIr6IsTheDefault() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 6");
      assertThat(cs.isDefault()).isTrue();
      assertThat(cs.terms()).containsExactly(CharacterSetTerm.ISO_IR_6);
    }

    @Test
    void cachesPerDistinctValueList() {
      SpecificCharacterSet a = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
      assertThat(SpecificCharacterSet.valueOf("", "ISO 2022 IR 87 ")).isSameAs(a);
      assertThat(SpecificCharacterSet.valueOf("ISO 2022 IR 87")).isNotSameAs(a);
    }

    @Test
    void leadingEmptyValueMeansDefaultInitialDesignation() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
      assertThat(cs.definedTerms()).containsExactly("", "ISO 2022 IR 87");
      assertThat(cs.terms()).containsExactly(CharacterSetTerm.ISO_2022_IR_87);
      assertThat(cs.usesCodeExtensions()).isTrue();
      assertThat(cs.isDefault()).isFalse();
      assertThat(cs.isAscii()).isFalse();
      assertThat(cs.warnings()).isEmpty();
    }

    @Test
    void definedTermsIsACopy() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 100");
      cs.definedTerms()[0] = "changed";
      assertThat(cs.definedTerms()).containsExactly("ISO_IR 100");
    }

    @Test
    void unknownTermFallsBackToDefaultAndIsFlagged() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 999");
      assertThat(cs.hasUnrecognizedTerms()).isTrue();
      assertThat(cs.unrecognizedTerms()).containsExactly("ISO_IR 999");
      assertThat(cs.warnings()).singleElement().asString().contains("ISO_IR 999");
      assertThat(cs.isDefault()).isTrue();
      assertThat(cs.decode(bytes("CITIZEN"), VR.PN)).isEqualTo("CITIZEN");
    }

    @Test
    void unknownSecondTermIsFlaggedAndTheRestStillWorks() {
      // pydicom test_invalid_second_encoding
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 146");
      assertThat(cs.unrecognizedTerms()).containsExactly("ISO 2022 IR 146");
      assertThat(cs.decode(bytes("Buc^J", 0xE9, "r", 0xF4, "me"), VR.PN)).isEqualTo("Buc^Jérôme");
    }

    @Test
    void looseSpellingIsReadButNoted() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO-IR 100");
      assertThat(cs.hasUnrecognizedTerms()).isFalse();
      assertThat(cs.terms()).containsExactly(CharacterSetTerm.ISO_IR_100);
      assertThat(cs.warnings()).hasSize(1);
      assertThat(cs.decode(bytes(0xC4, "neas"), VR.LO)).isEqualTo("Äneas");
    }

    @Test
    void utf8WithFurtherValuesUsesTheFirstAndNotes() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 192", "ISO 2022 IR 87");
      assertThat(cs.usesCodeExtensions()).isFalse();
      assertThat(cs.warnings()).isNotEmpty();
      assertThat(cs.decode("王".getBytes(java.nio.charset.StandardCharsets.UTF_8), VR.PN))
          .isEqualTo("王");
    }

    @Test
    void singleByteTermsWithoutIso2022PrefixInMultipleValuesActAsExtensions() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 100", "ISO_IR 126");
      assertThat(cs.usesCodeExtensions()).isTrue();
      byte[] raw =
          bytes("Dionysios=", ESC, "-F", 0xC4, 0xE9, 0xEF, 0xED, 0xF5, 0xF3, 0xE9, 0xEF, 0xF2);
      assertThat(cs.decode(raw, VR.PN)).isEqualTo("Dionysios=Διονυσιος");
    }
  }

  @Nested
  class SingleByte {
    static Stream<Arguments> names() {
      return Stream.of(
          Arguments.of("ISO_IR 100", "Buc^Jérôme", bytes("Buc^J", 0xE9, "r", 0xF4, "me")),
          Arguments.of("ISO_IR 101", "Wałęsa", bytes("Wa", 0xB3, 0xEA, "sa")),
          Arguments.of("ISO_IR 109", "antaŭnomo", bytes("anta", 0xFD, "nomo")),
          Arguments.of("ISO_IR 110", "vārds", bytes("v", 0xE0, "rds")),
          Arguments.of(
              "ISO_IR 144", "Люкceмбypг", bytes(0xBB, 0xEE, 0xDA, "ce", 0xDC, 0xD1, "yp", 0xD3)),
          Arguments.of(
              "ISO_IR 127",
              "قباني^لنزار",
              bytes(0xE2, 0xC8, 0xC7, 0xE6, 0xEA, "^", 0xE4, 0xE6, 0xD2, 0xC7, 0xD1)),
          Arguments.of(
              "ISO_IR 126",
              "Διονυσιος",
              bytes(0xC4, 0xE9, 0xEF, 0xED, 0xF5, 0xF3, 0xE9, 0xEF, 0xF2)),
          Arguments.of(
              "ISO_IR 138",
              "שרון^דבורה",
              bytes(0xF9, 0xF8, 0xE5, 0xEF, "^", 0xE3, 0xE1, 0xE5, 0xF8, 0xE4)),
          Arguments.of("ISO_IR 148", "Çavuşoğlu", bytes(0xC7, "avu", 0xFE, "o", 0xF0, "lu")),
          Arguments.of("ISO_IR 203", "€uro Œuvre", bytes(0xA4, "uro ", 0xBC, "uvre")),
          Arguments.of(
              "ISO_IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ", bytes(0xD4, 0xCF, 0xC0, 0xDE, "^", 0xC0, 0xDB, 0xB3)),
          Arguments.of("ISO_IR 166", "นามสกุล", bytes(0xB9, 0xD2, 0xC1, 0xCA, 0xA1, 0xD8, 0xC5)),
          Arguments.of(
              "GB18030",
              "Wang^XiaoDong=王^小东=",
              bytes("Wang^XiaoDong=", 0xCD, 0xF5, "^", 0xD0, 0xA1, 0xB6, 0xAB, "=")),
          Arguments.of("GBK", "王小东", bytes(0xCD, 0xF5, 0xD0, 0xA1, 0xB6, 0xAB)),
          Arguments.of(
              "ISO_IR 192",
              "Wang^XiaoDong=王^小東=",
              bytes(
                  "Wang^XiaoDong=",
                  0xE7,
                  0x8E,
                  0x8B,
                  "^",
                  0xE5,
                  0xB0,
                  0x8F,
                  0xE6,
                  0x9D,
                  0xB1,
                  "=")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void decodesAndEncodes(String term, String text, byte[] raw) {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf(term);
      assertThat(cs.warnings()).isEmpty();
      assertThat(cs.decode(raw, VR.PN)).isEqualTo(text);
      assertThat(cs.encode(text, VR.PN)).isEqualTo(raw);
    }

    @Test
    void escapeInSingleValuedSetIsAnOrdinaryControlCharacter() {
      // pydicom test_unknown_escape_sequence: ISO_IR 100 has no code extensions
      byte[] raw = bytes(ESC, "-F", 0xC4, 0xE9, 0xEF, 0xED, 0xF5, 0xF3, 0xE9, 0xEF, 0xF2);
      assertThat(SpecificCharacterSet.valueOf("ISO_IR 100").decode(raw, VR.PN))
          .isEqualTo("\u001b-FÄéïíõóéïò");
    }

    @Test
    void vrsNotAffectedByCharsetUseTheDefaultRepertoire() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 192");
      byte[] raw = bytes(0xC3, 0xA9);
      assertThat(cs.decode(raw, VR.PN)).isEqualTo("é");
      assertThat(cs.decode(raw, VR.CS)).isEqualTo("Ã©");
      assertThatThrownBy(() -> cs.encode("é", VR.CS)).isInstanceOf(CharsetEncodeException.class);
    }

    @Test
    void asciiFastPathKeepsOffsetAndLength() {
      byte[] raw = bytes("xxABC\\DEFxx");
      assertThat(SpecificCharacterSet.valueOf("ISO_IR 100").decode(raw, 2, 7, VR.LO))
          .isEqualTo("ABC\\DEF");
      assertThat(SpecificCharacterSet.valueOf("", "ISO 2022 IR 87").decode(raw, 2, 7, VR.LO))
          .isEqualTo("ABC\\DEF");
    }
  }

  @Nested
  class Unencodable {
    @Test
    void defaultRepertoireRejectsNonAscii() {
      assertThatThrownBy(() -> SpecificCharacterSet.DEFAULT.encode("Jérôme", VR.PN))
          .isInstanceOfSatisfying(
              CharsetEncodeException.class,
              e -> {
                assertThat(e.codePoint()).isEqualTo('é');
                assertThat(e.index()).isEqualTo(1);
                assertThat(e.vr()).isEqualTo(VR.PN);
              });
    }

    @Test
    void singleByteSetNamesItselfInTheError() {
      assertThatThrownBy(() -> SpecificCharacterSet.valueOf("ISO_IR 100").encode("Ab山", VR.LO))
          .isInstanceOfSatisfying(
              CharsetEncodeException.class,
              e -> {
                assertThat(e.definedTerms()).containsExactly("ISO_IR 100");
                assertThat(e.codePoint()).isEqualTo('山');
                assertThat(e.index()).isEqualTo(2);
              })
          .hasMessageContaining("ISO_IR 100");
    }

    @Test
    void iso2022RejectsCharacterInNoDesignatedSet() {
      SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
      assertThatThrownBy(() -> cs.encode("Yamada=山田ل", VR.PN))
          .isInstanceOfSatisfying(
              CharsetEncodeException.class,
              e -> {
                assertThat(e.definedTerms()).containsExactly("", "ISO 2022 IR 87");
                assertThat(e.codePoint()).isEqualTo('ل');
              });
      // 鷗 is only in JIS X 0212 (ISO 2022 IR 159)
      assertThatThrownBy(() -> cs.encode("鷗", VR.PN)).isInstanceOf(CharsetEncodeException.class);
    }

    @Test
    void utf8RejectsUnpairedSurrogate() {
      assertThatThrownBy(() -> SpecificCharacterSet.valueOf("ISO_IR 192").encode("a\uD800b", VR.LO))
          .isInstanceOf(CharsetEncodeException.class);
    }
  }
}
