package org.roentgen.router.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import org.roentgen.contracts.InstanceDelivery;
import org.roentgen.router.delivery.InMemoryLedger;

/**
 * An instance the router gave up on for a destination, with everything needed to send it again: the
 * input event as it was consumed, the destination's route (priority, coercions, de-identification)
 * as decided then, and the last failure. Kept until re-driven and delivered.
 *
 * @param event the input event's data (the flat JSON of its stage)
 * @param route the destination's part of the routing decision, as JSON
 */
public record DeadLetter(
    String destination,
    String sopInstanceUid,
    String studyInstanceUid,
    String modality,
    String eventId,
    String topic,
    JsonNode event,
    JsonNode route,
    InstanceDelivery.Failure failure,
    int attempts,
    Instant at) {
  public DeadLetter {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(at, "at");
  }

  /** The record's key: one per instance and destination, as the ledger's. */
  public String key() {
    return InMemoryLedger.key(sopInstanceUid, destination);
  }
}
