package org.roentgen.router;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.dicom.deid.SiteKey;
import org.roentgen.platform.events.AsyncConsumerSettings;
import org.roentgen.platform.events.AsyncEventConsumer;
import org.roentgen.platform.events.CompactedView;
import org.roentgen.platform.events.ConsumerSettings;
import org.roentgen.platform.events.EventConsumer;
import org.roentgen.platform.events.EventDecodeException;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.router.config.RouterBeans;
import org.roentgen.router.config.RouterConfig;
import org.roentgen.router.config.RouterParts;
import org.roentgen.router.delivery.DeliveryEngine;
import org.roentgen.router.delivery.Destination;
import org.roentgen.router.delivery.QueueSettings;
import org.roentgen.router.messaging.DeliveryPublisher;
import org.roentgen.router.messaging.RoutedEvent;
import org.roentgen.router.payload.PayloadFactory;
import org.roentgen.router.routing.Router;
import org.roentgen.router.routing.RouterMetrics;
import org.roentgen.router.routing.Transforms;
import org.roentgen.router.rules.RuleFileParser;
import org.roentgen.router.rules.RuleReloader;
import org.roentgen.router.storage.DeadLetterStore;
import org.roentgen.router.storage.KafkaLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's life: at start the destinations and the rules (an invalid rule file or destination
 * stops the service with the errors), then, in the background and retried while Kafka is away, the
 * ledger and the dead letters are read back and the input topic and the release topic are consumed
 * (two consumers, each in its own group, sharing the router and its delivery engine). At shutdown
 * both consumers stop taking events, deliveries in flight get {@code
 * router.engine.shutdown-timeout} to finish, everything else is handed back (its events stay
 * uncommitted and are consumed again).
 */
@Singleton
public class RouterService {
  private static final Logger LOG = LoggerFactory.getLogger(RouterService.class);
  private static final Duration MAX_START_WAIT = Duration.ofSeconds(30);

  /** The release topic's consumer group (and client id) is the input's with this suffix. */
  static final String RELEASE_GROUP_SUFFIX = ".release";

  private final RouterConfig config;
  private final ObjectStore store;
  private final Producer<String, byte[]> producer;
  private final MeterRegistry registry;
  private final Clock clock = Clock.systemUTC();
  private volatile DeliveryEngine engine;
  private volatile RuleReloader rules;
  private volatile Router router;
  private volatile DeadLetterStore deadLetters;
  private volatile KafkaLedger ledger;
  private volatile AsyncEventConsumer consumer;
  private volatile AsyncEventConsumer releaseConsumer;
  private CompactedView ledgerView;
  private CompactedView deadLetterView;
  private Set<String> destinationNames;
  private volatile boolean stopping;
  private Thread starter;

  public RouterService(
      RouterConfig config,
      ObjectStore store,
      Producer<String, byte[]> producer,
      MeterRegistry registry) {
    this.config = config;
    this.store = store;
    this.producer = producer;
    this.registry = registry;
  }

  void start(@Observes StartupEvent e) throws Exception {
    Map<Destination, QueueSettings> queues = RouterParts.queues(config, clock);
    destinationNames = new LinkedHashSet<>();
    queues.keySet().forEach(d -> destinationNames.add(d.name()));
    engine =
        new DeliveryEngine(
            queues, new LazyLedger(), clock, new Random(), config.engine().holdTick());
    ZoneId zone = config.rules().zone().map(ZoneId::of).orElse(ZoneId.systemDefault());
    rules =
        RuleReloader.open(
            config.rules().file(),
            new RuleFileParser(destinationNames, zone),
            clock,
            RouterParts.ruleLogger());
    rules.start(config.rules().reloadInterval());
    starter = new Thread(this::connectThenConsume, "router-start");
    starter.setDaemon(true);
    starter.start();
    LOG.info(
        "routing {} and releases from {} to {} destination(s) {} with rules {}",
        config.kafka().inputTopic(),
        config.kafka().releaseTopic(),
        destinationNames.size(),
        destinationNames,
        config.rules().file());
  }

