package org.roentgen.archive.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.archive.audit.AuditLog;
import org.roentgen.archive.dicomweb.InstanceLocator;
import org.roentgen.archive.dicomweb.QidoSearch;
import org.roentgen.archive.index.Indexer;
import org.roentgen.archive.retention.LegalHolds;
import org.roentgen.archive.retention.Policies;
import org.roentgen.archive.review.QuarantineMetrics;
import org.roentgen.archive.review.ReviewService;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.platform.runtime.InstanceName;

/** Builds the archive's shared clients from {@link ArchiveConfig}. */
@Singleton
public class ArchiveBeans {
  /** The Quarkus application name: the {@code service} tag and the clients' ids. */
  public static final String SERVICE = "archive";

  /** This instance's name in events and client ids: the host name. */
  public static String instanceName() {
    return InstanceName.of(SERVICE);
  }

  @Produces
  @Singleton
  MeterFilter serviceTag() {
    return MeterFilter.commonTags(Tags.of(MetricNames.SERVICE, SERVICE));
  }

  @Produces
  @Singleton
  ObjectStore objectStore(ArchiveConfig config) {
    ArchiveConfig.S3 s3 = config.s3();
    return new MinioObjectStore(
        new ObjectStoreSettings(
            s3.endpoint(),
            s3.accessKey(),
            s3.secretKey(),
            s3.region(),
            s3.connectTimeout(),
            s3.requestTimeout(),
            ObjectStoreSettings.MIN_PART_SIZE));
  }

  void closeObjectStore(@Disposes ObjectStore store) {
    store.close();
  }

  @Produces
  @Singleton
  Indexer indexer(DataSource db) {
    return new Indexer(db);
  }

  @Produces
  @Singleton
  QidoSearch qidoSearch(DataSource db) {
    return new QidoSearch(db);
  }

  /** The durable producer of the releases (acks=all, idempotent). */
  @Produces
  @Singleton
  Producer<String, byte[]> producer(ArchiveConfig config) {
    ArchiveConfig.Kafka k = config.kafka();
    return new KafkaProducer<>(
        ProducerSettings.durable(
            k.bootstrapServers(), SERVICE + "-" + instanceName(), k.publishTimeout()));
  }

  void closeProducer(@Disposes Producer<String, byte[]> producer) {
    producer.close(Duration.ofSeconds(10));
  }

  @Produces
  @Singleton
  ReviewService reviewService(
      DataSource db, ObjectStore store, Producer<String, byte[]> producer, ArchiveConfig config) {
    return new ReviewService(
        db,
        store,
        producer,
        config.kafka().releasedTopic(),
        config.kafka().publishTimeout(),
        "/roentgen/" + SERVICE + "/" + instanceName(),
        Clock.systemUTC());
  }

  /** The quarantine's gauges, refreshed from the start (not only once a reviewer calls). */
  @Produces
  @Singleton
  @Startup
  QuarantineMetrics quarantineMetrics(DataSource db, MeterRegistry registry, ArchiveConfig config) {
    QuarantineMetrics metrics = new QuarantineMetrics(db, registry, Clock.systemUTC());
    metrics.start(config.review().metricsInterval());
    return metrics;
  }

  void closeQuarantineMetrics(@Disposes QuarantineMetrics metrics) {
    metrics.close();
  }

  @Produces
  @Singleton
  AuditLog auditLog(DataSource db) {
    return new AuditLog(db);
  }

  @Produces
  @Singleton
  InstanceLocator instanceLocator(DataSource db) {
    return new InstanceLocator(db);
  }

  @Produces
  @Singleton
  Policies retentionPolicies(DataSource db) {
    return new Policies(db);
  }

  @Produces
  @Singleton
  LegalHolds legalHolds(DataSource db) {
    return new LegalHolds(db);
  }
}
