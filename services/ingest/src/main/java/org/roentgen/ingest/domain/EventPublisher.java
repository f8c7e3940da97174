package org.roentgen.ingest.domain;

import java.util.concurrent.CompletableFuture;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.platform.events.CloudEvent;

/** Publishes received events; the future completes when Kafka has acknowledged (acks=all). */
public interface EventPublisher {
  CompletableFuture<Void> publish(String studyInstanceUid, CloudEvent<InstanceReceived> event);
}
