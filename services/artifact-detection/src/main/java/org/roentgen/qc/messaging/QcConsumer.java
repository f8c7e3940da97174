package org.roentgen.qc.messaging;

import io.micrometer.core.instrument.Gauge;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.platform.events.ConsumerSettings;
import org.roentgen.platform.events.EventConsumer;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.qc.config.QcBeans;
import org.roentgen.qc.config.QcConfig;
import org.roentgen.qc.pipeline.ImageInspector;
import org.roentgen.qc.pipeline.QcMetrics;
import org.roentgen.qc.storage.BaselineWriter;
import org.roentgen.qc.storage.KafkaBaselineStore;
import org.roentgen.qc.storage.PersistedBaselines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Kafka side: reads the baselines back, then consumes {@code
 * dicom.instance.validated.v1} with {@code qc.kafka.consumers} consumers of the group (one image at
 * a time each) and writes the baselines that changed every {@code qc.baselines.write-interval}. At
 * shutdown each consumer finishes the image in hand, commits what was published and closes; then
 * the baselines are written once more.
 */
@Singleton
public class QcConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(QcConsumer.class);
  private static final Duration MAX_RESTORE_WAIT = Duration.ofSeconds(30);

  private final QcConfig config;
  private final ImageInspector inspector;
  private final QcMetrics metrics;
  private final Producer<String, byte[]> producer;
  private final KafkaBaselineStore store;
  private final PersistedBaselines baselines;
  private final List<EventConsumer> consumers = new CopyOnWriteArrayList<>();
  private volatile boolean stopping;
  private Thread starter;
  private BaselineWriter writer;

  public QcConsumer(
      QcConfig config,
      ImageInspector inspector,
      QcMetrics metrics,
      Producer<String, byte[]> producer,
      KafkaBaselineStore store,
      PersistedBaselines baselines) {
    this.config = config;
    this.inspector = inspector;
    this.metrics = metrics;
    this.producer = producer;
    this.store = store;
    this.baselines = baselines;
  }

  /**
   * At start the baselines are read back first (retried while Kafka is away), then the consumers
   * start: no image is recorded into, or written over, a history that is not read back yet.
   */
  void start(@Observes StartupEvent e) {
    Gauge.builder(MetricNames.name("qc", "consumer_lag"), this, QcConsumer::lag)
        .description("Validated instances not yet analysed (records behind, assigned partitions)")
        .register(metrics.registry());
    starter = new Thread(this::restoreThenConsume, "qc-start");
    starter.setDaemon(true);
    starter.start();
  }

  private void restoreThenConsume() {
    Duration wait = Duration.ofSeconds(1);
    while (!stopping) {
      try {
        store.restoreInto(baselines);
        break;
      } catch (Exception ex) {
        LOG.warn("baselines not read back yet, retried in {}: {}", wait, ex.toString());
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
        wait = wait.multipliedBy(2);
        if (wait.compareTo(MAX_RESTORE_WAIT) > 0) {
          wait = MAX_RESTORE_WAIT;
        }
      }
    }
    synchronized (this) {
      if (!stopping) {
        startConsumers();
      }
    }
  }

  private void startConsumers() {
    QcConfig.Kafka k = config.kafka();
    String client = QcBeans.SERVICE + "-" + QcBeans.instanceName();
    String source = "/roentgen/" + QcBeans.SERVICE + "/" + QcBeans.instanceName();
    for (int i = 0; i < k.consumers(); i++) {
      ConsumerSettings settings =
          ConsumerSettings.of(k.bootstrapServers(), k.groupId(), client + "-" + i)
              .withMaxPollRecords(k.maxPollRecords())
              .withSessionTimeout(k.sessionTimeout())
              .withRetryBackoff(k.retryBackoff(), k.retryMaxBackoff());
      QcPublisher publisher =
          new QcPublisher(producer, k.outputTopic(), source, k.publishTimeout(), Clock.systemUTC());
      EventConsumer c =
          new EventConsumer(
              settings,
              k.inputTopic(),
              new ValidatedHandler(inspector, publisher),
              listener(),
              new EventConsumer.PartitionListener() {});
      consumers.add(c);
      c.start();
    }
    writer = new BaselineWriter(store, baselines, config.baselines().writeInterval());
    LOG.info(
        "analysing {} into {} as group {} ({} consumer(s))",
        k.inputTopic(),
        k.outputTopic(),
        k.groupId(),
        k.consumers());
  }

  private EventConsumer.Listener listener() {
    return new EventConsumer.Listener() {
      @Override
      public void onDeadLettered(ConsumerRecord<String, byte[]> record, String reason) {
        metrics.deadLettered(QcMetrics.UNREADABLE_EVENT);
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
    // Each consumer finishes its image and commits; they stop side by side.
    consumers.parallelStream().forEach(c -> c.close(EventConsumer.DEFAULT_CLOSE_TIMEOUT));
    if (writer != null) {
      writer.close();
    }
  }

  /** The consumers' state, for the health checks: FAILED if any failed, NEW until all run. */
  public EventConsumer.State state() {
    if (consumers.isEmpty()) {
      return EventConsumer.State.NEW;
    }
    EventConsumer.State worst = EventConsumer.State.RUNNING;
    for (EventConsumer c : consumers) {
      if (c.state() == EventConsumer.State.FAILED) {
        return EventConsumer.State.FAILED;
      }
      if (c.state() != EventConsumer.State.RUNNING) {
        worst = c.state();
      }
    }
    return worst;
  }

  /** Records behind on the assigned partitions, all consumers together. */
  public long lag() {
    long sum = 0;
    for (EventConsumer c : consumers) {
      sum += c.lag();
    }
    return sum;
  }
}
