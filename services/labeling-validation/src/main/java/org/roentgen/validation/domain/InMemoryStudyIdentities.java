package org.roentgen.validation.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link StudyIdentities} in memory, bounded: the least recently seen studies and instances are
 * forgotten beyond the limits. Thread-safe. A durable store builds on it (it is also what the
 * durable store keeps in memory).
 */
public class InMemoryStudyIdentities implements StudyIdentities {
  private final Map<String, PatientIdentity> studies;
  private final Map<String, PatientIdentity> instances;

  public InMemoryStudyIdentities(int maxStudies, int maxInstances) {
    this.studies = lru(maxStudies);
    this.instances = lru(maxInstances);
  }

  /** Key prefixes of the references, as {@link #recorded} names them. */
  public static final String STUDY = "study:";

  public static final String INSTANCE = "sop:";

  @Override
  public synchronized Seen remember(
      String studyUid, String sopInstanceUid, PatientIdentity identity) {
    PatientIdentity first = studies.putIfAbsent(studyUid, identity);
    if (first == null) {
      recorded(STUDY + studyUid, identity);
    }
    PatientIdentity before = instances.putIfAbsent(sopInstanceUid, identity);
    if (before == null) {
      recorded(INSTANCE + sopInstanceUid, identity);
    }
    return new Seen(
        first == null || first.equals(identity) ? null : first,
        before == null || before.equals(identity) ? null : before);
  }

  /**
   * A new reference was stored under {@code key} ({@link #STUDY} or {@link #INSTANCE} and the UID):
   * a durable store writes it down. Called with the lock held.
   */
  protected void recorded(String key, PatientIdentity identity) {}

  /** Puts a reference as a durable store restores it (first one wins, as in remember). */
  protected synchronized void restore(String key, PatientIdentity id) {
    if (key.startsWith(STUDY)) {
      studies.putIfAbsent(key.substring(STUDY.length()), id);
    } else if (key.startsWith(INSTANCE)) {
      instances.putIfAbsent(key.substring(INSTANCE.length()), id);
    }
  }

  public synchronized int studies() {
    return studies.size();
  }

  private static <V> Map<String, V> lru(int max) {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }
}
