package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code gen/generate_dictionary.py} into a temporary directory and checks that the committed
 * generated sources are exactly its output: nobody edited them by hand, and nobody changed the
 * generator without regenerating.
 */
class GeneratedDictionaryUpToDateTest {

  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path GENERATOR = Path.of("gen/generate_dictionary.py");
  private static final Path SOURCES = Path.of("src/main/java/org/roentgen/dicom/data");
  private static final List<String> GENERATED =
      List.of("Tag.java", "UID.java", "ElementDictionaryData.java", "UidDictionaryData.java");
  private static final long TIMEOUT_SECONDS = 60;

  @Test
  void committedSourcesAreTheGeneratorsOutput(@TempDir Path out)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      fail(
          PYTHON + " not found: install python3 and python3-pydicom (Debian) to run the generator");
    }
    Process process =
        new ProcessBuilder(PYTHON.toString(), GENERATOR.toString(), "--out", out.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("generator failed (is python3-pydicom installed?):%n%s", output)
        .isZero();
    List<String> stale = new ArrayList<>();
    for (String file : GENERATED) {
      if (Files.mismatch(out.resolve(file), SOURCES.resolve(file)) >= 0) {
        stale.add(file);
      }
    }
    assertThat(stale)
        .as("generated files differ from the generator's output; regenerate (gen/README.md)")
        .isEmpty();
  }
}
