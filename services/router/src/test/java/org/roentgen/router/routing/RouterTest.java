package org.roentgen.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceDelivery;
import org.roentgen.contracts.InstanceDelivery.Outcome;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceReleased;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.dicom.deid.SiteKey;
import org.roentgen.router.delivery.BreakerPolicy;
import org.roentgen.router.delivery.DeliveryEngine;
import org.roentgen.router.delivery.Destination;
import org.roentgen.router.delivery.InMemoryLedger;
import org.roentgen.router.delivery.Payload;
import org.roentgen.router.delivery.QueueSettings;
import org.roentgen.router.delivery.RetryPolicy;
import org.roentgen.router.delivery.SendResult;
import org.roentgen.router.messaging.DeliveryPublisher;
import org.roentgen.router.messaging.RoutedEvent;
import org.roentgen.router.payload.PayloadFactory;
import org.roentgen.router.rules.RoutingDecision;
import org.roentgen.router.rules.RuleFileParser;
import org.roentgen.router.rules.RuleSet;
import org.roentgen.router.rules.RuleSource;
import org.roentgen.router.testing.StubObjectStore;

/**
 * The router's choice between the two decisions: a released instance is decided without the
 * quarantine rules and the FAIL default, and what it sends says it was released. The destination,
 * the object store and Kafka are stand-ins here; RouterRulesIT runs the same path on the real
 * servers.
 */
class RouterTest {
  private static final Instant NOW = Instant.parse("2024-05-15T10:00:00Z");
  private static final String RULES =
      """
      rules:
        - id: hold-blurred
          match: {findings: [blur]}
          actions: {quarantine: "blurred: check before reading"}
          final: true
        - id: dx-to-pacs
          match: {Modality: DX}
          actions: {sendTo: [pacs]}
      """;

