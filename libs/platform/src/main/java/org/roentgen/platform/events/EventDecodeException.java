package org.roentgen.platform.events;

/**
 * A Kafka record that is not a valid event of the expected type: a retry cannot fix it, so it
 * belongs in the topic's dead-letter topic with this message as the reason. It is a {@link
 * PermanentEventException}: a {@link RecordHandler} that lets it escape has the record
 * dead-lettered by the {@link EventConsumer}.
 */
public final class EventDecodeException extends PermanentEventException {
  private final String topic;
  private final int partition;
  private final long offset;

  public EventDecodeException(
      String message, String topic, int partition, long offset, Throwable cause) {
    super(message + " (" + topic + "-" + partition + "@" + offset + ")", cause);
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }
}
