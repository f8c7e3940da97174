package org.roentgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * helm/roentgen: linted, rendered with the default values and with production-like values
 * (helm/roentgen/ci/production-values.yaml), every manifest valid against Kubernetes' schemas.
 */
class HelmChartTest {
  static final List<String> SERVICES =
      List.of("ingest", "labeling-validation", "artifact-detection", "router", "archive");
  static final List<String> CONSUMERS =
      List.of("labeling-validation", "artifact-detection", "router", "archive");
  static final Path PRODUCTION = Chart.DIR.resolve("ci/production-values.yaml");

  /**
   * The API versions the chart may use: stable ones that Kubernetes serves from 1.25 on (the
   * schemas also know versions that were removed, e.g. policy/v1beta1), and the custom resources'.
   */
  static final Set<String> API_VERSIONS =
      Set.of("v1", "apps/v1", "policy/v1", "monitoring.coreos.com/v1", "keda.sh/v1alpha1");

  static KubernetesSchemas schemas;
  static List<JsonNode> defaults;
  static List<JsonNode> production;

  @BeforeAll
  static void render() {
    schemas = KubernetesSchemas.load(Repo.npmPackages());
    defaults = Chart.defaults();
    production = Chart.production();
  }

  @Test
  void lintFindsNothingButTheDependenciesNotFetched() {
    LintResult lint = Chart.lint();

    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.startsWith("[ERROR]"));
    assertThat(lint.getMessages().stream().filter(m -> m.startsWith("[WARNING]")))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .contains("chart directory is missing these dependencies")
                    .contains("kafka", "minio", "postgresql"));
  }

  @Test
  void kafkaMinioAndPostgresqlAreOptionalDependencies() {
    Map<String, String> conditions = new TreeMap<>();
    Chart.metadata()
        .path("dependencies")
        .forEach(d -> conditions.put(d.path("name").asString(), d.path("condition").asString()));
    JsonNode values = Repo.readYaml(Chart.DIR.resolve("values.yaml"));

    assertThat(conditions)
        .containsExactly(
            Map.entry("kafka", "kafka.enabled"),
            Map.entry("minio", "minio.enabled"),
            Map.entry("postgresql", "postgresql.enabled"));
    for (String dependency : conditions.keySet()) {
      assertThat(values.path(dependency).path("enabled").asBoolean(true))
          .as("%s.enabled by default", dependency)
          .isFalse();
    }
  }

  @Test
  void everyManifestIsValid() {
    assertThat(schemas.kinds())
        .contains(
            "apps/v1/Deployment",
            "monitoring.coreos.com/v1/ServiceMonitor",
            "keda.sh/v1alpha1/ScaledObject");
    for (List<JsonNode> rendering : List.of(defaults, production)) {
      for (JsonNode manifest : rendering) {
        assertThat(manifest.path("apiVersion").asString())
            .as("%s", id(manifest))
            .isIn(API_VERSIONS);
        assertThat(schemas.violations(manifest)).as("%s", id(manifest)).isEmpty();
      }
    }
  }

  @Test
  void defaultsRenderEveryServiceWithoutTheOptionalApis() {
    assertThat(kinds(defaults))
        .containsEntry("Deployment", 5)
        .containsEntry("Service", 6)
        .containsEntry("PodDisruptionBudget", 5)
        .containsEntry("ConfigMap", 10 + dashboards())
        .containsEntry("Secret", 2)
        .doesNotContainKeys("ServiceMonitor", "PrometheusRule", "ScaledObject");
    for (String service : SERVICES) {
      JsonNode deployment = find(defaults, "Deployment", "roentgen-" + service);
      JsonNode pod = deployment.path("spec").path("template").path("spec");
      JsonNode container = pod.path("containers").get(0);

      assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
      assertThat(container.path("image").asString())
          .isEqualTo("roentgen/" + service + ":" + Chart.metadata().path("appVersion").asString());
      assertThat(container.at("/startupProbe/httpGet/path").asString())
          .isEqualTo("/q/health/started");
      assertThat(container.at("/livenessProbe/httpGet/path").asString())
          .isEqualTo("/q/health/live");
      assertThat(container.at("/readinessProbe/httpGet/path").asString())
          .isEqualTo("/q/health/ready");
      assertThat(container.at("/resources/requests/memory").asString()).isNotEmpty();
      assertThat(container.at("/resources/limits/memory").asString()).isNotEmpty();
      assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
      assertThat(pod.at("/enableServiceLinks").asBoolean(true)).isFalse();
      assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(
              find(defaults, "PodDisruptionBudget", "roentgen-" + service)
                  .at("/spec/maxUnavailable")
                  .asInt())
          .isEqualTo(1);
      assertThat(
              find(defaults, "ConfigMap", "roentgen-" + service + "-config")
                  .at("/data/application.properties")
                  .asString())
          .isNotEmpty();
    }
    JsonNode dicom = find(defaults, "Service", "roentgen-ingest-dicom");
    assertThat(dicom.at("/spec/type").asString()).isEqualTo("NodePort");
    assertThat(dicom.at("/spec/externalTrafficPolicy").asString()).isEqualTo("Cluster");
  }

  @Test
  void productionValuesScaleOutOnLagAndUseTheSitesSecrets() {
    assertThat(kinds(production))
        .containsEntry("Deployment", 5)
        .containsEntry("ScaledObject", 4)
        .containsEntry("ServiceMonitor", 1)
        .containsEntry("PrometheusRule", 1)
        .doesNotContainKey("Secret");
    assertThat(find(production, "Deployment", "roentgen-ingest").at("/spec/replicas").asInt())
        .isEqualTo(3);
    for (String consumer : CONSUMERS) {
      JsonNode scaled = find(production, "ScaledObject", "roentgen-" + consumer);
      assertThat(scaled.at("/spec/scaleTargetRef/name").asString())
          .isEqualTo("roentgen-" + consumer);
      assertThat(scaled.at("/spec/triggers"))
          .allSatisfy(
              t -> {
                assertThat(t.path("type").asString()).isEqualTo("kafka");
                assertThat(t.at("/metadata/bootstrapServers").asString())
                    .isEqualTo("kafka-bootstrap.kafka.svc:9092");
                assertThat(t.at("/metadata/consumerGroup").asString()).startsWith(consumer);
              });
      // KEDA owns the replicas of what it scales.
      assertThat(
              find(production, "Deployment", "roentgen-" + consumer).path("spec").has("replicas"))
          .isFalse();
    }
    assertThat(find(production, "ScaledObject", "roentgen-archive").at("/spec/triggers").size())
        .isEqualTo(5);
    JsonNode dicom = find(production, "Service", "roentgen-ingest-dicom");
    assertThat(dicom.at("/spec/type").asString()).isEqualTo("LoadBalancer");
    assertThat(dicom.at("/spec/ports/0/port").asInt()).isEqualTo(104);
    assertThat(dicom.at("/spec/externalTrafficPolicy").asString()).isEqualTo("Local");
    assertThat(secretRefs(find(production, "Deployment", "roentgen-router")))
        .contains(
            "roentgen-s3/secret-key", "roentgen-deidentify/site-key", "roentgen-vna/password");
    assertThat(secretRefs(find(production, "Deployment", "roentgen-archive")))
        .contains("roentgen-db/password", "roentgen-archive-oidc/client-secret");
    assertThat(
            find(production, "ConfigMap", "roentgen-router-config")
                .at("/data/application.properties")
                .asString())
        .contains("router.destinations.pacs.retry.max-attempts=20")
        .contains("router.destinations.vna.password=${ROENTGEN_DESTINATION_SECRET_0}");
    JsonNode monitor = find(production, "ServiceMonitor", "roentgen");
    assertThat(monitor.at("/spec/endpoints/0/path").asString()).isEqualTo("/q/metrics");
    assertThat(monitor.at("/spec/endpoints/0/honorLabels").asBoolean()).isTrue();
  }

  @Test
  void dashboardsAndAlertRulesAreDeploysOwnThroughLinks() throws IOException {
    Path dashboards = Repo.path("deploy/grafana/dashboards");
    Path rules = Repo.path("deploy/prometheus/rules");
    assertThat(Files.isSymbolicLink(Chart.DIR.resolve("dashboards"))).isTrue();
    assertThat(Files.isSymbolicLink(Chart.DIR.resolve("rules"))).isTrue();
    assertThat(Chart.DIR.resolve("dashboards").toRealPath()).isEqualTo(dashboards.toRealPath());
    assertThat(Chart.DIR.resolve("rules").toRealPath()).isEqualTo(rules.toRealPath());

    assertDashboardsAndRules(production, dashboards, rules);
  }

  @Test
  void dashboardsAndRulesOfAnyLinkedFolderAreRendered(@TempDir Path temp) throws IOException {
    Path dashboards = Files.createDirectories(temp.resolve("dashboards"));
    Path rules = Files.createDirectories(temp.resolve("rules"));
    Files.writeString(
        dashboards.resolve("pipeline.json"), "{\"title\": \"Pipeline\", \"panels\": []}\n");
    Files.writeString(dashboards.resolve("image_quality.json"), "{\"title\": \"Image quality\"}\n");
    Files.writeString(
        rules.resolve("pipeline.yml"),
        """
        groups:
          - name: pipeline
            rules:
              - alert: ServiceDown
                expr: up == 0
                for: 5m
                labels: {severity: page}
                annotations: {summary: "{{ $labels.job }} is down"}
          - name: delivery
            rules:
              - record: roentgen:deliveries:rate5m
                expr: sum(rate(roentgen_router_deliveries_total[5m]))
        """);
    Files.writeString(
        rules.resolve("quality.yaml"),
        """
        groups:
          - name: quality
            rules:
              - alert: QuarantineOld
                expr: max(roentgen_archive_quarantine_oldest_age_seconds) > 3600
        """);
    Files.writeString(rules.resolve("README.txt"), "not a rule file\n");

    List<JsonNode> rendered =
        Chart.render(Map.of("dashboards", dashboards, "rules", rules), PRODUCTION);

    assertDashboardsAndRules(rendered, dashboards, rules);
    assertThat(kinds(rendered)).containsEntry("PrometheusRule", 1);
    for (JsonNode manifest : rendered) {
      assertThat(schemas.violations(manifest)).as("%s", id(manifest)).isEmpty();
    }
  }

  @Test
  void valuesOutsideTheChartsSchemaAreRefused(@TempDir Path temp) throws IOException {
    Path misspelt = Files.writeString(temp.resolve("misspelt.yaml"), "ingest:\n  replica: 2\n");
    Path wrong =
        Files.writeString(
            temp.resolve("wrong.yaml"), "ingest:\n  dicom:\n    service:\n      type: Public\n");

    assertThatThrownBy(() -> Chart.render(misspelt))
        .hasMessageContaining("/ingest")
        .hasMessageContaining("'replica' not allowed");
    assertThatThrownBy(() -> Chart.render(wrong))
        .hasMessageContaining("/ingest/dicom/service/type");
  }

  @Test
  void theSchemasRejectWhatKubernetesWould() {
    ObjectNode deployment = (ObjectNode) find(defaults, "Deployment", "roentgen-router").deepCopy();
    assertThat(schemas.violations(deployment)).isEmpty();

    ObjectNode misspelt = deployment.deepCopy();
    ObjectNode port = (ObjectNode) misspelt.at("/spec/template/spec/containers/0/ports/0");
    port.set("containerPorts", port.remove("containerPort"));
    assertThat(schemas.violations(misspelt)).anyMatch(v -> v.contains("containerPorts"));

    ObjectNode wrongType = deployment.deepCopy();
    ((ObjectNode) wrongType.path("spec")).put("replicas", "two");
    assertThat(schemas.violations(wrongType)).anyMatch(v -> v.contains("replicas"));

    ObjectNode missing = deployment.deepCopy();
    ((ObjectNode) missing.path("spec")).remove("selector");
    assertThat(schemas.violations(missing)).anyMatch(v -> v.contains("selector"));

    ObjectNode scaled = (ObjectNode) find(production, "ScaledObject", "roentgen-router").deepCopy();
    ((ObjectNode) scaled.path("spec")).put("maxReplicas", 3);
    assertThat(schemas.violations(scaled)).anyMatch(v -> v.contains("maxReplicas"));

    ObjectNode unknown = deployment.deepCopy();
    unknown.put("apiVersion", "roentgen.org/v1");
    assertThat(schemas.violations(unknown))
        .containsExactly("no schema for roentgen.org/v1/Deployment");
  }

  private static void assertDashboardsAndRules(List<JsonNode> rendered, Path dashboards, Path rules)
      throws IOException {
    Map<String, String> expected = new TreeMap<>();
    try (Stream<Path> files = Files.list(dashboards)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        expected.put(f.getFileName().toString(), Files.readString(f).strip());
      }
    }
    Map<String, String> actual = new TreeMap<>();
    rendered.stream()
        .filter(m -> m.path("kind").asString().equals("ConfigMap"))
        .filter(m -> m.at("/metadata/labels/grafana_dashboard").asString().equals("1"))
        .forEach(
            m ->
                m.path("data")
                    .properties()
                    .forEach(e -> actual.put(e.getKey(), e.getValue().asString().strip())));
    assertThat(actual).isEqualTo(expected);

    List<JsonNode> groups = new ArrayList<>();
    try (Stream<Path> files = Files.list(rules)) {
      for (Path f : files.filter(p -> p.toString().matches(".*\\.ya?ml")).sorted().toList()) {
        Repo.readYaml(f).path("groups").forEach(groups::add);
      }
    }
    JsonNode rule = find(rendered, "PrometheusRule", "roentgen");
    assertThat(List.copyOf(rule.at("/spec/groups").values())).isEqualTo(groups);
  }

  /** The dashboards in deploy/grafana/dashboards (a ConfigMap each). */
  private static int dashboards() {
    try (Stream<Path> files = Files.list(Repo.path("deploy/grafana/dashboards"))) {
      return (int) files.filter(p -> p.toString().endsWith(".json")).count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static JsonNode find(List<JsonNode> manifests, String kind, String name) {
    return manifests.stream()
        .filter(m -> m.path("kind").asString().equals(kind))
        .filter(m -> m.at("/metadata/name").asString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  static Map<String, Integer> kinds(List<JsonNode> manifests) {
    Map<String, Integer> kinds = new TreeMap<>();
    manifests.forEach(m -> kinds.merge(m.path("kind").asString(), 1, Integer::sum));
    return kinds;
  }

  private static Set<String> secretRefs(JsonNode deployment) {
    Set<String> refs = new TreeSet<>();
    deployment
        .at("/spec/template/spec/containers/0/env")
        .forEach(
            e -> {
              JsonNode ref = e.at("/valueFrom/secretKeyRef");
              if (!ref.isMissingNode()) {
                refs.add(ref.path("name").asString() + "/" + ref.path("key").asString());
              }
            });
    return refs;
  }

  private static String id(JsonNode manifest) {
    return manifest.path("kind").asString() + " " + manifest.at("/metadata/name").asString();
  }
}
