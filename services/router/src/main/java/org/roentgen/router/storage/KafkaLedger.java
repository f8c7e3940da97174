package org.roentgen.router.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.roentgen.contracts.EventJson;
import org.roentgen.platform.events.CompactedView;
import org.roentgen.router.delivery.DeliveryLedger;
import org.roentgen.router.delivery.InMemoryLedger;

/**
 * The delivery ledger in a compacted topic: key {@code destination|SOP Instance UID}, value the
 * confirmed content's hash and time. Every router instance follows the topic, so after a rebalance
 * the new owner of a partition knows what the old one delivered. UIDs and destination names only.
 */
public final class KafkaLedger implements DeliveryLedger {
  private static final ObjectMapper JSON = EventJson.mapper();
  private final CompactedView view;

  /** A started view of the ledger topic. */
  public KafkaLedger(CompactedView view) {
    this.view = view;
  }

  @Override
  public Optional<Entry> lookup(String sopInstanceUid, String destination) {
    byte[] v = view.get(InMemoryLedger.key(sopInstanceUid, destination));
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(v, Entry.class));
    } catch (IOException e) {
      return Optional.empty(); // unreadable: sending again is the safe side
    }
  }

  @Override
  public void confirmed(String sopInstanceUid, String destination, String sha256, Instant at)
      throws Exception {
    view.put(
        InMemoryLedger.key(sopInstanceUid, destination),
        JSON.writeValueAsBytes(new Entry(sha256, at)));
  }

  public int size() {
    return view.size();
  }
}
