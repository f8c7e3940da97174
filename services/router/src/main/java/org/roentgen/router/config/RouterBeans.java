package org.roentgen.router.config;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.platform.runtime.InstanceName;

/** Builds the router's shared clients from {@link RouterConfig}. */
@Singleton
public class RouterBeans {
  /** The Quarkus application name: the {@code service} tag and the clients' ids. */
  public static final String SERVICE = "router";

  /** This instance's name in events: the host name. */
  public static String instanceName() {
    return InstanceName.of(SERVICE);
  }

  @Produces
  @Singleton
  MeterFilter serviceTag() {
    return MeterFilter.commonTags(Tags.of(MetricNames.SERVICE, SERVICE));
  }

  /** The object store settings the router reads with and S3 destinations write with. */
  static ObjectStoreSettings storeSettings(RouterConfig config) {
    RouterConfig.S3 s3 = config.s3();
    return new ObjectStoreSettings(
        s3.endpoint(),
        s3.accessKey(),
        s3.secretKey(),
        s3.region(),
        s3.connectTimeout(),
        s3.requestTimeout(),
        ObjectStoreSettings.MIN_PART_SIZE);
  }

  @Produces
  @Singleton
  ObjectStore objectStore(RouterConfig config) {
    return new MinioObjectStore(storeSettings(config));
  }

  void closeObjectStore(@Disposes ObjectStore store) {
    store.close();
  }

  /** The durable producer of every topic the router writes (acks=all, idempotent). */
  @Produces
  @Singleton
  Producer<String, byte[]> producer(RouterConfig config) {
    RouterConfig.Kafka k = config.kafka();
    return new KafkaProducer<>(
        ProducerSettings.durable(
            k.bootstrapServers(), SERVICE + "-" + instanceName(), k.publishTimeout()));
  }

  void closeProducer(@Disposes Producer<String, byte[]> producer) {
    producer.close(Duration.ofSeconds(10));
  }
}
