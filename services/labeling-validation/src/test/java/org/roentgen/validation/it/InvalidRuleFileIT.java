package org.roentgen.validation.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.validation.domain.RuleBookLoader;

/**
 * The packaged service refuses to start on an invalid rule file, and says which file and line. (It
 * stops before it needs Kafka: the rules are read first.)
 */
class InvalidRuleFileIT {
  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

  @Test
  void theServiceRefusesToStartAndNamesTheLine(@TempDir Path dir) throws Exception {
    String shipped;
    try (InputStream in =
        RuleBookLoader.class.getResourceAsStream(RuleBookLoader.DEFAULT_RESOURCE)) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String broken = shipped.replaceFirst("severity: WARN", "severity: SEVERE");
    int line =
        (int)
                broken
                    .substring(0, broken.indexOf("severity: SEVERE"))
                    .chars()
                    .filter(c -> c == '\n')
                    .count()
            + 1;
    Path rules = dir.resolve("site-rules.yaml");
    Files.writeString(rules, broken);
    Path log = dir.resolve("service.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dvalidation.rules-file=" + rules,
                    "-Dquarkus.http.port=0",
                    "-Dvalidation.kafka.bootstrap-servers=127.0.0.1:1",
                    "-jar",
                    JAR.toAbsolutePath().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = p.waitFor(90, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertThat(ended).as("the service exits by itself").isTrue();
    assertThat(p.exitValue()).as(out).isNotZero();
    assertThat(out).contains(rules + ":" + line).contains("FAIL, WARN or INFO");
  }
}
