package org.roentgen.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Where things are in the repository, and reading its YAML. */
final class Repo {
  static final ObjectMapper YAML = YAMLMapper.builder().build();

  private Repo() {}

  /** The repository's root (Maven sets roentgen.root; from the module folder it is ../..). */
  static Path root() {
    return Path.of(System.getProperty("roentgen.root", "../..")).toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  /** The npm packages the build installed (target/npm/node_modules). */
  static Path npmPackages() {
    return Path.of(System.getProperty("roentgen.schemas", "target/npm/node_modules"))
        .toAbsolutePath();
  }

  /** The Maven project version, e.g. 0.1.0-SNAPSHOT. */
  static String projectVersion() {
    String version = System.getProperty("roentgen.version");
    if (version == null) {
      throw new IllegalStateException("roentgen.version is not set: run the tests with Maven");
    }
    return version;
  }

  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
