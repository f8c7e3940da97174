package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Encode-then-decode round trips and robustness of decoding arbitrary bytes. */
class SpecificCharacterSetPropertiesTest {

  private static final SpecificCharacterSet UTF8 = SpecificCharacterSet.valueOf("ISO_IR 192");
  private static final SpecificCharacterSet LATIN1 = SpecificCharacterSet.valueOf("ISO_IR 100");
  private static final SpecificCharacterSet JAPANESE =
      SpecificCharacterSet.valueOf("ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159");
  private static final SpecificCharacterSet JAPANESE_KATAKANA =
      SpecificCharacterSet.valueOf("ISO 2022 IR 13", "ISO 2022 IR 87");
  private static final SpecificCharacterSet KOREAN =
      SpecificCharacterSet.valueOf("", "ISO 2022 IR 149");
  private static final SpecificCharacterSet MIXED =
      SpecificCharacterSet.valueOf(
          "", "ISO 2022 IR 100", "ISO 2022 IR 87", "ISO 2022 IR 149", "ISO 2022 IR 126");

  /** ASCII letters, the delimiters of PS3.5 6.1.2.5.3 and the controls of text values. */
  private static final String ASCII = "AZaz09 ^=\\\r\n\t\f";

  @Property
  void utf8RoundTrip(@ForAll("unicode") String s, @ForAll("textVr") VR vr) {
    assertThat(UTF8.decode(UTF8.encode(s, vr), vr)).isEqualTo(s);
    assertThat(UTF8.encode(s, vr)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
  }

  @Property
  void latin1RoundTrip(@ForAll("latin1") String s, @ForAll("textVr") VR vr) {
    byte[] encoded = LATIN1.encode(s, vr);
    assertThat(encoded).hasSize(s.length());
    assertThat(LATIN1.decode(encoded, vr)).isEqualTo(s);
  }

  @Property
  void japaneseRoundTrip(@ForAll("japanese") String s, @ForAll("textVr") VR vr) {
    byte[] encoded = JAPANESE.encode(s, vr);
    assertThat(endsInInitialDesignation(encoded)).isTrue();
    assertThat(JAPANESE.decode(encoded, vr)).isEqualTo(s);
  }

  @Property
  void halfwidthKatakanaRoundTrip(@ForAll("katakana") String s, @ForAll("textVr") VR vr) {
    assertThat(JAPANESE_KATAKANA.decode(JAPANESE_KATAKANA.encode(s, vr), vr)).isEqualTo(s);
  }

  @Property
  void koreanRoundTrip(@ForAll("korean") String s, @ForAll("textVr") VR vr) {
    assertThat(KOREAN.decode(KOREAN.encode(s, vr), vr)).isEqualTo(s);
  }

  @Property
  void mixedRoundTrip(@ForAll("mixed") String s, @ForAll("textVr") VR vr) {
    assertThat(MIXED.decode(MIXED.encode(s, vr), vr)).isEqualTo(s);
  }

  @Property
  void decodingArbitraryBytesNeverFails(
      @ForAll @Size(max = 64) byte[] raw, @ForAll("textVr") VR vr) {
    for (SpecificCharacterSet cs : List.of(MIXED, JAPANESE, JAPANESE_KATAKANA, UTF8, LATIN1)) {
      assertThat(cs.decode(raw, vr)).isNotNull();
    }
  }

  /** An encoded value never leaves G0 in a multi-byte set (PS3.5 6.1.2.5.3). */
  private static boolean endsInInitialDesignation(byte[] b) {
    int lastEsc = -1;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == Iso2022.ESC) {
        lastEsc = i;
      }
    }
    return lastEsc < 0 || (b[lastEsc + 1] == '(' && b[lastEsc + 2] == 'B');
  }

  @Provide
  Arbitrary<VR> textVr() {
    return Arbitraries.of(VR.PN, VR.LO, VR.SH, VR.LT, VR.ST, VR.UT, VR.UC);
  }

  @Provide
  Arbitrary<String> unicode() {
    Arbitrary<Integer> cp =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, Character.MIN_SURROGATE - 1),
            Arbitraries.integers().between(Character.MAX_SURROGATE + 1, Character.MAX_CODE_POINT));
    return cp.list().ofMaxSize(32).map(SpecificCharacterSetPropertiesTest::fromCodePoints);
  }

  @Provide
  Arbitrary<String> latin1() {
    return Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMaxLength(64);
  }

  @Provide
  Arbitrary<String> japanese() {
    return Arbitraries.strings().withChars(ASCII + "山田太郎やまだたろうぼそまアイウ森鷗外齩ー・").ofMaxLength(32);
  }

  @Provide
  Arbitrary<String> katakana() {
    return Arbitraries.strings().withChars(ASCII + "ﾔﾏﾀﾞﾛｳｱ山田やま").ofMaxLength(32);
  }

  @Provide
  Arbitrary<String> korean() {
    return Arbitraries.strings()
        .withChars(ASCII + encodable("EUC-KR", 0xAC00, 0xAE00))
        .ofMaxLength(32);
  }

  @Provide
  Arbitrary<String> mixed() {
    return Arbitraries.strings().withChars(ASCII + "éÄßΔιονυσ山田やま홍길동洪").ofMaxLength(32);
  }

  /** The characters in [from, to) that {@code charset} can encode. */
  private static String encodable(String charset, int from, int to) {
    CharsetEncoder enc = Charset.forName(charset).newEncoder();
    StringBuilder sb = new StringBuilder();
    for (int c = from; c < to; c++) {
      if (enc.canEncode((char) c)) {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  private static String fromCodePoints(List<Integer> cps) {
    List<Integer> copy = new ArrayList<>(cps);
    StringBuilder sb = new StringBuilder();
    copy.forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
