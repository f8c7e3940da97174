package org.roentgen.packaging;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas of Kubernetes resources, by apiVersion and kind, validating a manifest the way
 * {@code kubectl apply --validate=strict} does: unknown fields, wrong types and missing required
 * fields are errors.
 *
 * <p>Where they come from (the build installs them from the npm registry, see package.json):
 *
 * <ul>
 *   <li>Kubernetes 1.27's own resources: the OpenAPI definitions ({@code io.k8s.api.apps.v1...})
 *       that the package {@code kubernetes-models} 4.3 carries, one JavaScript module per
 *       definition holding the schema as a JSON literal ({@code const schema = {...}}) and
 *       registering it under the definition's name;
 *   <li>custom resources: the {@code openAPIV3Schema} of prometheus-operator's ServiceMonitor and
 *       PrometheusRule CRDs ({@code @kubernetes-models/prometheus-operator} 4.0) and of KEDA's
 *       ScaledObject CRD ({@code @kubernetes-models/keda} 0.3), in the same form.
 * </ul>
 *
 * <p>Read as OpenAPI schemas, translated to draft 7: a {@code $ref} to a definition name points
 * into one document of all definitions, {@code nullable} admits null, and every object schema that
 * lists its properties and says nothing of others admits no others (the API server's strict field
 * validation; kubeconform's "strict" schemas do the same).
 */
final class KubernetesSchemas {
  private static final String DOCUMENT =
      "https://roentgen.org/packaging/kubernetes-definitions.json";
  private static final Pattern SCHEMA_START = Pattern.compile("\\bconst schema = \\{");
  private static final Pattern REGISTERED =
      Pattern.compile("register\\)\\(\"([^\"]+)\", schema\\)|const schemaId = \"([^\"]+)\"");
  private static final List<String> DEFINITION_FOLDERS =
      List.of("kubernetes-models/_schemas", "@kubernetes-models/apimachinery/_schemas");
  private static final List<String> CUSTOM_RESOURCES =
      List.of(
          "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor.js",
          "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule.js",
          "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject.js");

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Map<String, String> definitionByKind;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private KubernetesSchemas(Map<String, String> definitionByKind, String document) {
    this.definitionByKind = definitionByKind;
    this.registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7, b -> b.schemas(Map.of(DOCUMENT, document)));
  }

  /** Reads the schemas from an npm {@code node_modules} folder. */
  static KubernetesSchemas load(Path nodeModules) {
    ObjectNode definitions = JSON.createObjectNode();
    Map<String, String> byKind = new TreeMap<>();
    List<Path> files = new ArrayList<>();
    for (String folder : DEFINITION_FOLDERS) {
      try (Stream<Path> list = Files.list(nodeModules.resolve(folder))) {
        list.filter(p -> p.toString().endsWith(".js")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("no schemas in " + nodeModules.resolve(folder), e);
      }
    }
    CUSTOM_RESOURCES.forEach(f -> files.add(nodeModules.resolve(f)));
    for (Path file : files) {
      read(file)
          .ifPresent(
              d -> {
                definitions.set(d.name(), normalize(d.schema()));
                kindOf(d.schema()).ifPresent(k -> byKind.put(k, d.name()));
              });
    }
    ObjectNode document = JSON.createObjectNode();
    document.put("$schema", "http://json-schema.org/draft-07/schema#");
    document.set("definitions", definitions);
    return new KubernetesSchemas(byKind, JSON.writeValueAsString(document));
  }

  /** The kinds known, as {@code apiVersion/kind} (e.g. {@code apps/v1/Deployment}). */
  java.util.Set<String> kinds() {
    return definitionByKind.keySet();
  }

  /** The violations of one manifest; a manifest of an unknown kind is one violation. */
  List<String> violations(JsonNode manifest) {
    String kind =
        manifest.path("apiVersion").asString("") + "/" + manifest.path("kind").asString("");
    String definition = definitionByKind.get(kind);
    if (definition == null) {
      return List.of("no schema for " + kind);
    }
    Schema schema =
        schemas.computeIfAbsent(
            definition,
            d -> registry.getSchema("{\"$ref\": \"" + DOCUMENT + "#/definitions/" + d + "\"}"));
    return schema.validate(manifest).stream().map(Error::toString).toList();
  }

  private record Definition(String name, JsonNode schema) {}

  /** The schema literal and its registered name in one generated module; empty if it has none. */
  private static Optional<Definition> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher start = SCHEMA_START.matcher(text);
    Matcher name = REGISTERED.matcher(text);
    if (!start.find() || !name.find()) {
      return Optional.empty();
    }
    try (JsonParser parser = JSON.createParser(text.substring(start.end() - 1))) {
      JsonNode schema = parser.readValueAsTree(); // the literal only, not the code after it
      return Optional.of(
          new Definition(name.group(1) != null ? name.group(1) : name.group(2), schema));
    }
  }

  /** apiVersion/kind of a resource's schema (both single-valued enums), if it is one. */
  private static Optional<String> kindOf(JsonNode schema) {
    JsonNode apiVersion = schema.path("properties").path("apiVersion").path("enum");
    JsonNode kind = schema.path("properties").path("kind").path("enum");
    if (apiVersion.size() != 1 || kind.size() != 1) {
      return Optional.empty();
    }
    return Optional.of(apiVersion.get(0).asString() + "/" + kind.get(0).asString());
  }

  /** OpenAPI to draft 7, strict, in place (see the class comment). */
  private static JsonNode normalize(JsonNode node) {
    if (!(node instanceof ObjectNode schema)) {
      return node;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isString() && ref.asString().endsWith("#")) {
      String target = ref.asString();
      schema.put("$ref", "#/definitions/" + target.substring(0, target.length() - 1));
    }
    JsonNode nullable = schema.remove("nullable");
    if (nullable != null && nullable.asBoolean() && schema.path("type").isString()) {
      schema.set("type", JSON.createArrayNode().add(schema.get("type").asString()).add("null"));
    }
    if (schema.has("properties")
        && !schema.has("additionalProperties")
        && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      schema.put("additionalProperties", false);
    }
    // Recurse where the keywords hold schemas (never into enums, defaults or examples).
    for (String keyword : List.of("properties", "patternProperties")) {
      schema.path(keyword).values().forEach(KubernetesSchemas::normalize);
    }
    for (String keyword : List.of("items", "additionalProperties", "not")) {
      normalize(schema.path(keyword));
    }
    for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
      schema.path(keyword).values().forEach(KubernetesSchemas::normalize);
    }
    return schema;
  }
}
