package org.roentgen.qc.storage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.roentgen.qc.domain.Baselines;
import org.roentgen.qc.domain.InMemoryBaselines;

/**
 * The baselines the checks use, kept so they can be written to Kafka and read back: two {@link
 * InMemoryBaselines} of the same window. {@code all} answers the checks' questions and holds what
 * this instance measured plus what was read back from every instance at start; {@code own} holds
 * only what this instance measured (and its own series read back), which is what it writes. So a
 * value is written by the instance that measured it only, and reading the topic back never counts a
 * value twice. The series recorded since the last write are tracked. Thread-safe.
 */
public final class PersistedBaselines implements Baselines {
  private final InMemoryBaselines all;
  private final InMemoryBaselines own;
  private final Set<String> changed = ConcurrentHashMap.newKeySet();

  public PersistedBaselines(int window) {
    this.all = new InMemoryBaselines(window);
    this.own = new InMemoryBaselines(window);
  }

  @Override
  public OptionalDouble quantile(
      String station, String protocol, String metric, double quantile, int minSamples) {
    return all.quantile(station, protocol, metric, quantile, minSamples);
  }

  @Override
  public void record(String station, String protocol, String metric, double value) {
    all.record(station, protocol, metric, value);
    own.record(station, protocol, metric, value);
    changed.add(InMemoryBaselines.key(station, protocol, metric));
  }

  /**
   * Adds a series read back (oldest value first). {@code mine}: this instance wrote it (before a
   * restart), so it is written again with what follows.
   */
  public void restore(String key, double[] values, boolean mine) {
    Map<String, double[]> one = Map.of(key, values);
    all.restore(one);
    if (mine) {
      own.restore(one);
    }
  }

  /** The series recorded since the last call, with this instance's values (oldest first). */
  public Map<String, double[]> takeChanged() {
    List<String> keys = List.copyOf(changed);
    changed.removeAll(keys);
    Map<String, double[]> snapshot = own.snapshot();
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String k : keys) {
      double[] v = snapshot.get(k);
      if (v != null) {
        out.put(k, v);
      }
    }
    return out;
  }

  /** Marks series as changed again, after a write of them failed. */
  public void changedAgain(Collection<String> keys) {
    changed.addAll(keys);
  }

  /** Every series the checks use, by key (station|protocol|metric). */
  public Map<String, double[]> snapshot() {
    return all.snapshot();
  }
}
