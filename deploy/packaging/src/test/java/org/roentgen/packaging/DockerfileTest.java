package org.roentgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docker/jvm/Dockerfile read against what the build produces and what the chart and the services
 * expect. No Docker engine here: what an image would be is read from the Dockerfile itself.
 */
class DockerfileTest {
  static final Path FILE = Repo.path("docker/jvm/Dockerfile");
  static final Dockerfile DOCKERFILE = Dockerfile.read(FILE);

  @Test
  void oneTargetPerServiceOnOneBase() {
    assertThat(DOCKERFILE.targets()).containsExactlyElementsOf(HelmChartTest.SERVICES);
    for (String service : HelmChartTest.SERVICES) {
      assertThat(DOCKERFILE.stage(service).orElseThrow().from()).isEqualTo("jvm");
    }
  }

  @Test
  void everyImageRunsAsTheChartsUnprivilegedUser() {
    JsonNode pod = Repo.readYaml(Chart.DIR.resolve("values.yaml")).path("podSecurityContext");
    String chartUser = pod.path("runAsUser").asInt() + ":" + pod.path("runAsGroup").asInt();
    for (String service : HelmChartTest.SERVICES) {
      Dockerfile.Image image = DOCKERFILE.image(service);

      assertThat(image.user()).as(service).hasValue(chartUser);
      assertThat(image.user().orElseThrow()).doesNotStartWith("0").doesNotStartWith("root");
      assertThat(image.copies())
          .allSatisfy(c -> assertThat(c.flags()).containsEntry("chown", chartUser));
    }
  }

  @Test
  void exposedPortsAreTheServicesPorts() throws IOException {
    int httpPort = Repo.readYaml(Chart.DIR.resolve("values.yaml")).path("httpPort").asInt();
    for (String service : HelmChartTest.SERVICES) {
      Dockerfile.Image image = DOCKERFILE.image(service);
      Set<Integer> expected = new TreeSet<>(Set.of(httpPort));
      if (service.equals("ingest")) {
        assertThat(image.env()).containsEntry("INGEST_DICOM_PORT", ingestDicomPortDefault());
        expected.add(Integer.parseInt(image.env().get("INGEST_DICOM_PORT")));
      }

      assertThat(image.env()).as(service).containsEntry("QUARKUS_HTTP_PORT", "" + httpPort);
      assertThat(image.exposed()).as(service).isEqualTo(expected);
    }
  }

  @Test
  void healthCheckAsksReadinessOnTheHttpPort() {
    for (String service : HelmChartTest.SERVICES) {
      Dockerfile.Image image = DOCKERFILE.image(service);
      String port = image.env().get("QUARKUS_HTTP_PORT");

      assertThat(image.healthcheck())
          .as(service)
          .hasValueSatisfying(
              h ->
                  assertThat(h)
                      .contains("CMD [\"bash\", \"-c\",")
                      .contains("/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT:-" + port + "}")
                      .contains("GET /q/health/ready "));
    }
  }

  @Test
  void imagesHoldWhatMavenPackageBuilds() throws IOException {
    for (String service : HelmChartTest.SERVICES) {
      Dockerfile.Image image = DOCKERFILE.image(service);
      String prefix = "services/" + service + "/target/quarkus-app/";
      Path built = Repo.path(prefix);
      assertThat(built.resolve("quarkus-run.jar"))
          .as("%s is built (mvn package -pl services/%s)", built, service)
          .isRegularFile();

      // Every directory and jar of the fast-jar is copied to the same place under /deployments.
      Map<String, String> copied = new LinkedHashMap<>();
      for (Dockerfile.Copy copy : image.copies()) {
        for (String source : copy.sources()) {
          assertThat(source).as(service).startsWith(prefix);
          String relative = source.substring(prefix.length());
          List<Path> matches = glob(built, relative.replaceAll("/$", ""));
          assertThat(matches).as("%s matches something built", source).isNotEmpty();
          for (Path match : matches) {
            String name = match.getFileName().toString() + (Files.isDirectory(match) ? "/" : "");
            String target =
                copy.destination().endsWith("/") && !relative.endsWith("/")
                    ? copy.destination() + name
                    : copy.destination();
            copied.put(name, target);
          }
        }
      }
      Map<String, String> expected = new LinkedHashMap<>();
      try (Stream<Path> entries = Files.list(built)) {
        entries
            .filter(p -> Files.isDirectory(p) || p.toString().endsWith(".jar"))
            .forEach(
                p -> {
                  String name = p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "");
                  expected.put(name, "/deployments/" + name);
                });
      }
      assertThat(copied).as(service).containsExactlyInAnyOrderEntriesOf(expected);
      assertThat(image.entrypoint())
          .hasValue("[\"java\", \"-jar\", \"/deployments/quarkus-run.jar\"]");
    }
  }

  @Test
  void theBuildContextLetsTheFastJarsIn() throws IOException {
    List<String> ignore =
        Files.readAllLines(Repo.path("docker/jvm/Dockerfile.dockerignore")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(ignore.get(0)).isEqualTo("*");
    List<PathMatcher> included =
        ignore.stream()
            .filter(l -> l.startsWith("!"))
            .map(l -> l.substring(1).replaceAll("/$", ""))
            .map(l -> FileSystems.getDefault().getPathMatcher("glob:" + l + "{,/**}"))
            .toList();
    for (String service : HelmChartTest.SERVICES) {
      for (Dockerfile.Copy copy : DOCKERFILE.image(service).copies()) {
        for (String source : copy.sources()) {
          Path path = Path.of(source.replace("*", "quarkus-run"));
          assertThat(included).as(source).anyMatch(m -> m.matches(path));
        }
      }
    }
  }

  @Test
  void artifactDetectionKeepsTheLocalStacksAllocatorSettings() throws IOException {
    Matcher line =
        Pattern.compile("(?m)^QC_MALLOC_ENV=\\((.*)\\)$")
            .matcher(Files.readString(Repo.path("bin/roentgen")));
    assertThat(line.find()).as("QC_MALLOC_ENV in bin/roentgen").isTrue();
    Map<String, String> local = new LinkedHashMap<>();
    for (String pair : line.group(1).split("\\s+")) {
      String[] kv = pair.split("=", 2);
      local.put(kv[0], kv[1]);
    }

    assertThat(local).isNotEmpty();
    assertThat(DOCKERFILE.image("artifact-detection").env()).containsAllEntriesOf(local);
  }

  /** ingest.dicom.port's default in IngestConfig (the first int port() of the mapping). */
  static String ingestDicomPortDefault() throws IOException {
    String source =
        Files.readString(
            Repo.path(
                "services/ingest/src/main/java/org/roentgen/ingest/config/IngestConfig.java"));
    Matcher m = Pattern.compile("@WithDefault\\(\"(\\d+)\"\\)\\s+int port\\(\\);").matcher(source);
    assertThat(m.find()).as("ingest.dicom.port's default in IngestConfig").isTrue();
    return m.group(1);
  }

  private static List<Path> glob(Path dir, String pattern) throws IOException {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> matcher.matches(dir.relativize(p))).sorted().toList();
    }
  }
}
