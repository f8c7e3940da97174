package org.roentgen.validation.messaging;

import io.micrometer.core.instrument.Gauge;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.roentgen.platform.events.ConsumerSettings;
import org.roentgen.platform.events.EventConsumer;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.validation.config.ValidationBeans;
import org.roentgen.validation.config.ValidationConfig;
import org.roentgen.validation.domain.ValidationMetrics;
import org.roentgen.validation.domain.Validator;
import org.roentgen.validation.storage.KafkaStudyIdentities;
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
  private final Producer<String, byte[]> producer;
  private final KafkaStudyIdentities identities;
  private volatile boolean stopping;
  private Thread starter;
  private EventConsumer consumer;
  private EventConsumer rechecks;

  public ValidationConsumer(
      ValidationConfig config,
      Validator validator,
      ValidationMetrics metrics,
      Producer<String, byte[]> producer,
      KafkaStudyIdentities identities) {
    this.config = config;
    this.validator = validator;
    this.metrics = metrics;
    this.producer = producer;
    this.identities = identities;
  }

  /**
   * At start the identity references are read back first (retried while Kafka is away), then the
   * consumers start: no instance is checked against an incomplete memory.
   */
  void start(@Observes StartupEvent e) {
    starter = new Thread(this::restoreThenConsume, "validation-start");
    starter.setDaemon(true);
    starter.start();
  }

  private void restoreThenConsume() {
    Duration wait = Duration.ofSeconds(1);
    while (!stopping) {
      try {
        identities.restore();
        break;
      } catch (Exception ex) {
        LOG.warn("identity references not read back yet, retried in {}: {}", wait, ex.toString());
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
        wait = Duration.ofMillis(Math.min(wait.toMillis() * 2, 30_000));
      }
    }
    synchronized (this) {
      if (!stopping) {
        startConsumers();
      }
    }
  }

  private void startConsumers() {
    ValidationConfig.Kafka k = config.kafka();
    String client = ValidationBeans.SERVICE + "-" + ValidationBeans.instanceName();
    String source = "/roentgen/" + ValidationBeans.SERVICE + "/" + ValidationBeans.instanceName();
    ReceivedHandler.RecheckPolicy policy =
        new ReceivedHandler.RecheckPolicy(
            config.worklist().recheckAttempts(), config.worklist().recheckAfter());
    consumer =
        new EventConsumer(
            settings(k.groupId(), client),
            k.inputTopic(),
            new ReceivedHandler(
                validator,
                producer,
                k.outputTopic(),
                k.recheckTopic(),
                source,
                k.publishTimeout(),
                identities,
                policy,
                metrics,
                Clock.systemUTC()),
            listener(),
            new EventConsumer.PartitionListener() {
              @Override
              public void onAssigned(java.util.Collection<TopicPartition> partitions) {
                // Another instance may have taken studies' first patients since the last read.
                try {
                  identities.catchUp();
                } catch (Exception ex) {
                  throw new IllegalStateException("identity references not read: " + ex, ex);
                }
              }
            });
    Gauge.builder(MetricNames.name("validation", "consumer_lag"), consumer, EventConsumer::lag)
        .description("Received instances not yet validated (records behind, assigned partitions)")
        .register(metrics.registry());
    consumer.start();
    if (policy.enabled()) {
      rechecks =
          new EventConsumer(
              settings(k.groupId() + "-recheck", client + "-recheck"),
              k.recheckTopic(),
              new RecheckHandler(
                  validator, publisher(source), identities, policy, metrics, Clock.systemUTC()),
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
        .withSessionTimeout(k.sessionTimeout())
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
        metrics.deadLettered(ValidationMetrics.UNREADABLE_EVENT);
      }

      @Override
      public void onRetryScheduled(
          ConsumerRecord<String, byte[]> record, int attempt, Duration delay, Exception cause) {
        metrics.retried();
      }
    };
  }

  void stop(@Observes ShutdownEvent e) {
    synchronized (this) {
      stopping = true;
    }
    if (starter != null) {
      starter.interrupt();
    }
    if (rechecks != null) {
      rechecks.close(EventConsumer.DEFAULT_CLOSE_TIMEOUT);
    }
    if (consumer != null) {
      consumer.close(EventConsumer.DEFAULT_CLOSE_TIMEOUT);
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
