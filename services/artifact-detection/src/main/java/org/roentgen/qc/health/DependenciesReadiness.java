package org.roentgen.qc.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.roentgen.platform.events.EventConsumer;
import org.roentgen.platform.events.KafkaReachability;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;
import org.roentgen.qc.config.QcConfig;
import org.roentgen.qc.messaging.QcConsumer;

/**
 * Ready when Kafka answers, the consumers run (they start once the baselines are read back) and the
 * object store answers (the objects' bucket exists, created if missing, as ingest does).
 */
@Readiness
@ApplicationScoped
public class DependenciesReadiness implements HealthCheck {
  private final QcConfig config;
  private final ObjectStore store;
  private final QcConsumer consumer;
  private final KafkaReachability kafka;

  public DependenciesReadiness(QcConfig config, ObjectStore store, QcConsumer consumer) {
    this.config = config;
    this.store = store;
    this.consumer = consumer;
    this.kafka = new KafkaReachability(config.kafka().bootstrapServers());
  }

  @Override
  public HealthCheckResponse call() {
    boolean kafkaUp = kafka.reachable();
    EventConsumer.State state = consumer.state();
    boolean s3 = s3();
    return HealthCheckResponse.named("dependencies")
        .status(kafkaUp && state == EventConsumer.State.RUNNING && s3)
        .withData("kafka", kafkaUp ? "up" : "down")
        .withData("consumer", state.name())
        .withData("s3", s3 ? "up" : "down")
        .build();
  }

  private boolean s3() {
    String bucket = config.s3().bucket();
    if (store.reachable(bucket)) {
      return true;
    }
    try {
      store.ensureBucket(bucket);
      return true;
    } catch (ObjectStoreException e) {
      return false;
    }
  }

  @PreDestroy
  void close() {
    kafka.close();
  }
}
