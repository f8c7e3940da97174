package org.roentgen.router.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.roentgen.router.it.Arrivals.assertSameDataset;
import static org.roentgen.router.it.Arrivals.assertSentAsStored;
import static org.roentgen.router.it.Arrivals.inOrthanc;
import static org.roentgen.router.it.Arrivals.valid;
import static org.roentgen.router.it.Instances.Kind.CR;
import static org.roentgen.router.it.Instances.Kind.CT;
import static org.roentgen.router.it.Instances.Kind.DX;
import static org.roentgen.router.it.Pipeline.delivered;
import static org.roentgen.router.it.Pipeline.of;
import static org.roentgen.router.it.Pipeline.ofAny;
import static org.roentgen.router.it.Pipeline.study;
import static org.roentgen.router.it.RouterRest.WAIT;
import static org.roentgen.router.it.RouterRest.awaitTrue;
import static org.roentgen.router.it.RouterRest.destination;
import static org.roentgen.router.it.RouterRest.noDeadLetter;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceDelivery.Delivery;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.contracts.InstanceDelivery.GaveUp;
import org.roentgen.contracts.InstanceDelivery.Outcome;
import org.roentgen.contracts.InstanceDelivery.Priority;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.router.it.Instances.Stored;
import org.roentgen.router.it.RouterKafka.Received;

/**
 * The router as it runs, on the real servers: Kafka (the shared broker), S3Proxy, Orthanc as the
 * PACS and DCMTK storescp processes as the other destinations. Instances stored in S3 and announced
 * on the input topic as artifact detection would are delivered equal to what was stored, once per
 * destination even when their event comes again, quarantined on a FAIL verdict, sent STAT first,
 * held until their study is quiet, kept through an outage, dead-lettered and re-driven through
 * REST; every delivery event is valid against the contract's schema; the metrics and the health
 * checks answer. {@link RouterRulesIT} edits the rules of the same running service; {@link
 * RouterPipelineResource} sets up the destinations.
 */
@QuarkusTest
@QuarkusTestResource(RouterPipelineResource.class)
class RouterPipelineIT extends RunningRouter {
  /** How long the outage test keeps its destination down. */
  private static final Duration OUTAGE =
      Duration.ofSeconds(Long.getLong("roentgen.it.outage-seconds", 120));

  // ---- 1. routing end to end ------------------------------------------------------------------

  @Test
  void instancesReachTheirDestinationsEqualToWhatWasStored() throws Exception {
    int study = study();
    Stored dx1 = instances.store(study, DX, "ROUTING");
    Stored dx2 = instances.store(study + 1, DX, "ROUTING");
    Stored cr = instances.store(study + 2, CR, "ROUTING");
    Stored ct = instances.store(study(), CT, "ROUTING");
    List<Stored> all = List.of(dx1, dx2, cr, ct);
    for (Stored s : all) {
      send(s);
    }
    List<Received> got = kafka.await(ofAny(all), 7, WAIT);
    assertThat(got).hasSize(7);
    Set<String> pairs = new HashSet<>();
    for (Received r : got) {
      valid(r);
      Stored s = all.stream().filter(x -> x.sop().equals(r.sop())).findFirst().orElseThrow();
      String d = r.delivery().destination();
      assertSentAsStored(r, s, d);
      assertThat(r.delivery().priority()).isEqualTo(Priority.ROUTINE);
      assertThat(r.delivery().rules())
          .contains(d.equals("orthanc") ? "radiography-to-pacs" : "everything-to-archive");
      assertThat(pairs.add(s.sop() + "|" + d))
          .as("one event per instance and destination")
          .isTrue();
    }
    assertThat(pairs)
        .containsExactlyInAnyOrder(
            dx1.sop() + "|orthanc",
            dx2.sop() + "|orthanc",
            cr.sop() + "|orthanc",
            dx1.sop() + "|archive",
            dx2.sop() + "|archive",
            cr.sop() + "|archive",
            ct.sop() + "|archive");
    for (Stored s : all) {
      assertSameDataset(s, RouterPipelineResource.archive.file(s.sop()));
    }
    for (Stored s : List.of(dx1, dx2, cr)) {
      Path f = inOrthanc(s, files);
      assertThat(f).as("Orthanc has %s", s.sop()).isNotNull();
      assertSameDataset(s, f);
    }
    assertThat(inOrthanc(ct, files)).as("CT does not go to the PACS").isNull();
    assertThat(kafka.events(ofAny(all))).as("no event beyond one per destination").hasSize(7);
  }

