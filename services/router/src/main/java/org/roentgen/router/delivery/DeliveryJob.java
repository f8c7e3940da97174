package org.roentgen.router.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.roentgen.contracts.InstanceDelivery.Priority;

/**
 * One instance for one destination, from the moment the router decided to send it until the
 * destination confirmed it or the router gave up; {@link #result()} completes then. A job that is
 * handed back at shutdown completes exceptionally with {@link HandedBackException}: its event is
 * not acknowledged and will be consumed again.
 */
public final class DeliveryJob {
  private final String sopInstanceUid;
  private final String studyInstanceUid;
  private final Priority priority;
  private final PayloadSource source;
  private final CompletableFuture<DeliveryOutcome> result = new CompletableFuture<>();
  private Instant queuedAt;
  private long sequence;
  private int attempts;
  private Instant dueAt = Instant.MIN;
  private Payload payload;
  private DeliveryException lastFailure;

  public DeliveryJob(
      String sopInstanceUid, String studyInstanceUid, Priority priority, PayloadSource source) {
    this.sopInstanceUid = Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    this.studyInstanceUid = Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    this.priority = Objects.requireNonNull(priority, "priority");
    this.source = Objects.requireNonNull(source, "source");
  }

  public String sopInstanceUid() {
    return sopInstanceUid;
  }

  public String studyInstanceUid() {
    return studyInstanceUid;
  }

  public Priority priority() {
    return priority;
  }

  /** Completes when the job is done: delivered, duplicate or given up. */
  public CompletableFuture<DeliveryOutcome> result() {
    return result;
  }

  /** Attempts made so far. */
  public synchronized int attempts() {
    return attempts;
  }

  synchronized void queued(Instant at, long sequence) {
    if (queuedAt == null) {
      queuedAt = at;
    }
    this.sequence = sequence;
  }

  synchronized Instant queuedAt() {
    return queuedAt;
  }

  synchronized long sequence() {
    return sequence;
  }

  synchronized Instant dueAt() {
    return dueAt;
  }

  synchronized void retryAt(Instant at, DeliveryException failure) {
    dueAt = at;
    lastFailure = failure;
  }

  synchronized int attempted() {
    return ++attempts;
  }

  synchronized DeliveryException lastFailure() {
    return lastFailure;
  }

  synchronized Payload payload() throws DeliveryException {
    if (payload == null) {
      payload = source.prepare();
    }
    return payload;
  }

  synchronized Payload preparedPayload() {
    return payload;
  }
}
