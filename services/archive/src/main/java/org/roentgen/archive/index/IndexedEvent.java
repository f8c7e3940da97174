package org.roentgen.archive.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.events.PermanentEventException;

/**
 * One pipeline event as the index reads it: the instance fields every topic carries (its object,
 * source, header and pixel data location), and the blocks a stage added (validation, qc, delivery,
 * release), each absent when the event has none.
 *
 * @param eventId the CloudEvents id: applied once
 * @param kind the topic's kind
 */
public record IndexedEvent(
    String eventId,
    Kind kind,
    String sopInstanceUid,
    String sopClassUid,
    String studyInstanceUid,
    String seriesInstanceUid,
    String transferSyntaxUid,
    String modality,
    StoredObject object,
    JsonNode source,
    Header header,
    Long pixelOffset,
    Long pixelLength,
    Boolean encapsulated,
    Instant receivedAt,
    JsonNode validation,
    JsonNode qc,
    JsonNode delivery,
    JsonNode release) {

  /** The topics the archive reads. */
  public enum Kind {
    RECEIVED,
    VALIDATED,
    QC,
    DELIVERY,
    RELEASED
  }

  /** Where an object version is. */
  public record StoredObject(String bucket, String key, long size, String sha256, int version) {}

  /**
   * Reads a record of a pipeline topic.
   *
   * @param eventType the CloudEvents type the topic carries
   * @throws PermanentEventException when the record is not such an event, or lacks what every event
   *     carries: no retry can index it
   */
  public static IndexedEvent fromRecord(
      ConsumerRecord<String, byte[]> record, Kind kind, String eventType)
      throws PermanentEventException {
    CloudEvent<JsonNode> event = KafkaCloudEvents.fromRecord(record, eventType, JsonNode.class);
    try {
      return of(event.id(), kind, event.data());
    } catch (IllegalArgumentException e) {
      throw new PermanentEventException("not indexable: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the event's data.
   *
   * @throws IllegalArgumentException when a field every topic requires is missing or malformed: the
   *     event cannot be indexed, whatever the retries
   */
  public static IndexedEvent of(String eventId, Kind kind, JsonNode data) {
    JsonNode o = data.path("object");
    StoredObject object =
        new StoredObject(
            required(o, "bucket"),
            required(o, "key"),
            o.path("size").asLong(-1),
            required(o, "sha256"),
            o.path("version").asInt(0));
    if (object.size() < 0 || object.version() < 1) {
      throw new IllegalArgumentException("object.size and object.version are required");
    }
    JsonNode header = data.get("header");
    if (header == null || !header.isObject()) {
      throw new IllegalArgumentException("header is required");
    }
    JsonNode source = data.get("source");
    if (source == null || !source.isObject()) {
      throw new IllegalArgumentException("source is required");
    }
    JsonNode pixels = data.path("pixelData");
    IndexedEvent e =
        new IndexedEvent(
            eventId,
            kind,
            required(data, "sopInstanceUid"),
            required(data, "sopClassUid"),
            required(data, "studyInstanceUid"),
            required(data, "seriesInstanceUid"),
            required(data, "transferSyntaxUid"),
            data.path("modality").isTextual() ? data.path("modality").asText() : null,
            object,
            source,
            new Header(header),
            pixels.has("offset") ? pixels.path("offset").asLong() : null,
            pixels.has("length") ? pixels.path("length").asLong() : null,
            pixels.has("encapsulated") ? pixels.path("encapsulated").asBoolean() : null,
            instant(data, "receivedAt"),
            block(data, "validation"),
            block(data, "qc"),
            block(data, "delivery"),
            block(data, "release"));
    if (kind == Kind.DELIVERY && e.delivery() == null) {
      throw new IllegalArgumentException("a delivery event without its delivery block");
    }
    if (kind == Kind.RELEASED && e.release() == null) {
      throw new IllegalArgumentException("a released event without its release block");
    }
    return e;
  }

  /** An RFC 3339 time field of a block, or null. */
  public static Instant instant(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      if ("receivedAt".equals(field)) {
        throw new IllegalArgumentException("receivedAt is required");
      }
      return null;
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not an RFC 3339 time: " + v.asText(), e);
    }
  }

  private static JsonNode block(JsonNode data, String field) {
    JsonNode v = data.get(field);
    return v != null && v.isObject() ? v : null;
  }

  private static String required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return v.asText();
  }
}