  private final List<DeliveryEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(e -> e.close(Duration.ofSeconds(5)));
  }

  private static RuleSet rules(String yaml) throws Exception {
    return new RuleFileParser(Set.of("pacs"), ZoneOffset.UTC)
        .parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
  }

  private static InstanceReceived instance(String modality, String sha256, int version)
      throws Exception {
    JsonNode header =
        EventJson.mapper()
            .readTree("{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"" + modality + "\"]}}");
    return new InstanceReceived(
        "1.2.3.4.5",
        "1.2.840.10008.5.1.4.1.1.1.1",
        "1.2.3.4",
        "1.2.3.4.1",
        "1.2.840.10008.1.2.1",
        modality,
        new InstanceReceived.StoredObject("dicom", "k-v" + version, 10, sha256, version),
        null,
        new InstanceReceived.Source(
            InstanceReceived.Protocol.DIMSE, "DX1", "ROENTGEN", "10.0.0.1:4000", "ingest-1"),
        header,
        null,
        NOW.minusSeconds(60));
  }

  private static InstanceQc.Qc qc(InstanceQc.Verdict verdict, String finding) {
    Severity s = verdict == InstanceQc.Verdict.FAIL ? Severity.FAIL : Severity.WARN;
    return new InstanceQc.Qc(
        verdict,
        null,
        Map.of(),
        List.of(new InstanceQc.Finding(finding, s, null, null, null, null, "m")),
        null,
        null,
        "checks",
        NOW,
        "analyser-1",
        null);
  }

  private static InstanceValidated.Validation passed() {
    return new InstanceValidated.Validation(
        InstanceValidated.Verdict.PASS,
        List.of(),
        InstanceValidated.Order.of(InstanceValidated.OrderStatus.MATCHED),
        "rules",
        NOW,
        "validator-1");
  }

  private static InstanceReleased.Release release(boolean corrected) {
    return new InstanceReleased.Release(
        "q-1",
        "tech.mlopez",
        "checked",
        NOW,
        corrected
            ? List.of(new InstanceReleased.Correction("ImageLaterality", "00200062"))
            : List.of());
  }

  private static RoutedEvent failed(String id, InstanceReceived i, InstanceReleased.Release r) {
    return new RoutedEvent(id, "t", i, passed(), qc(InstanceQc.Verdict.FAIL, "foreign-object"), r);
  }

  @Test
  void aReleasedInstanceIsDecidedWithoutQuarantine() throws Exception {
    RuleSet rules = rules(RULES);
    InstanceReceived dx = instance("DX", "00".repeat(32), 1);
    // FAIL verdict: the default quarantines; released, the rules send it.
    assertThat(Router.decide(rules, failed("e-1", dx, null), NOW))
        .isInstanceOf(RoutingDecision.Quarantine.class);
    assertThat(Router.decide(rules, failed("e-2", dx, release(false)), NOW))
        .isInstanceOfSatisfying(
            RoutingDecision.Deliver.class,
            d -> assertThat(d.matchedRules()).containsExactly("dx-to-pacs"));
    // A final quarantine rule: skipped for a release, so it neither holds nor stops the rest.
    RoutedEvent blurred =
        new RoutedEvent("e-3", "t", dx, passed(), qc(InstanceQc.Verdict.WARN, "blur"), null);
    assertThat(Router.decide(rules, blurred, NOW)).isInstanceOf(RoutingDecision.Quarantine.class);
    RoutedEvent blurredReleased =
        new RoutedEvent(
            "e-4", "t", dx, passed(), qc(InstanceQc.Verdict.WARN, "blur"), release(false));
    assertThat(Router.decide(rules, blurredReleased, NOW))
        .isInstanceOf(RoutingDecision.Deliver.class);
    // Released and sent nowhere by the rules: no route, never a quarantine again.
    assertThat(
            Router.decide(
                rules, failed("e-5", instance("CT", "00".repeat(32), 1), release(false)), NOW))
        .isInstanceOf(RoutingDecision.NoRoute.class);
  }

  @Test
  void aReleasedInstanceIsDeliveredOnceAndItsEventsSaySo() throws Exception {
    Recording pacs = new Recording();
    MockProducer<String, byte[]> kafka =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Router router = router(pacs, kafka, registry);

    InstanceReceived original = instance("DX", "aa".repeat(32), 1);
    router.route(failed("e-1", original, null)).get(20, TimeUnit.SECONDS);
    assertThat(pacs.sent).isEmpty();
    assertThat(outcomes(kafka)).containsExactly("QUARANTINED:false");

    // Released with a correction: the corrected version is sent, its event carries the release.
    InstanceReceived corrected = instance("DX", "bb".repeat(32), 2);
    router.route(failed("e-2", corrected, release(true))).get(20, TimeUnit.SECONDS);
    assertThat(pacs.sent).containsExactly("bb".repeat(32));
    InstanceDelivery delivered = last(kafka);
    assertThat(delivered.delivery().outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(delivered.release()).isEqualTo(release(true));
    assertThat(delivered.delivery().sent().duplicate()).isFalse();

    // The same release again (a redelivery or a second click): the ledger spares the send.
    router.route(failed("e-3", corrected, release(true))).get(20, TimeUnit.SECONDS);
    assertThat(pacs.sent).hasSize(1);
    assertThat(last(kafka).delivery().sent().duplicate()).isTrue();
    assertThat(last(kafka).released()).isTrue();

    // Released, but no rule sends a CT anywhere: no route, counted, nothing published.
    int published = kafka.history().size();
    router
        .route(failed("e-4", instance("CT", "cc".repeat(32), 1), release(false)))
        .get(20, TimeUnit.SECONDS);
    assertThat(kafka.history()).hasSize(published);
    assertThat(registry.counter("roentgen.router.unrouted").count()).isEqualTo(1.0);
    assertThat(registry.counter("roentgen.router.released").count()).isEqualTo(3.0);
    assertThat(registry.counter("roentgen.router.quarantined").count()).isEqualTo(1.0);
  }

  private Router router(
      Destination pacs, MockProducer<String, byte[]> kafka, SimpleMeterRegistry registry)
      throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    RetryPolicy once =
        new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofHours(1));
    DeliveryEngine engine =
        new DeliveryEngine(
            Map.of(pacs, new QueueSettings(1, once, BreakerPolicy.defaults())),
            new InMemoryLedger(),
            Clock.systemUTC(),
            new Random(1),
            Duration.ofSeconds(1));
    engines.add(engine);
    return new Router(
        RuleSource.of(rules(RULES)),
        engine,
        new PayloadFactory(StubObjectStore.holding(10)),
        new Transforms(SiteKey.of("0123456789abcdef0123456789abcdef"), List.of()),
        new DeliveryPublisher(kafka, "dicom.instance.delivery.v1", "/test", clock),
        null,
        new RouterMetrics(registry, engine),
        clock,
        "router-test");
  }

  private static List<String> outcomes(MockProducer<String, byte[]> kafka) throws Exception {
    List<String> out = new ArrayList<>();
    for (ProducerRecord<String, byte[]> r : kafka.history()) {
      InstanceDelivery d = EventJson.mapper().readValue(r.value(), InstanceDelivery.class);
      out.add(d.delivery().outcome() + ":" + d.released());
    }
    return out;
  }

  private static InstanceDelivery last(MockProducer<String, byte[]> kafka) throws Exception {
    List<ProducerRecord<String, byte[]>> h = kafka.history();
    return EventJson.mapper().readValue(h.get(h.size() - 1).value(), InstanceDelivery.class);
  }

  /** A destination that confirms everything and records the content hashes it got. */
  private static final class Recording implements Destination {
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "pacs";
    }

    @Override
    public SendResult send(Payload payload) {
      sent.add(payload.sha256());
      return new SendResult(payload.transferSyntaxUid(), 0);
    }

    @Override
    public void probe() {}

    @Override
    public void close() {}
  }
}
