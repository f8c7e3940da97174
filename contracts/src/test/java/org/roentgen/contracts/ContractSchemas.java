package org.roentgen.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates event data against a topic's JSON Schema (draft 2020-12). Shipped in the contracts'
 * test jar, so every service's tests check what it publishes with the one schema.
 */
public final class ContractSchemas {
  /** The schemas' $id prefix; a $ref between topics' schemas resolves to the classpath copy. */
  private static final String ID_PREFIX = "https://roentgen.org/contracts/";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b -> b.schemaIdResolvers(r -> r.mapPrefix(ID_PREFIX, "classpath:contracts/schemas/")));
  private static final Map<Topics, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private ContractSchemas() {}

  /** The violations of {@code json} against the topic's schema, empty when it is valid. */
  public static List<String> violations(Topics topic, String json) {
    Schema schema = SCHEMAS.computeIfAbsent(topic, ContractSchemas::load);
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  private static Schema load(Topics topic) {
    if (ContractSchemas.class.getResource(topic.schemaResource()) == null) {
      throw new IllegalStateException("no schema on the classpath: " + topic.schemaResource());
    }
    return REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + topic.topic() + ".json"));
  }
}
