package org.roentgen.archive.retention;

import java.time.Instant;

/**
 * A retention policy: studies of {@code modality} (null: of any modality without a policy of its
 * own) are deleted once they are at least {@code minimumAgeDays} days old, counted from StudyDate,
 * or from the study's first receipt when it has no valid StudyDate.
 *
 * @param id the database's id; tombstones name it
 * @param description what the policy is for (e.g. the regulation), or null
 * @param createdBy the admin who set it
 */
public record RetentionPolicy(
    long id,
    String modality,
    int minimumAgeDays,
    String description,
    Instant createdAt,
    String createdBy) {

  /** A policy as an admin writes it, before the database gives it an id. */
  public record Draft(String modality, int minimumAgeDays, String description) {}
}
