package org.roentgen.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.roentgen.ingest.config.IngestConfig;
import org.roentgen.platform.events.KafkaReachability;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;

/**
 * Ready when S3 (the bucket exists, created if missing) and Kafka (the cluster answers) are
 * reachable: a load balancer then sends modalities elsewhere while either is away.
 */
@Readiness
@ApplicationScoped
public class DependenciesReadiness implements HealthCheck {
  private final IngestConfig config;
  private final ObjectStore store;
  private final KafkaReachability kafka;

  public DependenciesReadiness(IngestConfig config, ObjectStore store) {
    this.config = config;
    this.store = store;
    this.kafka = new KafkaReachability(config.kafka().bootstrapServers());
  }

  @Override
  public HealthCheckResponse call() {
    boolean s3 = s3();
    boolean kafka = kafka();
    return HealthCheckResponse.named("dependencies")
        .status(s3 && kafka)
        .withData("s3", s3 ? "up" : "down")
        .withData("kafka", kafka ? "up" : "down")
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

  private boolean kafka() {
    return kafka.reachable();
  }

  @jakarta.annotation.PreDestroy
  void close() {
    kafka.close();
  }
}
