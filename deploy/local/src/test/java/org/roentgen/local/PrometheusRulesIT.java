package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.testkit.Processes;

/**
 * Prometheus's own checker, promtool (Debian's prometheus package), on what deploy/prometheus
 * ships: the scrape configuration, every rule file, and the unit tests of the alert rules ({@code
 * tests/*.yml}: each alert fires on the series that should page and not on its near misses); and on
 * deploy/compose's scrape configuration with the same rules.
 */
class PrometheusRulesIT {
  static final Path PROMTOOL = Prometheus.BINARY.resolveSibling("promtool");
  static final Path DIR = LocalStack.ROOT.resolve("deploy/prometheus");
  static final Path COMPOSE_CONFIG = LocalStack.ROOT.resolve("deploy/compose/prometheus.yml");

  @BeforeAll
  static void promtoolIsThere() {
    assertThat(PROMTOOL)
        .as("promtool (Debian's prometheus package; bin/test installs it)")
        .isExecutable();
  }

  @Test
  void theScrapeConfigurationIsValid() throws Exception {
    assertValidWithEveryRuleFile(promtool(DIR, "check", "config", "prometheus.yml"));
  }

  /**
   * Compose mounts its own prometheus.yml and deploy/prometheus/rules side by side in
   * /etc/prometheus; promtool, like Prometheus, reads rule_files relative to the configuration.
   */
  @Test
  void theComposeScrapeConfigurationIsValid(@TempDir Path etc) throws Exception {
    Files.copy(COMPOSE_CONFIG, etc.resolve("prometheus.yml"));
    Path rules = Files.createDirectory(etc.resolve("rules"));
    try (DirectoryStream<Path> s = Files.newDirectoryStream(DIR.resolve("rules"))) {
      for (Path file : s) {
        Files.copy(file, rules.resolve(file.getFileName()));
      }
    }

    assertValidWithEveryRuleFile(promtool(etc, "check", "config", "prometheus.yml"));
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

  /** promtool check config passed, and checked every rule file of deploy/prometheus/rules. */
  private static void assertValidWithEveryRuleFile(Processes.Result r) throws Exception {
    String out = r.out() + r.stderr();
    List<String> rules = files("rules");
    assertThat(rules).isNotEmpty();
    assertThat(r.exitCode()).as(out).isZero();
    assertThat(out)
        .contains("SUCCESS: " + rules.size() + " rule files found")
        .doesNotContain("FAILED");
    for (String file : rules) {
      assertThat(out).contains("Checking " + file);
    }
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
    return promtool(DIR, args);
  }

  private static Processes.Result promtool(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
    command.addAll(List.of(args));
    return Processes.run(dir, 120, command);
  }
}
