package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Value encoding rules of PS3.5 table 6.2-1: IS, DS, AT. */
class ValuesTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "0.1, 0.1",
    "-2.5, -2.5",
    "1e3, 1000",
    "123456789012, 123456789012",
  })
  void formatsShortDecimalsPlainly(double value, String expected) {
    assertThat(Values.formatDecimalString(value)).isEqualTo(expected);
  }

  @Property(tries = 300, shrinking = ShrinkingMode.OFF)
  void decimalStringsFitSixteenCharactersAndKeepTheirValue(@ForAll double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return;
    }
    String s = Values.formatDecimalString(value);
    assertThat(s).hasSizeLessThanOrEqualTo(16).matches("[-+]?[0-9]*\\.?[0-9]*([eE][-+]?[0-9]+)?");
    double back = Double.parseDouble(s);
    if (value == 0) {
      assertThat(back).isZero();
    } else {
      // At least 9 significant digits survive even for "-1.2345678E-300".
      assertThat(Math.abs(back - value) / Math.abs(value)).isLessThan(1e-8);
    }
  }

  @Test
  void decimalStringsIgnoreTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertThat(Values.formatDecimalString(1.0 / 3)).isEqualTo("0.33333333333333");
      assertThat(Values.formatDecimalString(-1.0e-300)).doesNotContain(",");
      Attributes ds = new Attributes();
      ds.setDouble(0x00180050, VR.DS, 1.0 / 3, 2.0 / 3);
      assertThat(ds.getDoubles(0x00180050)).hasSize(2);
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void decimalStringsUseExponentsForTinyAndHugeValues() {
    assertThat(Values.formatDecimalString(1e-20)).isEqualTo("1E-20");
    assertThat(Values.formatDecimalString(-1.5e300)).isEqualTo("-1.5E300");
    assertThat(Values.formatDecimalString(Math.PI * 1e-10)).isEqualTo("3.1415926536E-10");
    assertThat(Values.formatDecimalString(Double.MAX_VALUE)).isEqualTo("1.7976931348E308");
    assertThat(Double.parseDouble(Values.formatDecimalString(-1.5e300))).isEqualTo(-1.5e300);
  }

  @Test
  void integerStringsAcceptSignsAndPadding() {
    Attributes ds = new Attributes();
    ds.setBytes(0x00200013, VR.IS, "+0001\\ -2147483648\\2147483647 ".getBytes());
    assertThat(ds.getInts(0x00200013)).containsExactly(1, Integer.MIN_VALUE, Integer.MAX_VALUE);
    ds.setBytes(0x00200013, VR.IS, "  ".getBytes());
    assertThat(ds.getInts(0x00200013)).isEmpty();
    assertThat(ds.getInt(0x00200013, 9)).isEqualTo(9);
  }

  @Test
  void decimalStringsParseEveryPermittedForm() {
    Attributes ds = new Attributes();
    ds.setBytes(0x00180050, VR.DS, " 1.5\\-.5\\+2E2\\3e-1\\0 ".getBytes());
    assertThat(ds.getDoubles(0x00180050)).containsExactly(1.5, -0.5, 200, 0.3, 0);
    assertThat(ds.getLongs(0x00180050)).containsExactly(1, 0, 200, 0, 0);
  }

  @Test
  void attributeTagsAreTwoWordsThatSwapAsWords() {
    Attributes le = new Attributes(false, 1);
    le.setString(0x00209165, VR.AT, "(7FE0,0010)", "00100010");
    assertThat(le.getBytes(0x00209165))
        .containsExactly(0xE0, 0x7F, 0x10, 0x00, 0x10, 0x00, 0x10, 0x00);
    Attributes be = new Attributes(le, true);
    assertThat(be.getBytes(0x00209165))
        .containsExactly(0x7F, 0xE0, 0x00, 0x10, 0x00, 0x10, 0x00, 0x10);
    assertThat(be.getStrings(0x00209165)).containsExactly("7FE00010", "00100010");
    assertThat(be.getInts(0x00209165)).isEmpty();
  }
}
