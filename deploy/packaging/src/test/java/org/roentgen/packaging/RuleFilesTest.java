package org.roentgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.roentgen.router.rules.RuleFileException;
import org.roentgen.router.rules.RuleFileParser;
import org.roentgen.validation.domain.RuleBookLoader;
import tools.jackson.databind.JsonNode;

/**
 * The rule files the chart and the compose file give the services are ones the services accept:
 * read by the router's and labeling-validation's own readers, the router's against the destinations
 * and pools configured beside them.
 */
class RuleFilesTest {
  private static final Pattern TARGET =
      Pattern.compile("router\\.(?:destinations|pools)\\.([^.]+)\\..+");

  @Test
  void theComposeRoutersRulesSendToItsDestinations() throws Exception {
    Path dir = ComposeTest.DIR.resolve("router");
    Set<String> destinations = targets(Files.readString(dir.resolve("application.properties")));

    assertThat(destinations).containsExactly("orthanc");
    routerRules(Files.readString(dir.resolve("rules.yaml")), destinations, "compose");
  }

  @Test
  void theChartsRouterRulesSendToItsDestinations() throws Exception {
    for (List<JsonNode> rendering : List.of(Chart.defaults(), Chart.production())) {
      JsonNode files = HelmChartTest.find(rendering, "ConfigMap", "roentgen-router-config");
      Set<String> destinations = targets(files.at("/data/application.properties").asString());

      assertThat(destinations).isNotEmpty();
      routerRules(files.at("/data/rules.yaml").asString(), destinations, "chart");
    }
  }

  @Test
  void theRouterRefusesRulesNamingAnUnconfiguredDestination() {
    String rules = "rules:\n  - id: r\n    actions:\n      sendTo: [nowhere]\n";
    assertThatThrownBy(() -> routerRules(rules, Set.of("pacs"), "test"))
        .isInstanceOf(RuleFileException.class);
  }

  @Test
  void aSitesValidationRulesReachLabelingValidation() throws Exception {
    List<JsonNode> rendering = Chart.production();
    JsonNode env = HelmChartTest.find(rendering, "ConfigMap", "roentgen-labeling-validation");
    JsonNode files =
        HelmChartTest.find(rendering, "ConfigMap", "roentgen-labeling-validation-config");
    String rules = files.at("/data/rules.yaml").asString();

    assertThat(env.at("/data/VALIDATION_RULES_FILE").asString())
        .isEqualTo("/deployments/config/rules.yaml");
    assertThat(rules).isEqualTo(Files.readString(Chart.VALIDATION_RULES));
    RuleBookLoader.load(
        new ByteArrayInputStream(rules.getBytes(StandardCharsets.UTF_8)), "chart rules.yaml");
    assertThat(
            HelmChartTest.find(Chart.defaults(), "ConfigMap", "roentgen-labeling-validation-config")
                .at("/data/rules.yaml")
                .isMissingNode())
        .as("no rule file by default: the shipped one")
        .isTrue();
  }

  /** The destination and pool names configured in properties. */
  private static Set<String> targets(String properties) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(properties));
    Set<String> names = new TreeSet<>();
    for (String key : p.stringPropertyNames()) {
      Matcher m = TARGET.matcher(key);
      if (m.matches()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  private static void routerRules(String rules, Set<String> destinations, String source)
      throws RuleFileException {
    new RuleFileParser(destinations, ZoneOffset.UTC)
        .parse(rules.getBytes(StandardCharsets.UTF_8), source);
  }
}
