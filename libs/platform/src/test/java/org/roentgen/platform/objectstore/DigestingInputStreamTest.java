package org.roentgen.platform.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestingInputStreamTest {
  @Test
  void hashesAndCountsEverythingReadOrSkipped() throws Exception {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(abc));
    assertThat(in.read()).isEqualTo('a');
    assertThat(in.skip(2)).isEqualTo(2);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.count()).isEqualTo(3);
    // FIPS 180-2 test vector for "abc".
    assertThat(in.sha256Hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(DigestingInputStream.sha256Of(new ByteArrayInputStream(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
