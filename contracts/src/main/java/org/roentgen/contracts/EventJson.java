package org.roentgen.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of the contracts' types: RFC 3339 timestamps, absent instead of null,
 * unknown fields ignored when reading (a consumer reads newer minor additions of a version).
 */
public final class EventJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private EventJson() {}

  /** The shared mapper; thread-safe, not to be reconfigured. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
