package org.roentgen.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.roentgen.ingest.config.IngestConfig;
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
  private final Admin admin;

  public DependenciesReadiness(IngestConfig config, ObjectStore store) {
    this.config = config;
    this.store = store;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    this.admin = Admin.create(p);
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
    try {
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(3000))
          .nodes()
          .get(4, TimeUnit.SECONDS)
          .isEmpty();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  @jakarta.annotation.PreDestroy
  void close() {
    admin.close(java.time.Duration.ofSeconds(2));
  }
}
