package org.roentgen.ingest.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import org.roentgen.ingest.domain.IngestMetrics;
import org.roentgen.ingest.domain.Ingestor;
import org.roentgen.ingest.domain.Spool;
import org.roentgen.ingest.domain.SpoolUploader;
import org.roentgen.ingest.messaging.KafkaEventPublisher;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.platform.runtime.InstanceName;

/** Builds ingest's parts from {@link IngestConfig}. */
@Singleton
public class IngestBeans {

  /** This instance's name in events and client ids: the host name. */
  public static String receiverName() {
    return InstanceName.of("ingest");
  }

  /** The {@code service} tag on every metric (MetricNames.SERVICE). */
  @Produces
  @Singleton
  MeterFilter serviceTag() {
    return MeterFilter.commonTags(Tags.of(MetricNames.SERVICE, "ingest"));
  }

  @Produces
  @Singleton
  ObjectStore objectStore(IngestConfig config) {
    IngestConfig.S3 s3 = config.s3();
    return new MinioObjectStore(
        new ObjectStoreSettings(
            s3.endpoint(),
            s3.accessKey(),
            s3.secretKey(),
            s3.region(),
            s3.connectTimeout(),
            s3.requestTimeout(),
            s3.partSize()));
  }

  void closeObjectStore(@Disposes ObjectStore store) {
    store.close();
  }

  @Produces
  @Singleton
  KafkaEventPublisher publisher(IngestConfig config) {
    return new KafkaEventPublisher(
        config.kafka().bootstrapServers(),
        config.kafka().topic(),
        "ingest-" + receiverName(),
        config.store().timeout());
  }

  void closePublisher(@Disposes KafkaEventPublisher publisher) {
    publisher.close();
  }

  @Produces
  @Singleton
  IngestMetrics metrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Produces
  @Singleton
  Spool spool(IngestConfig config, Ingestor ingestor, IngestMetrics metrics) throws IOException {
    return new Spool(config.spool().dir(), ingestor, metrics, Clock.systemUTC());
  }

  @Produces
  @Singleton
  SpoolUploader spoolUploader(
      IngestConfig config, Spool spool, Ingestor ingestor, IngestMetrics metrics) {
    IngestConfig.Spool s = config.spool();
    SpoolUploader uploader =
        new SpoolUploader(spool, ingestor, metrics, s.uploaders(), s.backoff(), s.maxBackoff());
    Gauge.builder(MetricNames.name("ingest", "spool.pending"), uploader, SpoolUploader::pending)
        .description("Spooled objects not yet in S3 and on Kafka")
        .register(metrics.registry());
    return uploader;
  }

  void closeSpoolUploader(@Disposes SpoolUploader uploader) {
    uploader.close();
  }

  @Produces
  @Singleton
  Ingestor ingestor(
      IngestConfig config,
      ObjectStore store,
      KafkaEventPublisher publisher,
      IngestMetrics metrics) {
    return new Ingestor(
        store,
        publisher,
        new Ingestor.Settings(
            config.s3().bucket(),
            config.store().timeout(),
            config.store().maxObjectSize(),
            config.store().headerMemory(),
            config.spool().dir().resolve("tmp"),
            receiverName()),
        metrics,
        Clock.systemUTC());
  }
}
