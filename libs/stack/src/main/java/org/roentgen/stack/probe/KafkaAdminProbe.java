package org.roentgen.stack.probe;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Asks a Kafka broker to describe its cluster with an {@link Admin} client: true once it answers
 * with at least one node.
 *
 * <p>Never loaded by the application's class loader: {@link org.roentgen.stack.KafkaBroker} loads
 * it in a class loader of its own over the broker's class path (which holds kafka-clients), so
 * roentgen-stack brings no Kafka client to the modules that use it. Only {@link Predicate}, a JDK
 * type, crosses between the loaders.
 */
public final class KafkaAdminProbe implements Predicate<String> {
  private static final int TIMEOUT_MILLIS = 3_000;

  /** Creates the probe; called reflectively. */
  public KafkaAdminProbe() {}

  /**
   * @param bootstrapServers {@code host:port}
   * @return true if the broker described its cluster within a few seconds
   */
  @Override
  public boolean test(String bootstrapServers) {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS,
            AdminClientConfig.CLIENT_ID_CONFIG, "roentgen-stack-probe");
    Admin admin = null;
    try {
      admin = Admin.create(config);
      return !admin.describeCluster().nodes().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } finally {
      if (admin != null) {
        admin.close(Duration.ofSeconds(1));
      }
    }
  }
}
