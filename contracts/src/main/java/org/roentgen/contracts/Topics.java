package org.roentgen.contracts;

/**
 * The Kafka topics of the pipeline, each with its schema in {@code contracts/schemas/} and its
 * CloudEvents type. Names end in a version; a breaking change is a new version, never an edit.
 */
public enum Topics {
  /** Published by ingest once an object is durable in the object store. */
  INSTANCE_RECEIVED("dicom.instance.received.v1"),
  /** Published by labeling-validation: the received event plus the labeling rules' verdict. */
  INSTANCE_VALIDATED("dicom.instance.validated.v1"),
  /** Published by artifact-detection: the validated event plus the image-quality checks. */
  INSTANCE_QC("dicom.instance.qc.v1"),
  /**
   * Published by the router: per instance and destination, delivered or dead-lettered; per
   * instance, quarantined.
   */
  INSTANCE_DELIVERY("dicom.instance.delivery.v1"),
  /**
   * Published by the archive when a reviewer releases a quarantined instance (corrected or not);
   * the router routes it again without the quarantine rules.
   */
  INSTANCE_RELEASED("dicom.instance.released.v1");

  private final String topic;

  Topics(String topic) {
    this.topic = topic;
  }

  /** The topic name on the wire, e.g. {@code dicom.instance.received.v1}. */
  public String topic() {
    return topic;
  }

  /** The CloudEvents {@code type} of the topic's events, e.g. {@code org.roentgen.dicom...}. */
  public String eventType() {
    return "org.roentgen." + topic;
  }

  /** The dead-letter topic for events that a retry cannot fix. */
  public String deadLetterTopic() {
    return topic + ".dlq";
  }

  /** The classpath resource of the topic's JSON Schema. */
  public String schemaResource() {
    return "/contracts/schemas/" + topic + ".json";
  }
}
