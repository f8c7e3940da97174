package org.roentgen.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AsyncAPI document lists every topic of {@link Topics}, and its references resolve. */
class AsyncApiTest {
  private static JsonNode asyncApi() throws IOException {
    try (InputStream in = AsyncApiTest.class.getResourceAsStream("/contracts/asyncapi.yaml")) {
      assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  @Test
  void everyTopicIsAChannelWithItsSchemaAndExample() throws IOException {
    JsonNode doc = asyncApi();
    assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    List<String> addresses = new ArrayList<>();
    doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
    for (Topics t : Topics.values()) {
      assertThat(addresses).contains(t.topic());
      assertThat(getClass().getResource(t.schemaResource())).as(t.schemaResource()).isNotNull();
    }
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    for (String ref : refs) {
      if (ref.startsWith("#/")) {
        assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
      } else {
        assertThat(getClass().getResource("/contracts/" + ref)).as(ref).isNotNull();
      }
    }
    assertThat(refs).contains("schemas/dicom.instance.received.v1.json");
  }

  @Test
  void messageNamesAreTheCloudEventTypes() throws IOException {
    List<String> names = new ArrayList<>();
    asyncApi().path("components").path("messages").forEach(m -> names.add(m.path("name").asText()));
    for (Topics t : Topics.values()) {
      assertThat(names).contains(t.eventType());
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              f -> {
                if (f.getKey().equals("$ref")) {
                  refs.add(f.getValue().asText());
                } else {
                  collectRefs(f.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }
}
