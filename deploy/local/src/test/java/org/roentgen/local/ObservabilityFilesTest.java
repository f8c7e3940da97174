package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.roentgen.dicom.json.Json;

/**
 * What ops rely on in deploy/prometheus and deploy/grafana, read as files: every alert has a
 * severity, a summary, a description and a runbook that is a section of docs/operations.md, and a
 * unit test; every dashboard has the variables (environment, instance, station or destination) and
 * every panel a query on the dashboard's data source, filtered by environment.
 */
class ObservabilityFilesTest {
  static final Path RULES = LocalStack.ROOT.resolve("deploy/prometheus/rules");
  static final Path RULE_TESTS = LocalStack.ROOT.resolve("deploy/prometheus/tests");
  static final Path GUIDE = LocalStack.ROOT.resolve("docs/operations.md");

  private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\S+)$");
  private static final Pattern NEXT_RULE = Pattern.compile("(?m)^\\s*- (alert|record|name): ");
  private static final Pattern HEADING = Pattern.compile("(?m)^#+ (.+)$");

  record Alert(String name, String text) {}

  static List<Alert> alerts() throws Exception {
    List<Alert> alerts = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(RULES, "*.yml")) {
      for (Path f : files) {
        String text = Files.readString(f);
        Matcher m = ALERT.matcher(text);
        while (m.find()) {
          Matcher next = NEXT_RULE.matcher(text);
          int end = next.find(m.end()) ? next.start() : text.length();
          alerts.add(new Alert(m.group(1), text.substring(m.start(), end)));
        }
      }
    }
    return alerts;
  }

  @Test
  void everyAlertSaysHowBadWhatAndWhereItsRunbookIs() throws Exception {
    Set<String> anchors = new HashSet<>();
    Matcher h = HEADING.matcher(Files.readString(GUIDE));
    while (h.find()) {
      anchors.add(
          h.group(1)
              .strip()
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9 _-]", "")
              .replace(' ', '-'));
    }
    List<Alert> alerts = alerts();
    assertThat(alerts.stream().map(Alert::name))
        .as("the alerts issue 8 asks for")
        .contains(
            "RoentgenDestinationFailing",
            "RoentgenEndToEndLatencyHigh",
            "RoentgenConsumerLagGrowing",
            "RoentgenDeadLettersRising",
            "RoentgenQuarantineStale",
            "RoentgenDeviationIndexOutOfRange",
            "RoentgenIngestRefusingStores",
            "RoentgenStationSilent",
            "RoentgenServiceDown")
        .doesNotHaveDuplicates();
    for (Alert a : alerts) {
      assertThat(a.text()).as(a.name()).containsPattern("severity: (critical|warning)\\n");
      assertThat(a.text())
          .as(a.name())
          .containsPattern("summary: \\S")
          .containsPattern("description: \\S");
      String anchor = a.name().toLowerCase(Locale.ROOT);
      assertThat(a.text()).as(a.name()).contains("runbook: docs/operations.md#" + anchor + "\n");
      assertThat(anchors).as("a section %s in docs/operations.md", a.name()).contains(anchor);
    }
  }

  @Test
  void everyAlertHasAUnitTest() throws Exception {
    StringBuilder tests = new StringBuilder();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(RULE_TESTS, "*.yml")) {
      for (Path f : files) {
        tests.append(Files.readString(f));
      }
    }
    for (Alert a : alerts()) {
      assertThat(tests.toString())
          .as("a test of %s in %s", a.name(), RULE_TESTS)
          .contains("alertname: " + a.name() + "\n");
    }
  }

  @Test
  void everyDashboardHasTheVariablesAndAQueryOnItsDataSourceInEveryPanel() throws Exception {
    Set<String> uids = new HashSet<>();
    for (Dashboards.Dashboard d : Dashboards.all()) {
      Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(d.file()));
      assertThat(uids.add((String) json.get("uid"))).as("%s: a uid of its own", d.file()).isTrue();
      assertThat(json.get("tags")).as(d.title()).isEqualTo(List.of("roentgen"));
      List<String> names = d.variables().stream().map(Dashboards.Variable::name).toList();
      assertThat(names).as(d.title()).startsWith("environment", "instance");
      assertThat(names).as(d.title()).containsAnyOf("station", "destination");
      assertThat(d.variables().get(0).multi()).as("one environment at a time").isFalse();
      assertThat(d.queries()).as(d.title()).isNotEmpty();
      for (Dashboards.Query q : d.queries()) {
        assertThat(q.expr()).as("%s: %s", d.title(), q).isNotBlank();
        if (q.expr().contains("roentgen_")) {
          assertThat(q.expr()).as("%s: %s", d.title(), q).contains("environment=\"$environment\"");
        }
      }
      panels((List<?>) json.get("panels"), d.title());
    }
  }

  private static void panels(List<?> panels, String dashboard) {
    for (Object o : panels) {
      Map<?, ?> p = (Map<?, ?>) o;
      if ("row".equals(p.get("type"))) {
        panels((List<?>) p.get("panels"), dashboard);
        continue;
      }
      assertThat((List<?>) p.get("targets")).as("%s: '%s'", dashboard, p.get("title")).isNotEmpty();
      assertThat(((Map<?, ?>) p.get("datasource")).get("uid"))
          .as("%s: '%s' on the dashboard's data source", dashboard, p.get("title"))
          .isEqualTo("${datasource}");
      assertThat((String) p.get("description"))
          .as("%s: '%s'", dashboard, p.get("title"))
          .isNotBlank();
    }
  }
}
