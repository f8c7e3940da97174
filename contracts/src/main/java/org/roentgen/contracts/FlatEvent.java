package org.roentgen.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.roentgen.contracts.InstanceQc.Qc;
import org.roentgen.contracts.InstanceReleased.Release;
import org.roentgen.contracts.InstanceValidated.Validation;

/**
 * The wire form the pipeline's later events share: one flat JSON object of the instance's fields
 * and, beside them, the blocks the stages added ({@code validation}, {@code qc}, {@code release}),
 * each present only when the event has it. The events' own block is added and taken by their
 * serializers around these.
 *
 * @param validation null when absent
 * @param qc null when absent
 * @param release null when absent
 */
record FlatEvent(InstanceReceived instance, Validation validation, Qc qc, Release release) {
  /** The flat object, without the event's own block. */
  ObjectNode write(ObjectMapper mapper) {
    ObjectNode node = mapper.valueToTree(instance);
    if (validation != null) {
      node.set(InstanceValidated.BLOCK, mapper.valueToTree(validation));
    }
    if (qc != null) {
      node.set(InstanceQc.BLOCK, mapper.valueToTree(qc));
    }
    if (release != null) {
      node.set(InstanceReleased.BLOCK, mapper.valueToTree(release));
    }
    return node;
  }

  /** Reads {@code node}, from which the event's own block has been removed; consumes it. */
  static FlatEvent read(ObjectMapper mapper, ObjectNode node) throws IOException {
    JsonNode release = node.remove(InstanceReleased.BLOCK);
    JsonNode qc = node.remove(InstanceQc.BLOCK);
    JsonNode validation = node.remove(InstanceValidated.BLOCK);
    return new FlatEvent(
        mapper.treeToValue(node, InstanceReceived.class),
        validation == null ? null : mapper.treeToValue(validation, Validation.class),
        qc == null ? null : mapper.treeToValue(qc, Qc.class),
        release == null ? null : mapper.treeToValue(release, Release.class));
  }
}