  @Test
  void anEventConsumedAgainIsNotSentAgain() throws Exception {
    Stored s = instances.store(study(), DX, "ROUTING");
    String eventId = UUID.randomUUID().toString();
    kafka.send(RouterPipelineResource.INPUT, s.event(), eventId);
    List<Received> first = kafka.await(of(s), 2, WAIT);
    assertThat(first).hasSize(2);
    // The same event again, as after a crash before its offset was committed.
    kafka.send(RouterPipelineResource.INPUT, s.event(), eventId);
    List<Received> all = kafka.await(of(s), 4, WAIT);
    assertThat(all).hasSize(4);
    for (Received again : all.subList(2, 4)) {
      Delivery d = valid(again).delivery();
      assertThat(d.outcome()).isEqualTo(Outcome.DELIVERED);
      assertThat(d.sent().duplicate()).as("the ledger spared the send").isTrue();
      assertThat(d.attempts()).isZero();
      assertThat(d.sent().sha256()).isEqualTo(s.event().instance().object().sha256());
      Received before =
          first.stream()
              .filter(r -> r.delivery().destination().equals(d.destination()))
              .findFirst()
              .orElseThrow();
      assertThat(again.event().id()).as("the same event id").isEqualTo(before.event().id());
    }
    assertThat(RouterPipelineResource.archive.bySop().get(s.sop())).hasSize(1);
    assertThat(Arrivals.orthancIds(s)).hasSize(1);
    assertThat(destination("archive").getLong("duplicates")).isGreaterThanOrEqualTo(1);
  }

  // ---- 2. quarantine --------------------------------------------------------------------------

  @Test
  void aFailVerdictIsQuarantinedAndSentNowhere() throws Exception {
    int study = study();
    Stored failed = instances.store(study, DX, "QUARANTINE", InstanceQc.Verdict.FAIL, ds -> {});
    Stored passed = instances.store(study + 1, DX, "QUARANTINE");
    send(failed);
    send(passed);
    Received q = awaitOne(failed, r -> true);
    Delivery d = q.delivery();
    assertThat(d.outcome()).isEqualTo(Outcome.QUARANTINED);
    assertThat(d.destination()).isNull();
    assertThat(d.attempts()).isZero();
    assertThat(d.sent()).isNull();
    assertThat(d.quarantine().reason()).contains("QC verdict FAIL");
    assertThat(d.quarantine().findings()).containsExactly("exposure.under");
    assertThat(d.rules()).contains("everything-to-archive");
    assertThat(q.data().qc()).isEqualTo(failed.event().qc());
    // The instance after it, to the same destination, is delivered: nothing of the first was
    // queued before it.
    assertSentAsStored(awaitOne(passed, delivered("archive")), passed, "archive");
    assertThat(kafka.events(of(failed))).hasSize(1);
    assertThat(RouterPipelineResource.archive.bySop()).doesNotContainKey(failed.sop());
    assertThat(inOrthanc(failed, files)).isNull();
  }

  // ---- 3. priority ----------------------------------------------------------------------------

