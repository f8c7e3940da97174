package org.roentgen.dicom.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CID 7050 codes of the options against pydicom's independent transcription of PS3.16 ({@code
 * pydicom/sr/_concepts_dict.py}, Debian's python3-pydicom, which the build installs).
 */
class ProfileOptionTest {
  private static final Path CONCEPTS =
      Path.of("/usr/lib/python3/dist-packages/pydicom/sr/_concepts_dict.py");

  @Test
  void codesAndMeaningsAreThoseOfCid7050() throws IOException {
    assertThat(CONCEPTS).as("pydicom's concept dictionary (python3-pydicom)").isRegularFile();
    String text = Files.readString(CONCEPTS).replaceAll("'\\s+'", "");
    for (ProfileOption o : ProfileOption.values()) {
      assertThat(meaningOf(text, o.codeValue())).as(o.name()).isEqualTo(o.codeMeaning());
    }
    assertThat(meaningOf(text, "113100")).isEqualTo("Basic Application Confidentiality Profile");
  }

  /** The meaning of a DCM code in CID 7050: {@code {'113110': ('Retain UIDs Option', [7050])}}. */
  private static String meaningOf(String text, String code) {
    Matcher m = Pattern.compile("'" + code + "': \\('([^']*)',\\s*\\[([0-9, ]*)\\]").matcher(text);
    assertThat(m.find()).as("code %s in pydicom", code).isTrue();
    assertThat(m.group(2)).as("code %s is in CID 7050", code).contains("7050");
    return m.group(1);
  }
}
