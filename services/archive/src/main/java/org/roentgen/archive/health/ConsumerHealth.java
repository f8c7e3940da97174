package org.roentgen.archive.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.roentgen.archive.messaging.ArchiveConsumers;
import org.roentgen.platform.events.EventConsumer;

/** Live while the index's consumer loops run; a loop that stopped on a failure needs a restart. */
@Liveness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {
  private final ArchiveConsumers consumers;

  public ConsumerHealth(ArchiveConsumers consumers) {
    this.consumers = consumers;
  }

  @Override
  public HealthCheckResponse call() {
    EventConsumer.State s = consumers.state();
    return HealthCheckResponse.named("consumers")
        .status(s != EventConsumer.State.FAILED)
        .withData("state", s.name())
        .withData("lag", consumers.lag())
        .build();
  }
}
