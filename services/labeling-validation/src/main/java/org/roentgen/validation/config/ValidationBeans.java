package org.roentgen.validation.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.platform.runtime.InstanceName;
import org.roentgen.validation.dicom.MwlWorklist;
import org.roentgen.validation.dicom.WorklistSettings;
import org.roentgen.validation.domain.CachingWorklist;
import org.roentgen.validation.domain.InMemoryStudyIdentities;
import org.roentgen.validation.domain.RuleBook;
import org.roentgen.validation.domain.RuleBookLoader;
import org.roentgen.validation.domain.RuleFileException;
import org.roentgen.validation.domain.ValidationMetrics;
import org.roentgen.validation.domain.Validator;
import org.roentgen.validation.domain.Worklist;
import org.roentgen.validation.storage.KafkaStudyIdentities;

/** Builds labeling-validation's parts from {@link ValidationConfig}. */
@Singleton
public class ValidationBeans {
  /** The Quarkus application name: the {@code service} tag and the consumer's client id. */
  public static final String SERVICE = "labeling-validation";

  /** This instance's name in events: the host name. */
  public static String instanceName() {
    return InstanceName.of(SERVICE);
  }

  @Produces
  @Singleton
  MeterFilter serviceTag() {
    return MeterFilter.commonTags(Tags.of(MetricNames.SERVICE, SERVICE));
  }

  /**
   * The rules in force. An invalid file stops the service at start: the exception's message names
   * the file and line.
   */
  @Produces
  @Singleton
  RuleBook rules(ValidationConfig config) {
    Optional<Path> file = config.rulesFile();
    if (file.isEmpty()) {
      return RuleBookLoader.defaults();
    }
    try (InputStream in = Files.newInputStream(file.get())) {
      return RuleBookLoader.load(in, file.get().toString());
    } catch (RuleFileException e) {
      throw new IllegalStateException("invalid rule file " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the rule file " + file.get() + ": " + e.getMessage(), e);
    }
  }

  @Produces
  @Singleton
  ValidationMetrics metrics(MeterRegistry registry) {
    return new ValidationMetrics(registry);
  }

  /** The worklist behind its cache, or null when no worklist host is configured. */
  @Produces
  @Singleton
  WorklistHolder worklist(ValidationConfig config, MeterRegistry registry) {
    ValidationConfig.Worklist w = config.worklist();
    if (w.host().isEmpty()) {
      return new WorklistHolder(null, null);
    }
    MwlWorklist mwl =
        new MwlWorklist(
            WorklistSettings.of(w.host().get(), w.port(), w.calledAeTitle())
                .withCallingAeTitle(w.callingAeTitle())
                .withConnectTimeout(w.connectTimeout())
                .withResponseTimeout(w.responseTimeout())
                .withMaxAssociations(w.maxAssociations())
                .withKeepAlive(w.keepAlive()));
    CachingWorklist cached =
        new CachingWorklist(
            mwl, w.cacheMaxEntries(), w.cacheTtl(), w.cacheNegativeTtl(), System::nanoTime);
    String name = MetricNames.name("validation", "worklist_lookups");
    FunctionCounter.builder(name, cached, CachingWorklist::hits)
        .tag("result", "cached")
        .description("Worklist lookups by accession number")
        .register(registry);
    FunctionCounter.builder(name, cached, CachingWorklist::misses)
        .tag("result", "queried")
        .register(registry);
    FunctionCounter.builder(name, cached, CachingWorklist::failures)
        .tag("result", "unavailable")
        .register(registry);
    return new WorklistHolder(cached, mwl);
  }

  void closeWorklist(@Disposes WorklistHolder holder) {
    if (holder.connection() != null) {
      holder.connection().close();
    }
  }

  /** The durable producer of every topic the service writes (acks=all, idempotent). */
  @Produces
  @Singleton
  Producer<String, byte[]> producer(ValidationConfig config) {
    ValidationConfig.Kafka k = config.kafka();
    return new KafkaProducer<>(
        ProducerSettings.durable(
            k.bootstrapServers(), SERVICE + "-" + instanceName(), k.publishTimeout()));
  }

  void closeProducer(@Disposes Producer<String, byte[]> producer) {
    producer.close(Duration.ofSeconds(10));
  }

  @Produces
  @Singleton
  KafkaStudyIdentities identities(
      ValidationConfig config, Producer<String, byte[]> producer, MeterRegistry registry) {
    KafkaStudyIdentities ids =
        new KafkaStudyIdentities(
            config.kafka().bootstrapServers(),
            config.kafka().identitiesTopic(),
            producer,
            config.kafka().publishTimeout(),
            config.identities().maxStudies(),
            config.identities().maxInstances());
    Gauge.builder(
            MetricNames.name("validation", "studies_remembered"),
            ids,
            InMemoryStudyIdentities::studies)
        .description("Studies whose first patient identity is remembered")
        .register(registry);
    return ids;
  }

  @Produces
  @Singleton
  Validator validator(RuleBook rules, WorklistHolder worklist, KafkaStudyIdentities identities) {
    return new Validator(
        () -> rules, worklist.worklist(), identities, Clock.systemUTC(), instanceName());
  }

  /** The configured worklist (null when none) and the connection to close at shutdown. */
  public record WorklistHolder(Worklist worklist, MwlWorklist connection) {}
}
