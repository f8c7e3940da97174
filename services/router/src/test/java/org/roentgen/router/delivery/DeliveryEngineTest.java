package org.roentgen.router.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.contracts.InstanceDelivery.GaveUp;
import org.roentgen.contracts.InstanceDelivery.Priority;

/**
 * The delivery engine's scheduling, retries, circuit, ledger, holds and shutdown, with destinations
 * in the test that behave as told (the real peers are exercised by the destinations' ITs and the
 * router's end-to-end test).
 */
class DeliveryEngineTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final List<DeliveryEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(e -> e.close(Duration.ofSeconds(5)));
  }

  /** A destination that records what it got and behaves as the test says. */
  static final class Scripted implements Destination {
    interface Behaviour {
      SendResult send(Payload p, int call) throws DeliveryException;
    }

    final String name;
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    final List<String> sentStat = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger probes = new AtomicInteger();
    final AtomicBoolean up = new AtomicBoolean(true);
    volatile Behaviour behaviour = (p, call) -> new SendResult(p.transferSyntaxUid(), 0);

    Scripted(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public SendResult send(Payload payload) throws DeliveryException {
      int call = calls.incrementAndGet();
      if (!up.get()) {
        throw down();
      }
      SendResult r = behaviour.send(payload, call);
      sent.add(payload.sopInstanceUid());
      if (payload.stat()) {
        sentStat.add(payload.sopInstanceUid());
      }
      return r;
    }

    @Override
    public void probe() throws DeliveryException {
      probes.incrementAndGet();
      if (!up.get()) {
        throw down();
      }
    }

    DeliveryException down() {
      return new DeliveryException(FailureCause.CONNECTION, false, null, name + " refused");
    }

    @Override
    public void close() {}
  }

  record Bytes(String sopInstanceUid, String studyInstanceUid, String sha256) implements Payload {
    @Override
    public String sopClassUid() {
      return "1.2.840.10008.5.1.4.1.1.1.1";
    }

    @Override
    public String transferSyntaxUid() {
      return "1.2.840.10008.1.2.1";
    }

    @Override
    public long size() {
      return 4;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(new byte[4]);
    }
  }

  static DeliveryJob job(String sop, String study, Priority priority) {
    return new DeliveryJob(sop, study, priority, () -> new Bytes(sop, study, "h-" + sop));
  }

  static RetryPolicy quickRetries(int attempts) {
    return new RetryPolicy(
        attempts, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofHours(1));
  }

  DeliveryEngine engine(DeliveryLedger ledger, Destination d, QueueSettings s) {
    DeliveryEngine e =
        new DeliveryEngine(
            Map.of(d, s), ledger, Clock.systemUTC(), new Random(1), Duration.ofMillis(20));
    engines.add(e);
    return e;
  }

  static DeliveryOutcome await(CompletableFuture<DeliveryOutcome> f) throws Exception {
    return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void statGoesAheadOfTheRoutineBacklog() throws Exception {
    Scripted pacs = new Scripted("pacs");
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch firstSending = new CountDownLatch(1);
    pacs.behaviour =
        (p, call) -> {
          if (call == 1) {
            firstSending.countDown();
            await(gate); // the destination is slow: the backlog builds up behind the first send
          }
          return new SendResult(p.transferSyntaxUid(), 0);
        };
    DeliveryEngine e =
        engine(
            new InMemoryLedger(),
            pacs,
            new QueueSettings(1, quickRetries(3), BreakerPolicy.defaults()));
    List<CompletableFuture<DeliveryOutcome>> all = new ArrayList<>();
    all.add(e.submit("pacs", job("routine-0", "study-r", Priority.ROUTINE), null));
    assertThat(firstSending.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i < 20; i++) {
      all.add(e.submit("pacs", job("routine-" + i, "study-r", Priority.ROUTINE), null));
    }
    all.add(e.submit("pacs", job("stat-1", "study-s", Priority.STAT), null));
    gate.countDown();
    for (CompletableFuture<DeliveryOutcome> f : all) {
      assertThat(await(f).delivered()).isTrue();
    }
    // routine-0 was already being sent when the STAT study came; the STAT one is next.
    assertThat(pacs.sent.subList(0, 2)).containsExactly("routine-0", "stat-1");
    assertThat(pacs.sent).hasSize(21);
  }

  private static void await(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  /** A STAT job's payload reaches the destination marked STAT (C-STORE priority HIGH). */
  @Test
  void aStatJobsPayloadIsMarkedStat() throws Exception {
    Scripted pacs = new Scripted("pacs");
    DeliveryEngine e =
        engine(
            new InMemoryLedger(),
            pacs,
            new QueueSettings(1, quickRetries(3), BreakerPolicy.defaults()));
    await(e.submit("pacs", job("routine", "s", Priority.ROUTINE), null));
    await(e.submit("pacs", job("stat", "s", Priority.STAT), null));
    assertThat(pacs.sent).containsExactly("routine", "stat");
    assertThat(pacs.sentStat).containsExactly("stat");
  }

  @Test
  void transientFailuresAreRetriedUntilDelivered() throws Exception {
    Scripted pacs = new Scripted("pacs");
    pacs.behaviour =
        (p, call) -> {
          if (call <= 3) {
            throw new DeliveryException(FailureCause.OUT_OF_RESOURCES, false, 0xA700, "full");
          }
          return new SendResult(p.transferSyntaxUid(), 0);
        };
    DeliveryEngine e =
        engine(
            new InMemoryLedger(),
            pacs,
            new QueueSettings(1, quickRetries(5), BreakerPolicy.defaults()));
    DeliveryOutcome o = await(e.submit("pacs", job("a", "s", Priority.ROUTINE), null));
    assertThat(o.delivered()).isTrue();
    assertThat(o.attempts()).isEqualTo(4);
    DestinationStatus s = e.status("pacs");
    assertThat(s.retried()).isEqualTo(3);
    assertThat(s.failedAttempts()).isEqualTo(3);
    assertThat(s.delivered()).isEqualTo(1);
    assertThat(s.depth()).isZero();
  }

  @Test
  void aPermanentFailureGivesUpAtOnce() throws Exception {
    Scripted pacs = new Scripted("pacs");
    pacs.behaviour =
        (p, call) -> {
          throw new DeliveryException(FailureCause.DATA_SET_MISMATCH, true, 0xA900, "mismatch");
        };
    DeliveryEngine e =
        engine(
            new InMemoryLedger(),
            pacs,
            new QueueSettings(1, quickRetries(5), BreakerPolicy.defaults()));
    DeliveryOutcome o = await(e.submit("pacs", job("a", "s", Priority.ROUTINE), null));
    assertThat(o.delivered()).isFalse();
    assertThat(o.gaveUp()).isEqualTo(GaveUp.PERMANENT);
    assertThat(o.attempts()).isEqualTo(1);
    assertThat(o.failure().failureCause()).isEqualTo(FailureCause.DATA_SET_MISMATCH);
    assertThat(o.failure().status()).isEqualTo(0xA900);
    assertThat(e.status("pacs").deadLettered()).isEqualTo(1);
  }

  @Test
  void theAttemptLimitEndsTheRetries() throws Exception {
    Scripted pacs = new Scripted("pacs");
    pacs.behaviour =
        (p, call) -> {
          throw new DeliveryException(FailureCause.TIMEOUT, false, null, "no answer");
        };
    DeliveryEngine e =
        engine(
            new InMemoryLedger(),
            pacs,
            new QueueSettings(
                1, quickRetries(3), new BreakerPolicy(100, Duration.ZERO, Duration.ZERO)));
    DeliveryOutcome o = await(e.submit("pacs", job("a", "s", Priority.ROUTINE), null));
    assertThat(o.gaveUp()).isEqualTo(GaveUp.ATTEMPTS);
    assertThat(o.attempts()).isEqualTo(3);
    assertThat(pacs.calls.get()).isEqualTo(3);
  }

  @Test
  void theAgeLimitEndsTheWait() throws Exception {
    Scripted pacs = new Scripted("pacs");
    pacs.behaviour =
        (p, call) -> {
          throw new DeliveryException(FailureCause.TIMEOUT, false, null, "no answer");
        };
    RetryPolicy shortLife =
        new RetryPolicy(1000, Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(150));
    DeliveryEngine e =
        engine(
            new InMemoryLedger(),
            pacs,
            new QueueSettings(1, shortLife, new BreakerPolicy(1000, Duration.ZERO, Duration.ZERO)));
    DeliveryOutcome o = await(e.submit("pacs", job("a", "s", Priority.ROUTINE), null));
    assertThat(o.gaveUp()).isEqualTo(GaveUp.AGE);
    assertThat(o.attempts()).isBetween(1, 999);
    assertThat(o.failure().failureCause()).isEqualTo(FailureCause.TIMEOUT);
  }

  @Test
  void anOpenCircuitHoldsDeliveriesWithoutUsingAttemptsAndAProbeReopensIt() throws Exception {
    Scripted pacs = new Scripted("pacs");
    pacs.up.set(false);
    DeliveryEngine e =
        engine(
            new InMemoryLedger(),
            pacs,
            new QueueSettings(
                2,
                new RetryPolicy(
                    4, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofHours(1)),
                new BreakerPolicy(2, Duration.ofMillis(50), Duration.ofMillis(100))));
    List<CompletableFuture<DeliveryOutcome>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(e.submit("pacs", job("i" + i, "s", Priority.ROUTINE), null));
    }
    // The circuit opens after two failures and probes keep failing while the peer is down.
    long until = System.nanoTime() + WAIT.toNanos();
    while (pacs.probes.get() < 3 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(pacs.probes.get()).isGreaterThanOrEqualTo(3);
    assertThat(e.status("pacs").circuit()).isIn("OPEN", "HALF_OPEN");
    int callsWhileDown = pacs.calls.get();
    // Only the attempts before the circuit opened were made: the jobs wait, they are not used up.
    assertThat(callsWhileDown).isLessThan(10);
    pacs.up.set(true);
    for (CompletableFuture<DeliveryOutcome> f : all) {
      assertThat(await(f).delivered()).isTrue();
    }
    assertThat(pacs.sent).hasSize(10);
    assertThat(e.status("pacs").circuit()).isEqualTo("CLOSED");
  }

  /**
   * The object store failing while payloads are made says nothing about the destination: the
   * instances are retried, and the destination's circuit stays closed for the others.
   */
  @Test
  void objectStoreFailuresAreRetriedWithoutOpeningTheDestinationsCircuit() throws Exception {
    Scripted pacs = new Scripted("pacs");
    DeliveryEngine e =
        engine(
            new InMemoryLedger(),
            pacs,
            new QueueSettings(
                1,
                quickRetries(10),
                new BreakerPolicy(2, Duration.ofHours(1), Duration.ofHours(1))));
    AtomicInteger reads = new AtomicInteger();
    DeliveryJob flaky =
        new DeliveryJob(
            "flaky",
            "s",
            Priority.ROUTINE,
            () -> {
              if (reads.incrementAndGet() <= 4) {
                throw new DeliveryException(
                    FailureCause.OBJECT_STORE, false, null, "object store unavailable");
              }
              return new Bytes("flaky", "s", "h-flaky");
            });
    CompletableFuture<DeliveryOutcome> f = e.submit("pacs", flaky, null);
    DeliveryOutcome o = await(f);
    assertThat(o.delivered()).isTrue();
    assertThat(reads.get()).isEqualTo(5);
    assertThat(e.status("pacs").circuit())
        .as("four object store failures, over the threshold of two, left the circuit closed")
        .isEqualTo("CLOSED");
    assertThat(await(e.submit("pacs", job("other", "s", Priority.ROUTINE), null)).delivered())
        .isTrue();
    assertThat(pacs.probes.get()).as("no probe: the circuit never opened").isZero();
    assertThat(pacs.sent).containsExactly("flaky", "other");
  }

  @Test
  void theLedgerSparesWhatTheDestinationAlreadyConfirmed() throws Exception {
    InMemoryLedger ledger = new InMemoryLedger();
    Scripted pacs = new Scripted("pacs");
    DeliveryEngine e =
        engine(ledger, pacs, new QueueSettings(1, quickRetries(3), BreakerPolicy.defaults()));
    assertThat(await(e.submit("pacs", job("a", "s", Priority.ROUTINE), null)).duplicate())
        .isFalse();
    DeliveryOutcome again = await(e.submit("pacs", job("a", "s", Priority.ROUTINE), null));
    assertThat(again.delivered()).isTrue();
    assertThat(again.duplicate()).isTrue();
    assertThat(pacs.sent).containsExactly("a");
    // New content under the same SOP Instance UID is sent.
    DeliveryJob changed =
        new DeliveryJob("a", "s", Priority.ROUTINE, () -> new Bytes("a", "s", "other-hash"));
    assertThat(await(e.submit("pacs", changed, null)).duplicate()).isFalse();
    assertThat(pacs.sent).containsExactly("a", "a");
    assertThat(ledger.lookup("a", "pacs").orElseThrow().sha256()).isEqualTo("other-hash");
  }

  @Test
  void aPausedDestinationTakesNothingUntilResumed() throws Exception {
    Scripted pacs = new Scripted("pacs");
    DeliveryEngine e =
        engine(
            new InMemoryLedger(),
            pacs,
            new QueueSettings(1, quickRetries(3), BreakerPolicy.defaults()));
    e.pause("pacs");
    CompletableFuture<DeliveryOutcome> f = e.submit("pacs", job("a", "s", Priority.ROUTINE), null);
    Thread.sleep(200);
    assertThat(f).isNotDone();
    assertThat(e.status("pacs").paused()).isTrue();
    assertThat(e.status("pacs").ready()).isEqualTo(1);
    e.resume("pacs");
    assertThat(await(f).delivered()).isTrue();
  }

  @Test
  void aHeldStudyGoesWhenItHasBeenQuiet() throws Exception {
    Scripted pacs = new Scripted("pacs");
    DeliveryEngine e =
        engine(
            new InMemoryLedger(),
            pacs,
            new QueueSettings(1, quickRetries(3), BreakerPolicy.defaults()));
    Duration quiet = Duration.ofMillis(400);
    CompletableFuture<DeliveryOutcome> first =
        e.submit("pacs", job("a", "s1", Priority.ROUTINE), quiet);
    Thread.sleep(250);
    // Another instance of the study keeps it from being quiet.
    CompletableFuture<DeliveryOutcome> second =
        e.submit("pacs", job("b", "s1", Priority.ROUTINE), quiet);
    Thread.sleep(250);
    assertThat(first).isNotDone();
    assertThat(e.held()).isEqualTo(2);
    assertThat(await(first).delivered()).isTrue();
    assertThat(await(second).delivered()).isTrue();
    assertThat(pacs.sent).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void closingHandsBackWhatWasNotDeliveredAndLetsTheSendInFlightFinish() throws Exception {
    Scripted pacs = new Scripted("pacs");
    CountDownLatch sending = new CountDownLatch(1);
    pacs.behaviour =
        (p, call) -> {
          sending.countDown();
          try {
            Thread.sleep(300);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
          return new SendResult(p.transferSyntaxUid(), 0);
        };
    DeliveryEngine e =
        new DeliveryEngine(
            Map.of(pacs, new QueueSettings(1, quickRetries(3), BreakerPolicy.defaults())),
            new InMemoryLedger(),
            Clock.systemUTC(),
            new Random(1),
            Duration.ofMillis(20));
    CompletableFuture<DeliveryOutcome> inFlight =
        e.submit("pacs", job("a", "s", Priority.ROUTINE), null);
    CompletableFuture<DeliveryOutcome> queued =
        e.submit("pacs", job("b", "s", Priority.ROUTINE), null);
    CompletableFuture<DeliveryOutcome> held =
        e.submit("pacs", job("c", "s2", Priority.ROUTINE), Duration.ofHours(1));
    assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
    e.close(Duration.ofSeconds(10));
    assertThat(await(inFlight).delivered()).isTrue();
    assertThatThrownBy(() -> queued.get(1, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(HandedBackException.class);
    assertThatThrownBy(() -> held.get(1, TimeUnit.SECONDS))
        .hasCauseInstanceOf(HandedBackException.class);
    assertThat(pacs.sent).containsExactly("a");
  }

  @Test
  void aPoolFailsOverAndKeepsStudiesTogether() throws Exception {
    Scripted primary = new Scripted("primary");
    Scripted fallback = new Scripted("fallback");
    DestinationPool failover =
        new DestinationPool(
            "pacs",
            DestinationPool.Mode.FAILOVER,
            List.of(primary, fallback),
            Duration.ofMinutes(1),
            Clock.systemUTC());
    failover.send(new Bytes("a", "s", "h"));
    primary.up.set(false);
    failover.send(new Bytes("b", "s", "h"));
    failover.send(new Bytes("c", "s", "h"));
    assertThat(primary.sent).containsExactly("a");
    assertThat(fallback.sent).containsExactly("b", "c");
    // The failed primary is passed over while it cools down: one refused call, not one per send.
    assertThat(primary.calls.get()).isEqualTo(2);

    Scripted one = new Scripted("one");
    Scripted two = new Scripted("two");
    DestinationPool shared =
        new DestinationPool(
            "readers",
            DestinationPool.Mode.SHARED,
            List.of(one, two),
            Duration.ofMinutes(1),
            Clock.systemUTC());
    for (int study = 0; study < 20; study++) {
      for (int i = 0; i < 3; i++) {
        shared.send(new Bytes("s" + study + "-" + i, "study-" + study, "h"));
      }
    }
    assertThat(one.sent).isNotEmpty();
    assertThat(two.sent).isNotEmpty();
    for (int study = 0; study < 20; study++) {
      String prefix = "s" + study + "-";
      long atOne = one.sent.stream().filter(s -> s.startsWith(prefix)).count();
      assertThat(atOne).as("study %d stays on one member", study).isIn(0L, 3L);
    }
  }
}
