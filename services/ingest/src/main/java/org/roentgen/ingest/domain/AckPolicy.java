package org.roentgen.ingest.domain;

/** When ingest answers a C-STORE with Success. */
public enum AckPolicy {
  /** After the object is in S3 and its event acknowledged by Kafka (acks=all), in parallel. */
  DURABLE,
  /**
   * After the object is fsync'd to the local spool volume; a background uploader moves it to S3 and
   * Kafka, and finishes the spool after a restart. For sites whose S3 is far or slow.
   */
  SPOOL;

  /** Lower-case name, as in configuration and metric tags. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
