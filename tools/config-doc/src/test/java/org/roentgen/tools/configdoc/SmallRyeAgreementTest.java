package org.roentgen.tools.configdoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roentgen.tools.configdoc.fixture.SampleConfig;

/**
 * Holds what the generator writes against SmallRye Config, which is what the services run with:
 * every key it documents for {@link SampleConfig} (read from its source, as the services' mappings
 * are) is a key the mapping takes, all of them together fill the mapping, and each key's documented
 * environment variable is the variable SmallRye reads for it.
 */
class SmallRyeAgreementTest {
  private static final Path FIXTURE =
      Path.of("src/test/java/org/roentgen/tools/configdoc/fixture/SampleConfig.java");
  private static final String MAP_KEY = "alpha";

  private static Mapping sample() {
    Sources sources = new Sources(List.of(Path.of("src/test/java")));
    ClassOrInterfaceDeclaration type =
        sources.parse(FIXTURE).getInterfaceByName("SampleConfig").orElseThrow();
    return new MappingReader(sources).read(type, FIXTURE.toString());
  }

  /** Each documented key with a value of its type; a map's key is {@value #MAP_KEY}. */
  private static Map<String, String> values(Mapping mapping) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ConfigKey k : mapping.keys()) {
      out.put(k.name().replace(MappingReader.MAP_KEY, MAP_KEY), sampleValue(k.type(), k.values()));
    }
    return out;
  }

  private static String sampleValue(String type, List<String> values) {
    if (!values.isEmpty()) {
      return values.get(values.size() - 1);
    }
    if (type.startsWith("list of ")) {
      String one = sampleValue(type.substring("list of ".length()), values);
      return one + "," + one + "2";
    }
    return switch (type) {
      case "int", "long", "short", "byte" -> "41";
      case "double", "float" -> "1.5";
      case "boolean" -> "true";
      case "duration" -> "PT3S";
      case "path" -> "/tmp/sample";
      case "URI", "URL" -> "http://host/sample";
      default -> "text";
    };
  }

  private static SmallRyeConfig config(Map<String, String> properties, Map<String, String> env) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "sample.properties", 250))
        .withSources(new EnvConfigSource(env, 300))
        .withMapping(SampleConfig.class)
        .build();
  }

  @Test
  void readsEveryShapeOfKey() {
    assertThat(sample().keys())
        .extracting(ConfigKey::name)
        .containsExactly(
            "sample.name",
            "sample.max-pdu-length",
            "sample.sop-class-uid",
            "sample.allowed-calling-ae-titles",
            "sample.opencv-threads",
            "sample.working-spacing-mm",
            "sample.renamed-key",
            "sample.timeout",
            "sample.dir",
            "sample.url",
            "sample.level",
            "sample.policies.<name>",
            "sample.destinations.<name>.host",
            "sample.destinations.<name>.kind",
            "sample.destinations.<name>.port",
            "sample.destinations.<name>.retry.max-attempts",
            "sample.inner.enabled",
            "sample.inner.retry.max-attempts",
            "sample.flat-key",
            "sample.maybe.enabled",
            "sample.maybe.retry.max-attempts");
    ConfigKey maxPdu = sample().keys().get(1);
    assertThat(maxPdu.defaultValue()).isEqualTo("7");
    assertThat(maxPdu.type()).isEqualTo("int");
    assertThat(sample().keys().get(0).description())
        .isEqualTo("A plain string, see `max-pdu-length` and `sample.x`.");
    assertThat(sample().keys().get(3).type()).isEqualTo("list of string");
    assertThat(sample().keys().get(10).values()).containsExactly("LOW", "HIGH");
    assertThat(sample().keys())
        .filteredOn(ConfigKey::required)
        .extracting(ConfigKey::name)
        .doesNotContain("sample.maybe.enabled", "sample.opencv-threads", "sample.policies.<name>")
        .contains("sample.name", "sample.destinations.<name>.kind", "sample.inner.enabled");
  }

  @Test
  void everyDocumentedKeyIsOneTheMappingTakes() {
    Map<String, String> values = values(sample());
    SampleConfig c = config(values, Map.of()).getConfigMapping(SampleConfig.class);
    assertThat(c.name()).isEqualTo("text");
    assertThat(c.maxPduLength()).isEqualTo(41);
    assertThat(c.sopClassUID()).isEqualTo("text");
    assertThat(c.original()).isEqualTo("text");
    assertThat(c.flat().flatKey()).isEqualTo("text");
    assertThat(c.destinations().get(MAP_KEY).retry().maxAttempts()).isEqualTo(41);
    assertThat(c.maybe()).isPresent();

    // A key the mapping does not know is refused: the check above can fail.
    Map<String, String> wrong = new LinkedHashMap<>(values);
    wrong.put("sample.max-pdulength", "1");
    assertThatThrownBy(() -> config(wrong, Map.of())).hasMessageContaining("max-pdulength");
  }

  @Test
  void everyDocumentedVariableIsTheOneSmallRyeReads() {
    Map<String, String> values = values(sample());
    Map<String, String> env = new LinkedHashMap<>();
    values.forEach((key, value) -> env.put(EnvNames.of(key), value));
    // What a shell can export (SmallRye would also match looser names).
    assertThat(env.keySet()).allMatch(name -> name.matches("[A-Z0-9_]+"));
    SmallRyeConfig config = config(Map.of(), env);
    values.forEach(
        (key, value) -> assertThat(config.getRawValue(key)).as("%s", key).isEqualTo(value));
    SampleConfig c = config.getConfigMapping(SampleConfig.class);
    assertThat(c.destinations()).containsOnlyKeys(MAP_KEY);
    assertThat(c.policies()).containsOnlyKeys(MAP_KEY);
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.inner().retry().maxAttempts()).isEqualTo(41);
  }

  @Test
  void aVariableOverridesAMapKeyWithADashThatAPropertyNames() {
    Map<String, String> properties = new LinkedHashMap<>(values(sample()));
    properties.put("sample.destinations.archive-scp.kind", "dicom");
    properties.put("sample.destinations.archive-scp.host", "file");
    String variable = EnvNames.of("sample.destinations.archive-scp.host");
    SampleConfig c =
        config(properties, Map.of(variable, "env")).getConfigMapping(SampleConfig.class);
    assertThat(variable).isEqualTo("SAMPLE_DESTINATIONS_ARCHIVE_SCP_HOST");
    assertThat(c.destinations().get("archive-scp").host()).isEqualTo("env");
  }
}
