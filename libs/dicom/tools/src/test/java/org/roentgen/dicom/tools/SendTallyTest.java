package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The summary's number formatting, which avoids java.util.Formatter, prints what %.Nf would. */
class SendTallyTest {
  @Test
  void fixedPrintsWhatFormatWould() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      double v =
          switch (i % 4) {
            case 0 -> random.nextDouble() * 10;
            case 1 -> random.nextDouble() * 1e6;
            case 2 -> -random.nextDouble() * 1000;
            default -> random.nextInt(100_000) / 1000.0;
          };
      for (int decimals = 0; decimals <= 2; decimals++) {
        double scaled = Math.abs(v) * Math.pow(10, decimals);
        if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) {
          continue; // a tie in binary: both round it, each its own way
        }
        assertThat(SendTally.fixed(v, decimals))
            .as("%s to %d places", v, decimals)
            .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", v));
      }
    }
    assertThat(SendTally.fixed(0, 1)).isEqualTo("0.0");
    assertThat(SendTally.fixed(-0.04, 1)).isEqualTo("-0.0");
    assertThat(SendTally.fixed(1678.0376, 1)).isEqualTo("1678.0");
    assertThat(SendTally.fixed(0.999, 2)).isEqualTo("1.00");
    assertThat(SendTally.fixed(Double.POSITIVE_INFINITY, 0)).isEqualTo("Infinity");
  }

  @Test
  void hex4PadsToFourUpperCaseDigits() {
    assertThat(SendTally.hex4(0)).isEqualTo("0000");
    assertThat(SendTally.hex4(0xA700)).isEqualTo("A700");
    assertThat(SendTally.hex4(0x0110)).isEqualTo("0110");
    assertThat(SendTally.hex4(0xC000)).isEqualTo("C000");
  }
}
