package org.roentgen.validation.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.roentgen.platform.events.KafkaReachability;
import org.roentgen.validation.config.ValidationConfig;

/**
 * Ready when Kafka answers and the consumer runs (it starts once the identity references are read
 * back). The worklist is not part of it: without it instances are still validated and published,
 * with the order reported as not checked.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
  private final KafkaReachability kafka;

  public KafkaReadiness(ValidationConfig config) {
    this.kafka = new KafkaReachability(config.kafka().bootstrapServers());
  }

  @Override
  public HealthCheckResponse call() {
    boolean up = kafka.reachable();
    return HealthCheckResponse.named("kafka")
        .status(up)
        .withData("kafka", up ? "up" : "down")
        .build();
  }

  @PreDestroy
  void close() {
    kafka.close();
  }
}
