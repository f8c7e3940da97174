package org.roentgen.archive.retention;

import java.time.Instant;

/**
 * A legal hold on a study: while it is not lifted, retention never deletes the study. Holds are
 * kept as records; lifting fills the {@code lifted*} fields.
 *
 * @param patientId the study's patient as the index knows it, or null
 */
public record LegalHold(
    long id,
    String studyInstanceUid,
    String patientId,
    String reason,
    Instant placedAt,
    String placedBy,
    Instant liftedAt,
    String liftedBy,
    String liftReason) {

  public boolean active() {
    return liftedAt == null;
  }
}
