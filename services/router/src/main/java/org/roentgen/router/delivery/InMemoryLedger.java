package org.roentgen.router.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A ledger in memory: for tests, and as the cache of a durable one. */
public final class InMemoryLedger implements DeliveryLedger {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<Entry> lookup(String sopInstanceUid, String destination) {
    return Optional.ofNullable(entries.get(key(sopInstanceUid, destination)));
  }

  @Override
  public void confirmed(String sopInstanceUid, String destination, String sha256, Instant at) {
    entries.put(key(sopInstanceUid, destination), new Entry(sha256, at));
  }

  /** Puts an entry read back from durable storage. */
  public void load(String sopInstanceUid, String destination, Entry entry) {
    entries.put(key(sopInstanceUid, destination), entry);
  }

  public int size() {
    return entries.size();
  }

  /** The ledger key of an instance at a destination. */
  public static String key(String sopInstanceUid, String destination) {
    return destination + "|" + sopInstanceUid;
  }
}
