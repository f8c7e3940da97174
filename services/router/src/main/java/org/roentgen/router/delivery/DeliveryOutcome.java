package org.roentgen.router.delivery;

import java.time.Instant;
import org.roentgen.contracts.InstanceDelivery.GaveUp;

/**
 * How one delivery job ended: delivered (possibly a duplicate that the ledger spared) or given up.
 *
 * @param result for a delivery, what the destination confirmed; null for a duplicate or a give-up
 * @param sha256 the payload's content hash, or null when the payload could not be prepared
 * @param size the payload's size, or -1
 * @param failure for a give-up, the last failure; else null
 * @param gaveUp for a give-up, why; else null
 */
public record DeliveryOutcome(
    boolean delivered,
    boolean duplicate,
    SendResult result,
    String sha256,
    long size,
    int attempts,
    Instant queuedAt,
    Instant completedAt,
    DeliveryException failure,
    GaveUp gaveUp) {

  static DeliveryOutcome delivered(
      SendResult result, Payload p, int attempts, Instant queuedAt, Instant now) {
    return new DeliveryOutcome(
        true, false, result, p.sha256(), p.size(), attempts, queuedAt, now, null, null);
  }

  static DeliveryOutcome duplicate(Payload p, Instant queuedAt, Instant now) {
    return new DeliveryOutcome(
        true, true, null, p.sha256(), p.size(), 0, queuedAt, now, null, null);
  }

  static DeliveryOutcome gaveUp(
      DeliveryException failure,
      GaveUp why,
      Payload p,
      int attempts,
      Instant queuedAt,
      Instant now) {
    return new DeliveryOutcome(
        false,
        false,
        null,
        p == null ? null : p.sha256(),
        p == null ? -1 : p.size(),
        attempts,
        queuedAt,
        now,
        failure,
        why);
  }
}