  private void connectThenConsume() {
    Duration wait = Duration.ofSeconds(1);
    RouterConfig.Kafka k = config.kafka();
    while (!stopping) {
      try {
        if (ledgerView == null) {
          CompactedView v =
              new CompactedView(
                  k.bootstrapServers(), k.ledgerTopic(), producer, k.publishTimeout());
          v.start();
          ledgerView = v;
        }
        if (deadLetterView == null) {
          CompactedView v =
              new CompactedView(
                  k.bootstrapServers(), k.deadLetterTopic(), producer, k.publishTimeout());
          v.start();
          deadLetterView = v;
        }
        break;
      } catch (Exception ex) {
        LOG.warn(
            "ledger and dead letters not read back yet, retried in {}: {}", wait, ex.toString());
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException ie) {
          return;
        }
        wait =
            wait.multipliedBy(2).compareTo(MAX_START_WAIT) > 0
                ? MAX_START_WAIT
                : wait.multipliedBy(2);
      }
    }
    synchronized (this) {
      if (stopping) {
        return;
      }
      ledger = new KafkaLedger(ledgerView);
      deadLetters = new DeadLetterStore(deadLetterView);
      String source = "/roentgen/" + RouterBeans.SERVICE + "/" + RouterBeans.instanceName();
      RouterMetrics metrics = new RouterMetrics(registry, engine);
      router =
          new Router(
              rules,
              engine,
              new PayloadFactory(store, clock, config.s3().missingGrace()),
              new Transforms(
                  SiteKey.of(config.deidentify().siteKey()),
                  config.deidentify().safePrivateCreators().orElse(List.of())),
              new DeliveryPublisher(producer, k.outputTopic(), source, clock),
              deadLetters,
              metrics,
              clock,
              RouterBeans.instanceName());
      String client = RouterBeans.SERVICE + "-" + RouterBeans.instanceName();
      consumer = consumer(k.groupId(), client, k.inputTopic(), RoutedEvent::decode);
      releaseConsumer =
          consumer(
              k.groupId() + RELEASE_GROUP_SUFFIX,
              client + RELEASE_GROUP_SUFFIX,
              k.releaseTopic(),
              RoutedEvent::decodeReleased);
      consumerGauges(consumer, "input");
      consumerGauges(releaseConsumer, "release");
      Gauge.builder("roentgen.router.dead.letters", deadLetters, DeadLetterStore::size)
          .description("dead-letter records waiting for a re-drive")
          .register(registry);
      consumer.start();
      releaseConsumer.start();
    }
  }

  /** A decoder of one topic's records into the events the router routes. */
  @FunctionalInterface
  private interface Decoder {
    RoutedEvent decode(ConsumerRecord<String, byte[]> record) throws EventDecodeException;
  }

  /** A consumer of {@code topic} whose records are decoded and routed by the one router. */
  private AsyncEventConsumer consumer(String group, String client, String topic, Decoder decoder) {
    RouterConfig.Kafka k = config.kafka();
    return new AsyncEventConsumer(
        ConsumerSettings.of(k.bootstrapServers(), group, client)
            .withSessionTimeout(k.sessionTimeout())
            .withRetryBackoff(k.retryBackoff(), k.retryMaxBackoff()),
        AsyncConsumerSettings.defaults()
            .withMaxInFlight(k.maxInFlight(), k.maxInFlight() / 2)
            .withCommitInterval(k.commitInterval()),
        topic,
        record -> router.route(decoder.decode(record)),
        new EventConsumer.Listener() {},
        new EventConsumer.PartitionListener() {});
  }

  /**
   * The consumer's lag and in-flight gauges and its dead letters (records that are not an event of
   * the topic, sent to {@code <topic>.dlq}), tagged {@code consumer=input|release}.
   */
  private void consumerGauges(AsyncEventConsumer c, String which) {
    FunctionCounter.builder(
            "roentgen.router.consumer.dead.letters", c, AsyncEventConsumer::deadLetteredCount)
        .tag("consumer", which)
        .description("records sent to the input topic's dead-letter topic")
        .register(registry);
    Gauge.builder("roentgen.router.consumer.lag", c, AsyncEventConsumer::lag)
        .tag("consumer", which)
        .description("events not yet taken (records behind, assigned partitions)")
        .register(registry);
    Gauge.builder("roentgen.router.consumer.in.flight", c, AsyncEventConsumer::inFlightCount)
        .tag("consumer", which)
        .description("events taken and not yet committable (unfinished, or finished behind one)")
        .register(registry);
  }

  void stop(@Observes ShutdownEvent e) {
    Duration timeout = config.engine().shutdownTimeout();
    List<AsyncEventConsumer> consumers = new ArrayList<>(2);
    synchronized (this) {
      stopping = true;
      if (consumer != null) {
        consumers.add(consumer);
      }
      if (releaseConsumer != null) {
        consumers.add(releaseConsumer);
      }
    }
    // Both consumers stop taking events and wait for their records in work while the engine
    // finishes or hands back its deliveries: what is handed back stays uncommitted in either.
    List<Thread> closing = new ArrayList<>(2);
    for (AsyncEventConsumer c : consumers) {
      Thread t =
          new Thread(() -> c.close(timeout.plusSeconds(5)), "router-consumer-close-" + c.topic());
      t.start();
      closing.add(t);
    }
    if (engine != null) {
      engine.close(timeout);
    }
    for (Thread t : closing) {
      try {
        t.join();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    }
    if (rules != null) {
      rules.close();
    }
    if (ledgerView != null) {
      ledgerView.close();
    }
    if (deadLetterView != null) {
      deadLetterView.close();
    }
    LOG.info("router stopped");
  }

  public DeliveryEngine engine() {
    return engine;
  }

  public RuleReloader rules() {
    return rules;
  }

  /** The router, or null while Kafka has not been reached yet. */
  public Router router() {
    return router;
  }

  /** The dead letters, or null while Kafka has not been reached yet. */
  public DeadLetterStore deadLetters() {
    return deadLetters;
  }

  /** The consumer of the input topic, or null while Kafka has not been reached yet. */
  public AsyncEventConsumer consumer() {
    return consumer;
  }

  /** The consumer of the release topic, or null while Kafka has not been reached yet. */
  public AsyncEventConsumer releaseConsumer() {
    return releaseConsumer;
  }

  public Set<String> destinationNames() {
    return destinationNames;
  }

  public RouterConfig config() {
    return config;
  }

  /** The ledger, which exists only once Kafka was reached; the engine asks it at each send. */
  private final class LazyLedger implements org.roentgen.router.delivery.DeliveryLedger {
    @Override
    public java.util.Optional<Entry> lookup(String sopInstanceUid, String destination) {
      KafkaLedger l = ledger;
      return l == null ? java.util.Optional.empty() : l.lookup(sopInstanceUid, destination);
    }

    @Override
    public void confirmed(
        String sopInstanceUid, String destination, String sha256, java.time.Instant at)
        throws Exception {
      KafkaLedger l = ledger;
      if (l == null) {
        throw new IllegalStateException("the ledger is not read back yet");
      }
      l.confirmed(sopInstanceUid, destination, sha256, at);
    }
  }
}
