package org.roentgen.validation.messaging;

import io.micrometer.core.instrument.Gauge;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.platform.events.ConsumerSettings;
import org.roentgen.platform.events.EventConsumer;
import org.roentgen.platform.events.ProducerSettings;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.validation.config.ValidationBeans;
import org.roentgen.validation.config.ValidationConfig;
import org.roentgen.validation.domain.ValidationMetrics;
import org.roentgen.validation.domain.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Kafka side: consumes {@code dicom.instance.received.v1}, hands each record to
 * {@link ReceivedHandler}, publishes with the durable producer. Started with the application; at
 * shutdown it finishes the instance in hand, commits what was published and closes.
 */
@Singleton
public class ValidationConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(ValidationConsumer.class);

  private final ValidationConfig config;
  private final Validator validator;
  private final ValidationMetrics metrics;
  private Producer<String, byte[]> producer;
  private EventConsumer consumer;
  private EventConsumer rechecks;

  public ValidationConsumer(
      ValidationConfig config, Validator validator, ValidationMetrics metrics) {
    this.config = config;
    this.validator = validator;
    this.metrics = metrics;
  }

  void start(@Observes StartupEvent e) {
    ValidationConfig.Kafka k = config.kafka();
    String client = ValidationBeans.SERVICE + "-" + ValidationBeans.instanceName();
    String source = "/roentgen/" + ValidationBeans.SERVICE + "/" + ValidationBeans.instanceName();
    producer =
        new KafkaProducer<>(
            ProducerSettings.durable(k.bootstrapServers(), client, k.publishTimeout()));
    ReceivedHandler.RecheckPolicy policy =
        new ReceivedHandler.RecheckPolicy(
            config.worklist().recheckAttempts(), config.worklist().recheckAfter());
    consumer =
        new EventConsumer(
            settings(k.groupId(), client),
            k.inputTopic(),
            new ReceivedHandler(validator, publisher(source), policy, metrics, Clock.systemUTC()),
            listener(),
            new EventConsumer.PartitionListener() {});
    Gauge.builder(MetricNames.name("validation", "consumer_lag"), consumer, EventConsumer::lag)
        .description("Received instances not yet validated (records behind, assigned partitions)")
        .register(metrics.registry());
    consumer.start();
    if (policy.enabled()) {
      rechecks =
          new EventConsumer(
              settings(k.groupId() + "-recheck", client + "-recheck"),
              k.recheckTopic(),
              new RecheckHandler(validator, publisher(source), policy, metrics, Clock.systemUTC()),
              listener(),
              new EventConsumer.PartitionListener() {});
      Gauge.builder(MetricNames.name("validation", "recheck_lag"), rechecks, EventConsumer::lag)
          .description("Re-checks of orders waiting (records behind on the re-check topic)")
          .register(metrics.registry());
      rechecks.start();
    }
    LOG.info("validating {} into {} as group {}", k.inputTopic(), k.outputTopic(), k.groupId());
  }

  private ConsumerSettings settings(String group, String client) {
    ValidationConfig.Kafka k = config.kafka();
    return ConsumerSettings.of(k.bootstrapServers(), group, client)
        .withRetryBackoff(k.retryBackoff(), k.retryMaxBackoff());
  }

  private ValidatedPublisher publisher(String source) {
    ValidationConfig.Kafka k = config.kafka();
    return new ValidatedPublisher(
        producer, k.outputTopic(), k.recheckTopic(), source, k.publishTimeout(), Clock.systemUTC());
  }

  private EventConsumer.Listener listener() {
    return new EventConsumer.Listener() {
      @Override
      public void onDeadLettered(ConsumerRecord<String, byte[]> record, String reason) {
        metrics.deadLettered("unreadable_event");
      }

      @Override
      public void onRetryScheduled(
          ConsumerRecord<String, byte[]> record, int attempt, Duration delay, Exception cause) {
        metrics.retried();
      }
    };
  }

  void stop(@Observes ShutdownEvent e) {
    if (rechecks != null) {
      rechecks.close(EventConsumer.DEFAULT_CLOSE_TIMEOUT);
    }
    if (consumer != null) {
      consumer.close(EventConsumer.DEFAULT_CLOSE_TIMEOUT);
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
    }
  }

  /** The consumer's state, for the health checks. */
  public EventConsumer.State state() {
    if (rechecks != null && rechecks.state() == EventConsumer.State.FAILED) {
      return EventConsumer.State.FAILED;
    }
    return consumer == null ? EventConsumer.State.NEW : consumer.state();
  }
}
