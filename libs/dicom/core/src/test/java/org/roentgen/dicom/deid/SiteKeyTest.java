package org.roentgen.dicom.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Replacement UIDs and tokens: stable across runs (golden values), valid, keyed. */
class SiteKeyTest {
  static final String SECRET = "roentgen-test-secret-0123456789";
  private static final SiteKey KEY = SiteKey.of(SECRET);

  /**
   * Golden values, computed independently with Python's hmac module: a later version or another
   * process must give the same replacement, or studies already sent would split in two.
   */
  @Test
  void derivationIsStableAcrossVersionsAndRestarts() {
    assertThat(KEY.uid("1.2.3.4")).isEqualTo("2.25.312035998047588406389052954733407479313");
    assertThat("ANON" + KEY.token("patient", "ID-0001", 16)).isEqualTo("ANONB76E6F630C303034");
  }

  @Test
  void uidIsAValidUuidDerivedUid() {
    for (String original : new String[] {"1.2.3.4", "1.2.840.113619.2.55.3.604688119.971.1", ""}) {
      String uid = KEY.uid(original);
      assertThat(uid)
          .startsWith("2.25.")
          .hasSizeLessThanOrEqualTo(64)
          .matches("2\\.25\\.[1-9][0-9]*");
      BigInteger uuid = new BigInteger(uid.substring(5));
      assertThat(uuid.bitLength()).isLessThanOrEqualTo(128);
      assertThat(uuid.shiftRight(76).and(BigInteger.valueOf(0xF)).intValue())
          .as("UUID version 8")
          .isEqualTo(8);
      assertThat(uuid.shiftRight(62).and(BigInteger.valueOf(0x3)).intValue())
          .as("RFC 9562 variant")
          .isEqualTo(2);
    }
  }

  @Test
  void sameSecretSameValuesOtherSecretOtherValues() {
    SiteKey same = SiteKey.of(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    SiteKey other = SiteKey.of("another-site-secret-0123456789");
    assertThat(same.uid("1.2.3.4")).isEqualTo(KEY.uid("1.2.3.4"));
    assertThat(other.uid("1.2.3.4")).isNotEqualTo(KEY.uid("1.2.3.4"));
    assertThat(KEY.uid("1.2.3.5")).isNotEqualTo(KEY.uid("1.2.3.4"));
    assertThat(KEY.token("a", "x", 16)).isNotEqualTo(KEY.token("b", "x", 16));
  }

  @Test
  void refusesShortSecretsAndNeverShowsTheSecret() {
    assertThatThrownBy(() -> SiteKey.of("short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SiteKey.of((String) null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(KEY.toString()).doesNotContain(SECRET);
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    String expected = KEY.uid("1.2.3.4");
    java.util.List<String> seen =
        java.util.stream.IntStream.range(0, 2000)
            .parallel()
            .mapToObj(i -> KEY.uid("1.2.3.4"))
            .distinct()
            .toList();
    assertThat(seen).containsExactly(expected);
  }
}
