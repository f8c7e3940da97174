package org.roentgen.platform.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event with its data as a contracts type.
 *
 * @param id unique per event; a re-publication of the same fact keeps its id, so consumers can drop
 *     duplicates
 * @param source the producing service instance, e.g. {@code /roentgen/ingest/host-1}
 * @param type the topic's event type ({@link org.roentgen.contracts.Topics#eventType()})
 * @param subject what the event is about (a SOP Instance UID), or null
 * @param time when the fact happened
 */
public record CloudEvent<T>(
    String id, String source, String type, String subject, Instant time, T data) {
  public static final String SPEC_VERSION = "1.0";

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
  }

  /** A new event with a random id. */
  public static <T> CloudEvent<T> of(
      String source, String type, String subject, Instant time, T data) {
    return new CloudEvent<>(UUID.randomUUID().toString(), source, type, subject, time, data);
  }
}
