package org.roentgen.router.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * What each destination has confirmed: per SOP Instance UID and destination, the content hash of
 * what it got. Before a send the engine looks here: the same content already confirmed is not sent
 * again (after a crash, a replay or a re-drive), so a retry never duplicates a confirmed delivery;
 * a different hash (a new version, other coercions) is sent. Implementations must make {@link
 * #confirmed} durable before it returns.
 */
public interface DeliveryLedger {
  /** A confirmed delivery. */
  record Entry(String sha256, Instant at) {}

  Optional<Entry> lookup(String sopInstanceUid, String destination);

  void confirmed(String sopInstanceUid, String destination, String sha256, Instant at)
      throws Exception;
}
