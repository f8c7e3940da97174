package org.roentgen.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;

/**
 * helm/roentgen, linted and rendered by Helm in this process (helm-java).
 *
 * <p>Helm renders a chart only when every dependency its Chart.yaml declares has been fetched into
 * charts/, even a dependency whose condition is false; the tests cannot fetch (no chart repository
 * is reachable from the build). So the chart is rendered through a view of it: a folder whose
 * entries are links to the chart's own (templates/, values.yaml, and the links dashboards/ and
 * rules/ into deploy/), except Chart.yaml, which is the chart's without its dependencies list. With
 * kafka, minio and postgresql switched off, which the values rendered here do, Helm drops those
 * subcharts before rendering anyway: the output is the same. Lint runs on the chart itself.
 */
final class Chart {
  static final Path DIR = Repo.path("helm/roentgen");
  static final String RELEASE = "roentgen";
  static final String NAMESPACE = "radiology";

  /** The Kubernetes version rendered for: the one of the schemas (KubernetesSchemas). */
  static final String KUBE_VERSION = "v1.27.1";

  static final Path VALIDATION_RULES =
      Repo.path("services/labeling-validation/src/main/resources/rules/default-rules.yaml");

  private Chart() {}

  /** {@code helm lint} of the chart as it is in the repository. */
  static LintResult lint() {
    return new Helm(DIR).lint().call();
  }

  /** The chart's Chart.yaml. */
  static JsonNode metadata() {
    return Repo.readYaml(DIR.resolve("Chart.yaml"));
  }

  private static List<JsonNode> defaults;

  /** The rendering with the default values, made once for every test class. */
  static synchronized List<JsonNode> defaults() {
    if (defaults == null) {
      defaults = List.copyOf(render());
    }
    return defaults;
  }

  private static List<JsonNode> production;

  /**
   * The rendering with helm/roentgen/ci/production-values.yaml and, as a site's own rule file,
   * labeling-validation's shipped one ({@code --set-file labelingValidation.rules=...}), made once.
   */
  static synchronized List<JsonNode> production() {
    if (production == null) {
      production =
          List.copyOf(
              render(
                  Map.of(),
                  Map.of("labelingValidation.rules", VALIDATION_RULES),
                  DIR.resolve("ci/production-values.yaml")));
    }
    return production;
  }

  /** {@code helm template} with these values files (after the chart's values.yaml). */
  static List<JsonNode> render(Path... valuesFiles) {
    return render(Map.of(), valuesFiles);
  }

  /**
   * {@code helm template} with the chart's top-level entries in {@code replaced} (e.g. {@code
   * dashboards}) linked to other folders instead.
   */
  static List<JsonNode> render(Map<String, Path> replaced, Path... valuesFiles) {
    return render(replaced, Map.of(), valuesFiles);
  }

  /**
   * {@code helm template} with values read from files ({@code --set-file key=path}) too, and the
   * chart's top-level entries in {@code replaced} linked to other folders.
   */
  static List<JsonNode> render(
      Map<String, Path> replaced, Map<String, Path> setFiles, Path... valuesFiles) {
    Path view = view(replaced);
    try {
      TemplateCommand template =
          new Helm(view)
              .template()
              .withName(RELEASE)
              .withNamespace(NAMESPACE)
              .withKubeVersion(KUBE_VERSION);
      for (Path values : valuesFiles) {
        template = template.withValuesFile(values);
      }
      for (Map.Entry<String, Path> file : setFiles.entrySet()) {
        template = template.setFile(file.getKey(), file.getValue());
      }
      return manifests(template.call());
    } finally {
      delete(view.getParent());
    }
  }

  /** The YAML documents of a rendering, each a manifest (empty documents left out). */
  static List<JsonNode> manifests(String yaml) {
    List<JsonNode> manifests = new ArrayList<>();
    try (JsonParser parser = Repo.YAML.createParser(yaml);
        MappingIterator<JsonNode> documents = Repo.YAML.readValues(parser, JsonNode.class)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          manifests.add(document);
        }
      }
    }
    return manifests;
  }

  private static Path view(Map<String, Path> replaced) {
    try {
      Path dir = Files.createTempDirectory("roentgen-chart").resolve("roentgen");
      Files.createDirectory(dir);
      try (Stream<Path> entries = Files.list(DIR)) {
        for (Path entry : entries.toList()) {
          String name = entry.getFileName().toString();
          if (name.equals("Chart.yaml")) {
            ObjectNode chart = (ObjectNode) metadata();
            assertThat(chart.remove("dependencies")).as("Chart.yaml's dependencies").isNotNull();
            Files.writeString(dir.resolve(name), Repo.YAML.writeValueAsString(chart));
          } else {
            Path target = replaced.getOrDefault(name, entry.toAbsolutePath());
            Files.createSymbolicLink(dir.resolve(name), target);
          }
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
