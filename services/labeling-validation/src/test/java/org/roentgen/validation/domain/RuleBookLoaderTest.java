package org.roentgen.validation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceValidated.Severity;

class RuleBookLoaderTest {
  private static String shipped() throws IOException {
    try (InputStream in =
        RuleBookLoader.class.getResourceAsStream(RuleBookLoader.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static RuleBook load(String yaml) throws Exception {
    return RuleBookLoader.load(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "rules.yaml");
  }

  /** The 1-based line of the first occurrence of {@code text} in {@code yaml}. */
  private static int lineOf(String yaml, String text) {
    int at = yaml.indexOf(text);
    assertThat(at).as(text).isNotNegative();
    return (int) yaml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  @Test
  void theShippedFileListsEveryRuleWithItsDefaults() throws Exception {
    RuleBook book = RuleBookLoader.defaults();
    assertThat(book.inOrder()).extracting(RuleSpec::id).containsExactlyElementsOf(RuleIds.ALL);
    assertThat(book.rule(RuleIds.LATERALITY_MISSING).severity()).isEqualTo(Severity.FAIL);
    assertThat(book.rule(RuleIds.ORDER_NAME_TOLERANCE).severity()).isEqualTo(Severity.INFO);
    assertThat(book.settings().pregnancy().minAge()).isEqualTo(12);
    assertThat(book.settings().pregnancy().maxAge()).isEqualTo(50);
    assertThat(book.settings().deviationIndex().actionAbove()).isEqualTo(3.0);
    assertThat(book.settings().pairedBodyParts()).contains("HAND", "KNEE", "BREAST");
    assertThat(book.sha256()).matches("[0-9a-f]{64}");
    assertThat(book.rule(RuleIds.VIEW_MISSING).line())
        .isEqualTo(lineOf(shipped(), "- id: view.missing"));
  }

  @Test
  void aRuleCanBeSwitchedOffAndReweighted() throws Exception {
    String yaml =
        shipped()
            .replace(
                "- id: view.missing\n    description: ViewPosition is missing or empty.\n"
                    + "    severity: WARN\n    enabled: true",
                "- id: view.missing\n    description: ViewPosition is missing or empty.\n"
                    + "    severity: FAIL\n    enabled: false");
    RuleBook book = load(yaml);
    assertThat(book.rule(RuleIds.VIEW_MISSING).enabled()).isFalse();
    assertThat(book.rule(RuleIds.VIEW_MISSING).severity()).isEqualTo(Severity.FAIL);
    assertThat(book.sha256()).isNotEqualTo(RuleBookLoader.defaults().sha256());
  }

  @Test
  void anInvalidFileIsRefusedWithTheLineOfTheProblem() throws Exception {
    String yaml = shipped();
    String[][] breakages = {
      // {what to replace, replacement, text on the line the message must name, message part}
      {
        "severity: FAIL\n    enabled: true",
        "severity: FATAL\n    enabled: true",
        "severity: FATAL",
        "FAIL, WARN or INFO"
      },
      {
        "- id: view.missing",
        "- id: view.mising",
        "- id: view.mising",
        "unknown rule id 'view.mising'"
      },
      {"enabled: true", "enabled: yes please", "enabled: yes please", "true or false"},
      {"min-age: 12", "min-age: twelve", "min-age: twelve", "whole number"},
      {
        "  exposure-modalities: [DX, CR]",
        "  exposure-modalities: [DX, CR]\n  colour: red",
        "colour: red",
        "unknown key 'colour'"
      },
      {
        "    severity: WARN\n    enabled: true\n  - id: conformance.value-multiplicity",
        "    severity: WARN\n    enabled: true\n    weight: 3\n  - id: conformance.value-multiplicity",
        "weight: 3",
        "unknown key 'weight'"
      },
      {"  view-positions: [AP", "  view-positions: [AP, [", "view-positions: [AP, [", ""},
    };
    for (String[] b : breakages) {
      String broken =
          yaml.replaceFirst(
              java.util.regex.Pattern.quote(b[0]), java.util.regex.Matcher.quoteReplacement(b[1]));
      assertThat(broken).as("breakage applied").isNotEqualTo(yaml);
      int line = lineOf(broken, b[2]);
      assertThatThrownBy(() -> load(broken))
          .as(b[1])
          .isInstanceOf(RuleFileException.class)
          .hasMessageContaining(b[3])
          .satisfies(
              e -> {
                RuleFileException r = (RuleFileException) e;
                // The YAML parser may notice a syntax error at the next token: this line or the
                // next.
                assertThat(r.line()).isBetween(line, line + 1);
                assertThat(e.getMessage()).startsWith("rules.yaml:" + r.line());
              });
    }
  }

  @Test
  void aMissingRuleOrSectionIsRefused() throws Exception {
    String yaml = shipped();
    String withoutRule =
        yaml.replaceFirst(
            "  - id: view.undefined-term\n    description: [^\n]*\n    severity: WARN\n    enabled: true\n",
            "");
    assertThat(withoutRule).isNotEqualTo(yaml);
    assertThatThrownBy(() -> load(withoutRule))
        .isInstanceOf(RuleFileException.class)
        .hasMessageContaining("view.undefined-term");
    String duplicate = yaml.replace("- id: view.undefined-term", "- id: view.missing");
    assertThatThrownBy(() -> load(duplicate)).hasMessageContaining("listed twice");
    String noSettings = yaml.substring(0, yaml.indexOf("settings:"));
    assertThatThrownBy(() -> load(noSettings)).hasMessageContaining("missing key 'settings'");
    assertThatThrownBy(() -> load("")).hasMessageContaining("empty");
    String badLevels = yaml.replace("warn-above: 1.0", "warn-above: 5.0");
    assertThatThrownBy(() -> load(badLevels)).hasMessageContaining("action-above");
  }
}
