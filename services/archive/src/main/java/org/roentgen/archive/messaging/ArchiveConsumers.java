package org.roentgen.archive.messaging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.roentgen.archive.config.ArchiveBeans;
import org.roentgen.archive.config.ArchiveConfig;
import org.roentgen.archive.index.IndexedEvent;
import org.roentgen.archive.index.Indexer;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.events.ConsumerSettings;
import org.roentgen.platform.events.EventConsumer;
import org.roentgen.platform.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's Kafka side: one consumer per pipeline topic, each in a group of its own ({@code
 * <group>-received}, {@code <group>-validated}, ...), each applying its events to the index.
 * Started with the application; at shutdown each finishes the event in hand and commits.
 */
@Singleton
public class ArchiveConsumers {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveConsumers.class);

  private final ArchiveConfig config;
  private final Indexer indexer;
  private final MeterRegistry registry;
  private final Map<IndexedEvent.Kind, EventConsumer> consumers =
      new EnumMap<>(IndexedEvent.Kind.class);

  public ArchiveConsumers(ArchiveConfig config, Indexer indexer, MeterRegistry registry) {
    this.config = config;
    this.indexer = indexer;
    this.registry = registry;
  }

  synchronized void start(@Observes StartupEvent e) {
    ArchiveConfig.Kafka k = config.kafka();
    start(IndexedEvent.Kind.RECEIVED, k.receivedTopic(), Topics.INSTANCE_RECEIVED);
    start(IndexedEvent.Kind.VALIDATED, k.validatedTopic(), Topics.INSTANCE_VALIDATED);
    start(IndexedEvent.Kind.QC, k.qcTopic(), Topics.INSTANCE_QC);
    start(IndexedEvent.Kind.DELIVERY, k.deliveryTopic(), Topics.INSTANCE_DELIVERY);
    start(IndexedEvent.Kind.RELEASED, k.releasedTopic(), Topics.INSTANCE_RELEASED);
  }

  private void start(IndexedEvent.Kind kind, String topic, Topics contract) {
    ArchiveConfig.Kafka k = config.kafka();
    String name = kind.name().toLowerCase(Locale.ROOT);
    String client = ArchiveBeans.SERVICE + "-" + ArchiveBeans.instanceName() + "-" + name;
    ConsumerSettings settings =
        ConsumerSettings.of(k.bootstrapServers(), k.groupId() + "-" + name, client)
            .withSessionTimeout(k.sessionTimeout())
            .withRetryBackoff(k.retryBackoff(), k.retryMaxBackoff());
    EventConsumer consumer =
        new EventConsumer(
            settings, topic, new IndexHandler(kind, contract.eventType(), indexer, registry));
    Gauge.builder(MetricNames.name("archive", "consumer_lag"), consumer, EventConsumer::lag)
        .description("Events of the topic not yet in the index (records behind)")
        .tag("topic", name)
        .register(registry);
    FunctionCounter.builder(
            MetricNames.name("archive", "dead_letters"), consumer, EventConsumer::deadLetteredCount)
        .description("Records of the topic sent to its dead-letter topic (not an event of it)")
        .tag("topic", name)
        .register(registry);
    consumers.put(kind, consumer);
    consumer.start();
    LOG.info("indexing {} as group {}", topic, settings.groupId());
  }

  synchronized void stop(@Observes ShutdownEvent e) {
    List<EventConsumer> all = new ArrayList<>(consumers.values());
    all.parallelStream().forEach(c -> c.close(EventConsumer.DEFAULT_CLOSE_TIMEOUT));
  }

  /** The worst state of the consumers, for the health checks: FAILED if any failed. */
  public synchronized EventConsumer.State state() {
    EventConsumer.State worst = EventConsumer.State.RUNNING;
    if (consumers.isEmpty()) {
      return EventConsumer.State.NEW;
    }
    for (EventConsumer c : consumers.values()) {
      if (c.state() == EventConsumer.State.FAILED) {
        return EventConsumer.State.FAILED;
      }
      if (c.state() != EventConsumer.State.RUNNING) {
        worst = c.state();
      }
    }
    return worst;
  }

  /** Events not yet indexed, summed over the topics. */
  public synchronized long lag() {
    return consumers.values().stream().mapToLong(EventConsumer::lag).sum();
  }
}
