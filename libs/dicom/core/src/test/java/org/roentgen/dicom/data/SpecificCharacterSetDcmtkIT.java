package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * DCMTK as the oracle: {@code dcmdump +U8} converts each file of pydicom's corpus to UTF-8 and
 * every text value of a VR affected by (0008,0005) must decode to the same string with our codec.
 * Files DCMTK cannot convert are listed in {@link #DCMTK_CANNOT_CONVERT} with the reason, and the
 * test checks that DCMTK still fails on them (so the list cannot go stale); at least {@link
 * #MIN_CONFIRMED} files must be confirmed. Their text is checked by SpecificCharacterSetCorpusTest
 * against pydicom's expected values.
 */
class SpecificCharacterSetDcmtkIT {

  private static final String DCMDUMP = System.getProperty("roentgen.dcmdump", "dcmdump");
  private static final int MIN_CONFIRMED = 10;
  private static final long TIMEOUT_SECONDS = 30;
  private static final Pattern LINE =
      Pattern.compile("^\\s*\\(([0-9a-f]{4}),([0-9a-f]{4})\\) ([A-Z]{2}) \\[(.*)\\]\\s+#.*$");

  private static int confirmed;

  /** Debian's DCMTK 3.6.7 converts through glibc iconv, which has no ISO 2022 IR 87 mapping. */
  private static final java.util.Set<String> DCMTK_CANNOT_CONVERT =
      java.util.Set.of(
          "chrH31.dcm",
          "chrH32.dcm",
          "chrJapMulti.dcm",
          "chrJapMultiExplicitIR6.dcm",
          "chrSQEncoding.dcm",
          "chrSQEncoding1.dcm");

  record TextValue(int tag, String value) {}

  @BeforeAll
  static void tools() {
    assertThat(CharsetCorpus.available()).as("pydicom charset corpus (python3-pydicom)").isTrue();
    assertThat(run("--version")).as("DCMTK dcmdump (install dcmtk)").isNotNull();
  }

  @AfterAll
  static void enoughConfirmed() {
    assertThat(confirmed).as("files confirmed by DCMTK").isGreaterThanOrEqualTo(MIN_CONFIRMED);
  }

  @TestFactory
  Stream<DynamicTest> sameTextAsDcmtk() throws IOException {
    try (Stream<Path> files = Files.list(CharsetCorpus.DIR)) {
      List<Path> dcm = files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
      return dcm.stream()
          .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> compare(p)));
    }
  }

  private static void compare(Path file) throws IOException {
    Result r = run("+U8", "+L", file.toString());
    boolean converted = r != null && r.exitCode == 0 && !r.stderr.contains("E: ");
    if (DCMTK_CANNOT_CONVERT.contains(file.getFileName().toString())) {
      assertThat(converted)
          .as("DCMTK now converts " + file.getFileName() + ": compare it")
          .isFalse();
      return;
    }
    assertThat(converted)
        .as("DCMTK could not convert " + file.getFileName() + ": " + (r == null ? "" : r.stderr))
        .isTrue();
    List<TextValue> expected = new ArrayList<>();
    for (String line : r.stdout.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.matches() && VR.ofName(m.group(3)).isCharsetDependent()) {
        int tag = Integer.parseInt(m.group(1) + m.group(2), 16);
        expected.add(new TextValue(tag, m.group(4)));
      }
    }
    List<TextValue> actual = new ArrayList<>();
    for (CharsetCorpus.RawElement e : CharsetCorpus.textElements(file)) {
      if (e.vr().isCharsetDependent() && e.value().length > 0) {
        String text = SpecificCharacterSet.valueOf(e.charset()).decode(e.trimmed(), e.vr());
        actual.add(new TextValue(e.tag(), text));
      }
    }
    assertThat(actual).isNotEmpty().isEqualTo(expected);
    confirmed++;
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result run(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(DCMDUMP);
    cmd.addAll(List.of(args));
    try {
      Path err = Files.createTempFile("dcmdump", ".err");
      try {
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return null;
        }
        return new Result(p.exitValue(), out, Files.readString(err));
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
