package org.roentgen.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates event data against a topic's JSON Schema (draft 2020-12). Shipped in the contracts'
 * test jar, so every service's tests check what it publishes with the one schema.
 */
public final class ContractSchemas {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<Topics, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private ContractSchemas() {}

  /** The violations of {@code json} against the topic's schema, empty when it is valid. */
  public static List<String> violations(Topics topic, String json) {
    Schema schema = SCHEMAS.computeIfAbsent(topic, ContractSchemas::load);
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  private static Schema load(Topics topic) {
    try (InputStream in = ContractSchemas.class.getResourceAsStream(topic.schemaResource())) {
      if (in == null) {
        throw new IllegalStateException("no schema on the classpath: " + topic.schemaResource());
      }
      return REGISTRY.getSchema(in, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