  @Test
  void aStatInstanceQueuedBehindARoutineBacklogIsDeliveredFirst() throws Exception {
    List<Stored> routine = new ArrayList<>();
    int first = study();
    int second = study();
    for (int i = 0; i < 6; i++) {
      routine.add(instances.store(i < 4 ? first + i : second + i - 4, DX, "PRIORITY"));
    }
    Stored stat =
        instances.store(
            study(),
            DX,
            "PRIORITY",
            InstanceQc.Verdict.PASS,
            ds -> ds.setString(Tag.RequestedProcedurePriority, VR.CS, "STAT"));
    given().post("/destinations/nosuchpacs/pause").then().statusCode(404);
    given()
        .post("/destinations/archive/pause")
        .then()
        .statusCode(200)
        .body("paused", equalTo(true));
    try {
      for (Stored s : routine) {
        send(s);
      }
      awaitTrue("6 routine queued", () -> destination("archive").getInt("ready") == 6, WAIT);
      send(stat);
      awaitTrue("the STAT one queued", () -> destination("archive").getInt("ready") == 7, WAIT);
      assertThat(kafka.events(ofAny(routine))).as("nothing sent while paused").isEmpty();
    } finally {
      given()
          .post("/destinations/archive/resume")
          .then()
          .statusCode(200)
          .body("paused", equalTo(false));
    }
    List<Stored> all = new ArrayList<>(routine);
    all.add(stat);
    List<Received> got =
        new ArrayList<>(kafka.await(ofAny(all).and(delivered("archive")), 7, WAIT));
    assertThat(got).hasSize(7);
    got.forEach(Arrivals::valid);
    got.sort(Comparator.comparing(r -> r.delivery().completedAt()));
    List<String> order = got.stream().map(Received::sop).toList();
    List<String> expected = new ArrayList<>();
    expected.add(stat.sop());
    routine.forEach(s -> expected.add(s.sop()));
    assertThat(order)
        .as("STAT first, then the routine backlog in the order it was queued")
        .containsExactlyElementsOf(expected);
    Received s = got.get(0);
    assertThat(s.delivery().priority()).isEqualTo(Priority.STAT);
    for (Received r : got.subList(1, got.size())) {
      assertThat(r.delivery().priority()).isEqualTo(Priority.ROUTINE);
      assertThat(r.delivery().queuedAt())
          .as("queued before the STAT one")
          .isBefore(s.delivery().queuedAt());
      assertThat(r.delivery().completedAt()).isAfter(s.delivery().completedAt());
    }
  }

