package org.roentgen.platform.events;

/**
 * A record that no retry can make handleable: a {@link RecordHandler} throws it (or a subclass,
 * such as {@link EventDecodeException}) and the {@link EventConsumer} copies the record to the
 * topic's dead-letter topic ({@link DeadLetters}) and goes on with the next record; an {@link
 * AsyncRecordHandler}'s stage that completes with it has the {@link AsyncEventConsumer} do the
 * same. Any other exception is retried, so throw this only when the record itself is at fault,
 * never for an unreachable server.
 *
 * <p>The message becomes the dead-letter record's {@link DeadLetters#REASON} header and a log line:
 * it must name what is wrong (a tag, a field, a UID) and must never carry patient data.
 */
public class PermanentEventException extends Exception {
  public PermanentEventException(String message) {
    super(message);
  }

  public PermanentEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
