package org.roentgen.qc.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.platform.runtime.InstanceName;
import org.roentgen.qc.domain.OpenCvNative;
import org.roentgen.qc.domain.QcAnalyzer;
import org.roentgen.qc.domain.QcSettings;
import org.roentgen.qc.pipeline.BaselineRecorder;
import org.roentgen.qc.pipeline.ImageInspector;
import org.roentgen.qc.pipeline.QcMetrics;
import org.roentgen.qc.storage.KafkaBaselineStore;
import org.roentgen.qc.storage.PersistedBaselines;
import org.roentgen.qc.storage.PixelFetcher;
import org.roentgen.qc.storage.PreviewStore;

/** Builds artifact-detection's parts from {@link QcConfig}. */
@Singleton
public class QcBeans {
  /** The Quarkus application name: the {@code service} tag and the consumers' client ids. */
  public static final String SERVICE = "artifact-detection";

  /** This instance's name in events: the host name. */
  public static String instanceName() {
    return InstanceName.of(SERVICE);
  }

  @Produces
  @Singleton
  MeterFilter serviceTag() {
    return MeterFilter.commonTags(Tags.of(MetricNames.SERVICE, SERVICE));
  }

  /** The checks' settings in force; an invalid override stops the service at start. */
  @Produces
  @Singleton
  QcSettings settings(QcConfig config) {
    return CheckSettings.of(QcSettings.defaults(), config.analysis(), config.checks());
  }

  /** The baselines of every station and protocol, read back from Kafka at start. */
  @Produces
  @Singleton
  PersistedBaselines baselines(QcConfig config) {
    return new PersistedBaselines(config.baselines().window());
  }

  /** The analysis, with OpenCV's threads per call set once for the process. */
  @Produces
  @Singleton
  QcAnalyzer analyzer(QcConfig config, QcSettings settings, PersistedBaselines baselines) {
    OpenCvNative.threads(config.analysis().opencvThreads());
    return new QcAnalyzer(settings, baselines);
  }

  @Produces
  @Singleton
  ObjectStore objectStore(QcConfig config) {
    QcConfig.S3 s3 = config.s3();
    // Previews are small and of known size: one PUT each; the part size never applies.
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
  QcMetrics metrics(MeterRegistry registry) {
    return new QcMetrics(registry);
  }

  /** What the consumers do with each instance. */
  @Produces
  @Singleton
  ImageInspector inspector(
      QcConfig config,
      QcAnalyzer analyzer,
      ObjectStore store,
      PersistedBaselines baselines,
      QcMetrics metrics) {
    return new ImageInspector(
        new PixelFetcher(store, config.analysis().maxPixelDataSize()),
        analyzer::analyze,
        new PreviewStore(store),
        new BaselineRecorder(baselines),
        metrics,
        analyzer.settings().checkSet(),
        instanceName(),
        config.s3().previewBucket(),
        Clock.systemUTC());
  }

  /** The durable producer of every topic the service writes (acks=all, idempotent). */
  @Produces
  @Singleton
  Producer<String, byte[]> producer(QcConfig config) {
    QcConfig.Kafka k = config.kafka();
    return new KafkaProducer<>(
        ProducerSettings.durable(
            k.bootstrapServers(), SERVICE + "-" + instanceName(), k.publishTimeout()));
  }

  void closeProducer(@Disposes Producer<String, byte[]> producer) {
    producer.close(Duration.ofSeconds(10));
  }

  @Produces
  @Singleton
  KafkaBaselineStore baselineStore(QcConfig config, Producer<String, byte[]> producer) {
    return new KafkaBaselineStore(
        config.kafka().bootstrapServers(),
        config.baselines().topic(),
        instanceName(),
        producer,
        config.kafka().publishTimeout());
  }
}
