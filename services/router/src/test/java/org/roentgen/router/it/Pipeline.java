package org.roentgen.router.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.router.it.RouterRest.WAIT;
import static org.roentgen.router.it.RouterRest.awaitTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.roentgen.contracts.InstanceDelivery.Outcome;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.router.it.Instances.Stored;
import org.roentgen.router.it.RouterKafka.Received;

/**
 * What a test class of the running router works with: instances stored in the test's S3 and
 * announced on the input topic, and the delivery events collected from the output topic. The
 * studies are numbered across the test classes of the run, so that no two tests share a UID.
 */
final class Pipeline implements AutoCloseable {
  private static final AtomicInteger STUDIES = new AtomicInteger();

  private final RouterKafka kafka = new RouterKafka(RouterPipelineResource.OUTPUT);
  private final ObjectStore store = RouterPipelineResource.store();
  private final Instances instances;

  /** Writes the instances' files into {@code files}. */
  Pipeline(Path files) {
    instances =
        new Instances(
            store,
            RouterPipelineResource.BUCKET,
            files,
            RouterPipelineResource.RUN.hashCode() * 1_000_003L);
  }

  RouterKafka kafka() {
    return kafka;
  }

  Instances instances() {
    return instances;
  }

  /** The first index of a new study of four images. */
  static int study() {
    return 4 * STUDIES.getAndIncrement();
  }

  /** Waits until the router consumes (the ledger and the dead letters are read back). */
  static void awaitReady() throws Exception {
    awaitTrue(
        "the router is ready", () -> given().get("/q/health/ready").statusCode() == 200, WAIT);
  }

  /** Announces {@code s} on the router's input topic. */
  void send(Stored s) throws Exception {
    kafka.send(RouterPipelineResource.INPUT, s.event());
  }

  /** The one delivery event of {@code s} that {@code filter} accepts, waited for and checked. */
  Received awaitOne(Stored s, Predicate<Received> filter) throws Exception {
    List<Received> got = kafka.await(of(s).and(filter), 1, WAIT);
    assertThat(got).as("delivery events of %s", s.sop()).hasSize(1);
    return Arrivals.valid(got.get(0));
  }

  static Predicate<Received> of(Stored s) {
    return r -> r.sop().equals(s.sop());
  }

  static Predicate<Received> ofAny(List<Stored> all) {
    Set<String> sops = all.stream().map(Stored::sop).collect(Collectors.toSet());
    return r -> sops.contains(r.sop());
  }

  static Predicate<Received> delivered(String destination) {
    return r ->
        r.delivery().outcome() == Outcome.DELIVERED
            && destination.equals(r.delivery().destination());
  }

  @Override
  public void close() throws Exception {
    kafka.close();
    store.close();
  }
}
