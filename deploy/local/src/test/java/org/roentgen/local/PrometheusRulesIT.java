package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roentgen.dicom.testkit.Processes;

/**
 * Prometheus's own checker, promtool (Debian's prometheus package), on what deploy/prometheus
 * ships: the scrape configuration, every rule file, and the unit tests of the alert rules ({@code
 * tests/*.yml}: each alert fires on the series that should page and not on its near misses).
 */
class PrometheusRulesIT {
  static final Path PROMTOOL = Prometheus.BINARY.resolveSibling("promtool");
  static final Path DIR = LocalStack.ROOT.resolve("deploy/prometheus");

  @BeforeAll
  static void promtoolIsThere() {
    assertThat(PROMTOOL)
        .as("promtool (Debian's prometheus package; bin/test installs it)")
        .isExecutable();
  }

  @Test
  void theScrapeConfigurationIsValid() {
    Processes.Result r = promtool("check", "config", "prometheus.yml");
    assertThat(r.exitCode()).as(r.out() + r.stderr()).isZero();
    assertThat(r.out() + r.stderr()).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void everyRuleFileIsValid() throws Exception {
    List<String> files = files("rules");
    assertThat(files).isNotEmpty();
    List<String> command = new ArrayList<>(List.of("check", "rules"));
    command.addAll(files);
    Processes.Result r = promtool(command.toArray(String[]::new));
    String out = r.out() + r.stderr();
    assertThat(r.exitCode()).as(out).isZero();
    assertThat(out.split("SUCCESS", -1)).as(out).hasSize(files.size() + 1);
    assertThat(out).doesNotContain("FAILED");
  }

  @Test
  void theAlertRulesPassTheirUnitTests() throws Exception {
    List<String> tests = files("tests");
    assertThat(tests).isNotEmpty();
    List<String> command = new ArrayList<>(List.of("test", "rules"));
    command.addAll(tests);
    Processes.Result r = promtool(command.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.out() + r.stderr()).isZero();
    assertThat(r.out() + r.stderr()).contains("SUCCESS").doesNotContain("FAILED");
  }

  private static List<String> files(String folder) throws Exception {
    List<String> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(DIR.resolve(folder), "*.yml")) {
      s.forEach(f -> files.add(DIR.relativize(f).toString()));
    }
    files.sort(null);
    return files;
  }

  private static Processes.Result promtool(String... args) {
    List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
    command.addAll(List.of(args));
    return Processes.run(DIR, 120, command);
  }
}
