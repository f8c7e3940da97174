package org.roentgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * deploy/compose/prometheus.yml, the compose stack's scrape configuration: every Roentgen service
 * of compose.yaml scraped by its compose name on its container HTTP port, with the labels the
 * dashboards and alerts rely on (docs/operations.md); compose's Prometheus reads it and the rules
 * it names, and compose's Grafana reads that Prometheus, all on compose's own network.
 */
class ComposePrometheusTest {
  static final Path CONFIG = ComposeTest.DIR.resolve("prometheus.yml");
  static final Path LOCAL_CONFIG = Repo.path("deploy/prometheus/prometheus.yml");
  static final Path RULES = Repo.path("deploy/prometheus/rules");
  static final String ENVIRONMENT = "compose";

  static JsonNode compose;
  static JsonNode config;

  @BeforeAll
  static void read() {
    compose = Repo.readYaml(ComposeTest.DIR.resolve("compose.yaml"));
    config = Repo.readYaml(CONFIG);
  }

  @Test
  void everyRoentgenServiceIsScrapedByNameOnItsContainerPort() {
    JsonNode job = job("roentgen");
    assertThat(job.path("metrics_path").asString()).isEqualTo("/q/metrics");
    assertThat(job.path("honor_labels").asBoolean()).as("honor_labels").isTrue();

    // target -> its environment and service labels
    Map<String, Map<String, String>> scraped = new TreeMap<>();
    for (JsonNode group : job.path("static_configs")) {
      Map<String, String> labels = new TreeMap<>();
      for (String label : List.of("environment", "service")) {
        if (group.path("labels").path(label).isString()) {
          labels.put(label, group.path("labels").path(label).asString());
        }
      }
      for (JsonNode target : group.path("targets")) {
        assertThat(scraped.put(target.asString(), labels)).as("%s listed twice", target).isNull();
      }
    }
    Map<String, Map<String, String>> expected = new TreeMap<>();
    for (String service : roentgenServices()) {
      expected.put(
          service + ":" + httpPort(service),
          Map.of("environment", ENVIRONMENT, "service", service));
    }

    assertThat(scraped).isEqualTo(expected);
  }

  @Test
  void theIntervalsAndRulesAreTheLocalStacks() {
    JsonNode local = Repo.readYaml(LOCAL_CONFIG);

    assertThat(config.path("global")).isEqualTo(local.path("global"));
    assertThat(config.path("rule_files")).isEqualTo(local.path("rule_files"));
    assertThat(config.path("rule_files").isEmpty()).isFalse();
  }

  @Test
  void composesPrometheusReadsThisFileAndTheRulesItNames() throws IOException {
    JsonNode prometheus = service("prometheus");
    String configFile = flag(prometheus, "--config.file");

    assertThat(ComposeTest.hostPath(prometheus, configFile)).isEqualTo(CONFIG);
    // Prometheus resolves rule_files against the configuration file's folder.
    Path configDir = Path.of(configFile).getParent();
    for (JsonNode ruleFiles : config.path("rule_files")) {
      Path pattern = configDir.resolve(ruleFiles.asString());
      Path rules = ComposeTest.hostPath(prometheus, pattern.getParent().toString());
      PathMatcher matcher =
          FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());

      assertThat(rules).as(ruleFiles.asString()).isEqualTo(RULES);
      try (Stream<Path> files = Files.list(rules)) {
        assertThat(files.filter(f -> matcher.matches(f.getFileName())).toList()).isNotEmpty();
      }
    }
    for (JsonNode volume : prometheus.path("volumes")) {
      if (volume.asString().startsWith(".")) {
        assertThat(volume.asString()).as("read-only").endsWith(":ro");
      }
    }
  }

  @Test
  void grafanaReadsComposesPrometheusOnComposesNetwork() {
    JsonNode prometheus = service("prometheus");
    JsonNode grafana = service("grafana");
    String listen = flag(prometheus, "--web.listen-address");
    int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    Set<String> dependsOn = new TreeSet<>();
    JsonNode depends = grafana.path("depends_on");
    if (depends.isArray()) {
      depends.forEach(d -> dependsOn.add(d.asString()));
    } else {
      dependsOn.addAll(depends.propertyNames());
    }

    for (String name : List.of("prometheus", "grafana")) {
      assertThat(service(name).has("network_mode")).as(name + " network_mode").isFalse();
    }
    // Reachable from the other containers, published on the host's loopback only.
    assertThat(listen.substring(0, listen.lastIndexOf(':'))).isIn("", "0.0.0.0");
    assertThat(publishedOn(prometheus, port)).containsExactly("127.0.0.1");
    assertThat(publishedOn(grafana, grafana.at("/environment/GF_SERVER_HTTP_PORT").asInt()))
        .containsExactly("127.0.0.1");
    assertThat(grafana.at("/environment/ROENTGEN_PROMETHEUS_URL").asString())
        .isEqualTo("http://prometheus:" + port);
    assertThat(dependsOn).contains("prometheus");
  }

  /**
   * The services built from Roentgen's images (docker/jvm/Dockerfile, which gives them their HTTP
   * port and health check): the chart's services.
   */
  static List<String> roentgenServices() {
    List<String> services = new ArrayList<>();
    compose
        .path("services")
        .properties()
        .forEach(
            s -> {
              if (s.getValue().at("/build/dockerfile").asString().equals("docker/jvm/Dockerfile")) {
                services.add(s.getKey());
              }
            });
    assertThat(services).containsExactlyInAnyOrderElementsOf(HelmChartTest.SERVICES);
    return services;
  }

  /** A service's HTTP port in its container: compose's QUARKUS_HTTP_PORT, else its image's. */
  private static int httpPort(String service) {
    JsonNode s = service(service);
    JsonNode set = s.at("/environment/QUARKUS_HTTP_PORT");
    String port = set.isMissingNode() ? null : set.asString();
    if (port == null) {
      port =
          DockerfileTest.DOCKERFILE
              .image(s.at("/build/target").asString())
              .env()
              .get("QUARKUS_HTTP_PORT");
    }
    assertThat(port).as(service + " QUARKUS_HTTP_PORT").isNotNull();
    Set<Integer> published = new TreeSet<>();
    s.path("ports").forEach(p -> published.add(ComposeTest.containerPort(p.asString())));
    assertThat(published).as(service + " container ports").contains(Integer.parseInt(port));
    return Integer.parseInt(port);
  }

  /** The host addresses a service publishes a container port on ("" for every interface). */
  private static List<String> publishedOn(JsonNode service, int containerPort) {
    List<String> hosts = new ArrayList<>();
    for (JsonNode p : service.path("ports")) {
      String[] parts = p.asString().split(":");
      if (ComposeTest.containerPort(p.asString()) == containerPort) {
        hosts.add(parts.length == 3 ? parts[0] : "");
      }
    }
    return hosts;
  }

  private static JsonNode job(String name) {
    for (JsonNode job : config.path("scrape_configs")) {
      if (job.path("job_name").asString().equals(name)) {
        return job;
      }
    }
    throw new AssertionError("no scrape job " + name + " in " + CONFIG);
  }

  private static JsonNode service(String name) {
    JsonNode service = compose.path("services").path(name);
    assertThat(service.isObject()).as("compose service " + name).isTrue();
    return service;
  }

  /** The value of a {@code --name=value} argument of a service's command. */
  private static String flag(JsonNode service, String name) {
    for (JsonNode argument : service.path("command")) {
      if (argument.asString().startsWith(name + "=")) {
        return argument.asString().substring(name.length() + 1);
      }
    }
    throw new AssertionError("no " + name + " in " + service.path("command"));
  }
}
