package org.roentgen.router.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceReleased;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.EventDecodeException;
import org.roentgen.platform.events.KafkaCloudEvents;

/**
 * The event the router routes, whichever stage published it: the instance fields always, the
 * validation and qc blocks when the input topic has them (the router may run straight after ingest
 * or after validation), and the release block when a reviewer released the instance from quarantine
 * ({@code dicom.instance.released.v1}).
 *
 * @param id the input event's CloudEvents id
 * @param validation null when the input had no validation block
 * @param qc null when the input had no qc block
 * @param release the reviewer's release when the event is a released instance, else null: the rules
 *     then decide without quarantine ({@code RuleSet.decideReleased})
 */
public record RoutedEvent(
    String id,
    String topic,
    InstanceReceived instance,
    InstanceValidated.Validation validation,
    InstanceQc.Qc qc,
    InstanceReleased.Release release) {
  private static final ObjectMapper JSON = EventJson.mapper();
  private static final String RELEASE_BLOCK = "release";

  /** The CloudEvents types of the events the router routes: those of ingest and of each check. */
  public static final Set<String> ROUTABLE =
      Set.of(
          Topics.INSTANCE_RECEIVED.eventType(),
          Topics.INSTANCE_VALIDATED.eventType(),
          Topics.INSTANCE_QC.eventType());

  /** The CloudEvents type of the release topic's events. */
  public static final Set<String> RELEASED = Set.of(Topics.INSTANCE_RELEASED.eventType());

  public RoutedEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(instance, "instance");
  }

  /** An event of a pipeline stage, not released from quarantine. */
  public RoutedEvent(
      String id,
      String topic,
      InstanceReceived instance,
      InstanceValidated.Validation validation,
      InstanceQc.Qc qc) {
    this(id, topic, instance, validation, qc, null);
  }

  /** True when a reviewer released the instance from quarantine. */
  public boolean released() {
    return release != null;
  }

  /**
   * Reads a record of the input topic. Its CloudEvents type must be that of a stage the router can
   * follow ({@link #ROUTABLE}), whatever the topic is called: a site may name or prefix its topics
   * as it likes, and the type, not the name, says what the event is.
   */
  public static RoutedEvent decode(ConsumerRecord<String, byte[]> record)
      throws EventDecodeException {
    return decode(record, ROUTABLE, Topics.INSTANCE_QC.eventType());
  }

  /**
   * Reads a record of the release topic: its CloudEvents type must be {@link #RELEASED} and its
   * data carry the release block; the event is {@link #released()}.
   */
  public static RoutedEvent decodeReleased(ConsumerRecord<String, byte[]> record)
      throws EventDecodeException {
    return decode(record, RELEASED, Topics.INSTANCE_RELEASED.eventType());
  }

  private static RoutedEvent decode(
      ConsumerRecord<String, byte[]> record, Set<String> accepted, String otherwise)
      throws EventDecodeException {
    String type = KafkaCloudEvents.get(record.headers(), KafkaCloudEvents.TYPE);
    String expected = type != null && accepted.contains(type) ? type : otherwise;
    CloudEvent<JsonNode> e = KafkaCloudEvents.fromRecord(record, expected, JsonNode.class);
    try {
      if (RELEASED.contains(expected)) {
        InstanceReleased r = JSON.treeToValue(e.data(), InstanceReleased.class);
        return new RoutedEvent(
            e.id(), record.topic(), r.instance(), r.validation(), r.qc(), r.release());
      }
      return of(e.id(), record.topic(), e.data());
    } catch (Exception ex) {
      throw new EventDecodeException(
          "data is not an instance event: " + ex.getMessage(),
          record.topic(),
          record.partition(),
          record.offset(),
          ex);
    }
  }

  /**
   * The event from its JSON data (the flat object of any pipeline stage, or of a release: a dead
   * letter of a released instance keeps its release block, so a re-drive decides as for a release).
   */
  public static RoutedEvent of(String id, String topic, JsonNode data) throws Exception {
    if (!(data instanceof ObjectNode node)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (node.has(RELEASE_BLOCK)) {
      InstanceReleased r = JSON.treeToValue(node, InstanceReleased.class);
      return new RoutedEvent(id, topic, r.instance(), r.validation(), r.qc(), r.release());
    }
    if (node.has("qc")) {
      InstanceQc q = JSON.treeToValue(node, InstanceQc.class);
      return new RoutedEvent(id, topic, q.instance(), q.validation(), q.qc());
    }
    if (node.has("validation")) {
      InstanceValidated v = JSON.treeToValue(node, InstanceValidated.class);
      return new RoutedEvent(id, topic, v.instance(), v.validation(), null);
    }
    return new RoutedEvent(id, topic, JSON.treeToValue(node, InstanceReceived.class), null, null);
  }

  /**
   * The event's data as JSON again (for dead-letter records, from which it is re-driven), the
   * release block included.
   */
  public JsonNode data() {
    if (release != null) {
      return JSON.valueToTree(new InstanceReleased(instance, validation, qc, release));
    }
    ObjectNode node = JSON.valueToTree(instance);
    if (validation != null) {
      node.set("validation", JSON.valueToTree(validation));
    }
    if (qc != null) {
      node.set("qc", JSON.valueToTree(qc));
    }
    return node;
  }
}
