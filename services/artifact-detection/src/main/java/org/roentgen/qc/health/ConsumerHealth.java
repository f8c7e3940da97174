package org.roentgen.qc.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.roentgen.platform.events.EventConsumer;
import org.roentgen.qc.messaging.QcConsumer;

/** Live while the consumer loops run; a loop that stopped on a failure needs a restart. */
@Liveness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {
  private final QcConsumer consumer;

  public ConsumerHealth(QcConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public HealthCheckResponse call() {
    EventConsumer.State s = consumer.state();
    return HealthCheckResponse.named("consumer")
        .status(s != EventConsumer.State.FAILED)
        .withData("state", s.name())
        .build();
  }
}
