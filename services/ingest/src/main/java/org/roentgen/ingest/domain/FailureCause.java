package org.roentgen.ingest.domain;

/** Why an object was not acknowledged; the {@code cause} tag of the failure metric. */
public enum FailureCause {
  /** The dataset could not be parsed. */
  MALFORMED,
  /** The dataset contradicts its command (SOP Instance UID) or lacks a study or series UID. */
  INCONSISTENT,
  /** Larger than ingest.store.max-object-size. */
  TOO_LARGE,
  /** S3 unreachable, slow or failing. */
  OBJECT_STORE,
  /** Kafka unreachable, slow or failing. */
  EVENT_BUS,
  /** The local spool could not take the object (disk full, I/O error). */
  SPOOL,
  /** The sender went away (association aborted or closed) in the middle of an object. */
  SENDER,
  /** Ingest is shutting down. */
  SHUTTING_DOWN;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
