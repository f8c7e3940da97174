package org.roentgen.validation.domain;

/**
 * What the service remembers of patients across instances: the identity of each study's first
 * instance, and the identity each SOP Instance UID was first seen with. Implementations keep it
 * across restarts; the first identity recorded for a study or instance stays the reference.
 */
public interface StudyIdentities {
  /**
   * Records that instance {@code sopInstanceUid} of study {@code studyUid} carries {@code
   * identity}, and returns the references it differs from.
   */
  Seen remember(String studyUid, String sopInstanceUid, PatientIdentity identity);

  /**
   * Waits until what {@link #remember} recorded is durable; the consumer calls it before it
   * commits, so no instance is committed whose reference could be lost. In memory: nothing to do.
   */
  default void flush() throws Exception {}

  /**
   * The references an instance was compared with.
   *
   * @param studyFirst the identity of the study's first instance, or null when this instance is the
   *     first (or carries the same identity)
   * @param instanceBefore the identity this SOP Instance UID was seen with before, when it differs,
   *     else null
   */
  record Seen(PatientIdentity studyFirst, PatientIdentity instanceBefore) {}
}