  /**
   * The same with a PACS that is slow rather than paused: twenty routine instances queue in front
   * of it, and two STAT ones sent while it works through them are the next it receives (after at
   * most the one in flight), long before the routine backlog has drained.
   */
  @Test
  void aStatStudySentWhileASlowPacsWorksThroughARoutineBacklogOvertakesIt() throws Exception {
    SlowScp slow = RouterPipelineResource.slow;
    List<Stored> routine = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      int next = study();
      for (int i = 0; i < 4; i++) {
        routine.add(instances.store(next + i, DX, "SLOW"));
      }
    }
    List<Stored> stat = new ArrayList<>();
    int statStudy = study();
    for (int i = 0; i < 2; i++) {
      stat.add(
          instances.store(
              statStudy + i,
              DX,
              "SLOW",
              InstanceQc.Verdict.PASS,
              ds -> ds.setString(Tag.RequestedProcedurePriority, VR.CS, "STAT")));
    }
    for (Stored s : routine) {
      send(s);
    }
    awaitTrue(
        "a backlog in front of the slow PACS",
        () -> !slow.confirmed().isEmpty() && destination("slow").getInt("ready") >= 10,
        WAIT);
    int confirmedBefore = slow.confirmed().size();
    for (Stored s : stat) {
      send(s);
    }
    List<Stored> all = new ArrayList<>(routine);
    all.addAll(stat);
    List<Received> got = kafka.await(ofAny(all).and(delivered("slow")), all.size(), WAIT);
    assertThat(got).hasSize(all.size());
    got.forEach(Arrivals::valid);
    List<String> order = slow.confirmed();
    Set<String> statSops = new HashSet<>(stat.stream().map(Stored::sop).toList());
    StringBuilder shown = new StringBuilder();
    order.forEach(sop -> shown.append(statSops.contains(sop) ? 'S' : 'r'));
    System.out.printf(
        "RouterPipelineIT: the slow PACS received (r routine, S STAT; STAT sent after %d): %s%n",
        confirmedBefore, shown);
    assertThat(order).as("each instance once").hasSize(all.size()).doesNotHaveDuplicates();
    int lastStat = Math.max(order.indexOf(stat.get(0).sop()), order.indexOf(stat.get(1).sop()));
    assertThat(lastStat)
        .as("the STAT instances came next, after at most the one in flight: %s", shown)
        .isLessThanOrEqualTo(confirmedBefore + 1 + stat.size());
    assertThat(order.size() - lastStat - 1)
        .as("routine instances still waiting when the STAT ones were delivered: %s", shown)
        .isGreaterThanOrEqualTo(routine.size() - confirmedBefore - 2);
    for (Received r : got) {
      assertThat(r.delivery().priority())
          .isEqualTo(statSops.contains(r.sop()) ? Priority.STAT : Priority.ROUTINE);
    }
  }

  @Test
  void aStudyHeldForCompletionGoesOnceItHasBeenQuiet() throws Exception {
    int study = study();
    Stored a = instances.store(study, DX, "HOLD");
    Stored b = instances.store(study + 1, DX, "HOLD");
    send(a);
    Instant bSent = Instant.now();
    send(b);
    List<Received> got = kafka.await(ofAny(List.of(a, b)).and(delivered("archive")), 2, WAIT);
    assertThat(got).hasSize(2);
    for (Received r : got) {
      assertThat(valid(r).delivery().rules()).containsExactly("held-for-the-study");
      assertThat(r.delivery().queuedAt())
          .as("queued once the study was quiet for 3 s after its last instance")
          .isAfterOrEqualTo(bSent.plusSeconds(3));
    }
  }

  // ---- 4. outage, dead letters and re-drive ---------------------------------------------------

  /**
   * The destination stops in the middle of a send and comes back after {@link #OUTAGE} (two minutes
   * unless {@code roentgen.it.outage-seconds} says otherwise): every instance arrives, one event
   * each, and the duplicates (an instance whose file was written but whose response was lost with
   * the connection) are counted and bounded by the associations in flight at the stop.
   */
  @Test
  void instancesSentWhileTheDestinationIsDownAllArriveOnceItIsBack() throws Exception {
    StoreScp outage = RouterPipelineResource.outage;
    int study = study();
    Stored before = instances.store(study, DX, "OUTAGE");
    send(before);
    awaitOne(before, delivered("outage"));
    List<Stored> during = new ArrayList<>();
    for (int i = 1; i < 4; i++) {
      during.add(instances.store(study + i, DX, "OUTAGE"));
    }
    for (int s = 0; s < 3; s++) {
      int next = study(); // four images of one study: study() hands out indexes by four
      for (int i = 0; i < 3; i++) {
        during.add(instances.store(next + i, DX, "OUTAGE"));
      }
    }
    long downFor;
    try {
      for (Stored s : during.subList(0, 6)) {
        send(s);
      }
      // Stopped during the send: once the first of the batch has arrived.
      awaitTrue(
          "the first instances arrive",
          () -> {
            Set<String> arrived = complete(outage).keySet();
            return during.stream().anyMatch(s -> arrived.contains(s.sop()));
          },
          WAIT);
      outage.stop();
      long stopped = System.nanoTime();
      for (Stored s : during.subList(6, during.size())) {
        send(s);
      }
      awaitTrue(
          "the circuit opens",
          () -> destination("outage").getString("circuit").equals("OPEN"),
          WAIT);
      long failedEarly = destination("outage").getLong("failedAttempts");
      Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stopped) / 1_000_000));
      downFor = (System.nanoTime() - stopped) / 1_000_000_000;
      JsonPath down = destination("outage");
      assertThat(down.getString("circuit"))
          .as("the probes found it down all along: the circuit never closed")
          .isIn("OPEN", "HALF_OPEN");
      assertThat(down.getLong("failedAttempts"))
          .as("no more attempts than the breaker's threshold, plus those in flight at the stop")
          .isLessThanOrEqualTo(failedEarly + 1);
      Set<String> arrivedBefore = complete(outage).keySet();
      long waiting = during.stream().filter(s -> !arrivedBefore.contains(s.sop())).count();
      assertThat(down.getInt("ready") + down.getInt("waiting") + down.getInt("inFlight"))
          .as("every instance not yet confirmed waits in the queue")
          .isGreaterThanOrEqualTo((int) waiting)
          .isGreaterThan(0);
      assertThat(down.getInt("deadLettered")).as("nothing given up").isZero();
    } finally {
      outage.start();
    }
    List<Received> got = kafka.await(ofAny(during), during.size(), WAIT.multipliedBy(2));
    assertThat(got).hasSize(during.size());
    for (Received r : got) {
      Stored s = during.stream().filter(x -> x.sop().equals(r.sop())).findFirst().orElseThrow();
      assertSentAsStored(valid(r), s, "outage");
    }
    assertThat(got).anyMatch(r -> r.delivery().attempts() >= 2);
    Map<String, List<Path>> arrived = complete(outage);
    int duplicates = 0;
    for (Stored s : during) {
      List<Path> copies = arrived.get(s.sop());
      assertThat(copies).as("%s arrived", s.sop()).isNotEmpty();
      duplicates += copies.size() - 1;
      for (Path copy : copies) {
        assertSameDataset(s, copy);
      }
    }
    long incomplete = outage.files().size() - arrived.values().stream().mapToInt(List::size).sum();
    System.out.printf(
        "RouterPipelineIT: destination down %d s; %d instances, all arrived, %d duplicates, %d"
            + " incomplete files (cut off by the stop)%n",
        downFor, during.size(), duplicates, incomplete);
    assertThat(duplicates)
        .as("duplicates: at most the one association in flight when the destination stopped")
        .isLessThanOrEqualTo(1);
    assertThat(kafka.events(ofAny(during))).as("one event per instance").hasSize(during.size());
    assertThat(destination("outage").getString("circuit")).isEqualTo("CLOSED");
  }

  /**
   * The files storescp wrote completely, by SOP Instance UID: a file it was writing when it was
   * stopped is cut off, and the sender had no confirmation of it, so it is not an arrival.
   */
  private static Map<String, List<Path>> complete(StoreScp scp) throws IOException {
    Map<String, List<Path>> out = new LinkedHashMap<>();
    for (Path f : scp.files()) {
      Attributes ds;
      try {
        ds = DicomFile.read(f).dataset();
      } catch (IOException cutOff) {
        continue;
      }
      out.computeIfAbsent(ds.getString(Tag.SOPInstanceUID), k -> new ArrayList<>()).add(f);
    }
    return out;
  }

  @Test
  void afterItsAttemptsAnInstanceIsADeadLetterThatARedriveDelivers() throws Exception {
    int study = study();
    Stored toOther = instances.store(study, DX, "DEADLETTER");
    Stored toSame = instances.store(study + 1, CR, "DEADLETTER");
    send(toOther);
    send(toSame);
    for (Stored s : List.of(toOther, toSame)) {
      Delivery d = awaitOne(s, r -> true).delivery();
      assertThat(d.outcome()).isEqualTo(Outcome.DEAD_LETTERED);
      assertThat(d.destination()).isEqualTo("nowhere");
      assertThat(d.attempts()).isEqualTo(2);
      assertThat(d.failure().cause()).isEqualTo(FailureCause.CONNECTION);
      assertThat(d.failure().gaveUp()).isEqualTo(GaveUp.ATTEMPTS);
      assertThat(d.failure().permanent()).isFalse();
      assertThat(d.sent()).isNull();
    }
    JsonPath letters =
        given()
            .queryParam("destination", "nowhere")
            .get("/dead-letters")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(letters.getList("sopInstanceUid", String.class))
        .containsExactlyInAnyOrder(toOther.sop(), toSame.sop());
    assertThat(letters.getList("cause", String.class)).containsOnly("CONNECTION");
    assertThat(letters.getList("gaveUp", String.class)).containsOnly("ATTEMPTS");
    assertThat(letters.getList("attempts", Integer.class)).containsOnly(2);
    assertThat(letters.getList("message", String.class)).allMatch(m -> m.contains("nowhere"));
    assertThat(letters.getList("studyInstanceUid", String.class)).containsOnly(toOther.study());

    // What a re-drive cannot do is refused.
    given()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/dead-letters/redrive")
        .then()
        .statusCode(400);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("sopInstanceUid", toOther.sop(), "to", "nosuchpacs"))
        .post("/dead-letters/redrive")
        .then()
        .statusCode(400);

    // Re-driven to another destination that works.
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("sopInstanceUid", toOther.sop(), "to", "archive"))
        .post("/dead-letters/redrive")
        .then()
        .statusCode(200)
        .body("queued", equalTo(1))
        .body("refused.size()", equalTo(0));
    assertSentAsStored(awaitOne(toOther, delivered("archive")), toOther, "archive");
    assertSameDataset(toOther, RouterPipelineResource.archive.file(toOther.sop()));
    awaitTrue(
        "the re-driven record is removed",
        () -> noDeadLetter("sopInstanceUid", toOther.sop()),
        WAIT);

    // A peer starts on the destination's own address: re-driven there.
    try (StoreScp peer =
        StoreScp.start(
            RouterPipelineResource.work.resolve("nowhere"), RouterPipelineResource.nowherePort)) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("destination", "nowhere"))
          .post("/dead-letters/redrive")
          .then()
          .statusCode(200)
          .body("queued", equalTo(1));
      assertSentAsStored(awaitOne(toSame, delivered("nowhere")), toSame, "nowhere");
      assertSameDataset(toSame, peer.file(toSame.sop()));
      awaitTrue("no dead letter is left", () -> noDeadLetter("destination", "nowhere"), WAIT);
    }
    assertThat(kafka.events(of(toOther))).hasSize(2);
    assertThat(kafka.events(of(toSame))).hasSize(2);
  }

  // ---- 7. metrics and health ------------------------------------------------------------------

  @Test
  void metricsShowEachDestinationAndTheServiceIsReady() throws Exception {
    Stored s = instances.store(study(), DX, "ROUTING");
    send(s);
    assertThat(kafka.await(of(s).and(r -> r.delivery().outcome() == Outcome.DELIVERED), 2, WAIT))
        .hasSize(2);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String d : List.of("orthanc", "archive", "research", "outage", "nowhere")) {
      for (String name :
          List.of(
              "roentgen_router_queue_depth",
              "roentgen_router_queue_ready",
              "roentgen_router_queue_waiting",
              "roentgen_router_in_flight",
              "roentgen_router_circuit_state",
              "roentgen_router_paused",
              "roentgen_router_delivered_total",
              "roentgen_router_duplicates_total",
              "roentgen_router_failed_attempts_total",
              "roentgen_router_retried_total",
              "roentgen_router_dead_lettered_total")) {
        assertThat(metrics)
            .as("%s of %s", name, d)
            .containsPattern(name + "\\{destination=\"" + d + "\",service=\"router\",?\\} ");
      }
    }
    assertThat(metrics)
        .containsPattern("roentgen_router_delivered_total\\{destination=\"archive\"[^}]*\\} [1-9]")
        .containsPattern("roentgen_router_delivered_total\\{destination=\"orthanc\"[^}]*\\} [1-9]")
        .containsPattern(
            "roentgen_router_delivery_latency_seconds_bucket\\{destination=\"archive\","
                + "priority=\"ROUTINE\"")
        .containsPattern(
            "roentgen_router_end_to_end_latency_seconds_count\\{destination=\"orthanc\","
                + "priority=\"ROUTINE\",service=\"router\",?\\} [1-9]")
        .contains("roentgen_router_consumer_lag{consumer=\"input\"")
        .contains("roentgen_router_consumer_lag{consumer=\"release\"")
        .contains("roentgen_router_consumer_in_flight{consumer=\"release\"")
        .contains("roentgen_router_consumer_dead_letters_total{consumer=\"input\"")
        .contains("roentgen_router_released_total{")
        .contains("roentgen_router_dead_letters{")
        .contains("roentgen_router_held{")
        .contains("roentgen_router_quarantined_total{")
        .contains("roentgen_router_unrouted_total{");
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'router' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'router' }.data.consumer", equalTo("RUNNING"))
        .body("checks.find { it.name == 'router' }.data.releaseConsumer", equalTo("RUNNING"))
        .body("checks.find { it.name == 'router' }.data.archive", equalTo("CLOSED"));
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }
}
