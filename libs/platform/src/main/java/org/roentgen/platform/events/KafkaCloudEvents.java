package org.roentgen.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.roentgen.contracts.EventJson;

/**
 * CloudEvents on Kafka in binary content mode (CloudEvents Kafka protocol binding 1.0): the
 * attributes are {@code ce_} headers, the record value is the data as JSON ({@link EventJson}), the
 * record key the partitioning key (a StudyInstanceUID). This is the mode SmallRye Reactive
 * Messaging reads and writes, so Quarkus consumers see the same attributes.
 */
public final class KafkaCloudEvents {
  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";
  public static final String CONTENT_TYPE = "content-type";
  public static final String JSON = "application/json";

  private static final ObjectMapper MAPPER = EventJson.mapper();

  private KafkaCloudEvents() {}

  /** The record that carries {@code event} on {@code topic} under {@code key}. */
  public static ProducerRecord<String, byte[]> toRecord(
      String topic, String key, CloudEvent<?> event) {
    Headers headers = new RecordHeaders();
    put(headers, SPEC_VERSION, CloudEvent.SPEC_VERSION);
    put(headers, ID, event.id());
    put(headers, SOURCE, event.source());
    put(headers, TYPE, event.type());
    if (event.subject() != null) {
      put(headers, SUBJECT, event.subject());
    }
    put(headers, TIME, event.time().toString());
    put(headers, CONTENT_TYPE, JSON);
    try {
      return new ProducerRecord<>(
          topic, null, key, MAPPER.writeValueAsBytes(event.data()), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event data is not serialisable: " + e.getMessage(), e);
    }
  }

  /**
   * The event a record carries.
   *
   * @param expectedType the CloudEvents type the topic carries; another type is refused
   */
  public static <T> CloudEvent<T> fromRecord(
      ConsumerRecord<String, byte[]> record, String expectedType, Class<T> dataType)
      throws EventDecodeException {
    Headers h = record.headers();
    String spec = get(h, SPEC_VERSION);
    String type = get(h, TYPE);
    if (!CloudEvent.SPEC_VERSION.equals(spec)) {
      throw decode("not a CloudEvents 1.0 record (ce_specversion " + spec + ")", record, null);
    }
    if (!expectedType.equals(type)) {
      throw decode("event type " + type + ", expected " + expectedType, record, null);
    }
    String id = get(h, ID);
    String source = get(h, SOURCE);
    String time = get(h, TIME);
    if (id == null || source == null || time == null || record.value() == null) {
      throw decode("ce_id, ce_source, ce_time and a value are required", record, null);
    }
    try {
      T data = MAPPER.readValue(record.value(), dataType);
      return new CloudEvent<>(id, source, type, get(h, SUBJECT), Instant.parse(time), data);
    } catch (DateTimeParseException e) {
      throw decode("ce_time is not an RFC 3339 time: " + time, record, e);
    } catch (IOException | RuntimeException e) {
      throw decode("data is not a valid " + dataType.getSimpleName() + ": " + e, record, e);
    }
  }

  private static EventDecodeException decode(
      String message, ConsumerRecord<?, ?> r, Throwable cause) {
    return new EventDecodeException(message, r.topic(), r.partition(), r.offset(), cause);
  }

  private static void put(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The last header of that name as UTF-8 text, or null. */
  public static String get(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
