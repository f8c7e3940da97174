package org.roentgen.tools.configdoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is what the generator writes from the code as it is: a key added, renamed,
 * re-defaulted or re-documented without regenerating fails here.
 */
class ConfigurationReferenceTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static List<Service> services;

  @BeforeAll
  static void readServices() {
    services = new ServiceReader(ROOT).readAll();
  }

  @Test
  void committedReferenceIsWhatTheGeneratorWrites() throws IOException {
    Path file = ROOT.resolve(ConfigDocMain.OUTPUT);
    String expected = ReferenceWriter.write(services);
    if (!Files.isRegularFile(file)) {
      fail(ConfigDocMain.OUTPUT + " is missing; write it: " + ReferenceWriter.COMMAND);
    }
    String committed = Files.readString(file, StandardCharsets.UTF_8);
    if (!committed.equals(expected)) {
      fail(
          ConfigDocMain.OUTPUT
              + " differs from the code's configuration; regenerate it (from the repository root): "
              + ReferenceWriter.COMMAND
              + "\n"
              + firstDifference(committed, expected));
    }
  }

  @Test
  void everyServiceHasItsKeysAndProperties() {
    assertThat(services)
        .extracting(Service::name)
        .contains("ingest", "labeling-validation", "artifact-detection", "router", "archive");
    for (Service s : services) {
      assertThat(s.mappings()).as(s.name()).isNotEmpty();
      assertThat(s.mappings().get(0).keys()).as(s.name()).isNotEmpty();
      assertThat(s.properties())
          .as(s.name())
          .extracting(PropertiesFile.Entry::key)
          .contains("quarkus.application.name", "quarkus.http.port");
    }
  }

  private static String firstDifference(String committed, String expected) {
    List<String> a = committed.lines().toList();
    List<String> b = expected.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String was = i < a.size() ? a.get(i) : "(end of file)";
      String now = i < b.size() ? b.get(i) : "(end of file)";
      if (!was.equals(now)) {
        return "first difference at line "
            + (i + 1)
            + ":\n  file:      "
            + was
            + "\n  generator: "
            + now;
      }
    }
    return "the files differ in line endings";
  }
}
