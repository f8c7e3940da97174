package org.roentgen.platform.events;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producer properties for events that must not be lost or duplicated by the producer. */
public final class ProducerSettings {
  private ProducerSettings() {}

  /**
   * acks=all with the idempotent producer (no duplicates or reordering on retry), bounded so that a
   * send to an unreachable cluster fails within {@code deliveryTimeout} instead of waiting.
   */
  public static Properties durable(
      String bootstrapServers, String clientId, Duration deliveryTimeout) {
    long delivery = deliveryTimeout.toMillis();
    long request = Math.max(1000, Math.min(delivery / 2, 30_000));
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(delivery, request + 1));
    // send() blocks at most this long for metadata when the cluster is unreachable.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }
}
