package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.ClinicalRadiographs;

/**
 * Issue 8's scale-out and failover on the real broker: the local stack ({@code bin/roentgen up},
 * the one the integration tests share, started with every consuming service's session timeout at 6
 * s: {@link SharedStack#ENV}) with one ingest and two instances of every consuming service, the
 * second ones started with {@code bin/roentgen instance} (the same jar, settings and consumer
 * groups). Both instances own partitions in each of the ten consumer groups (Kafka's AdminClient).
 * A run of studies is sent; once the first images are at the archive SCP and while more are coming
 * in, the second instance of labeling-validation, artifact-detection, the router and the archive is
 * killed with SIGKILL (no last commit, no leaving the group), and the last studies follow, one on
 * each partition. Then:
 *
 * <ul>
 *   <li>the killed instances are out of every group well before the 45 s default session timeout (6
 *       s here, {@code *.kafka.session-timeout}), and the survivors own every partition;
 *   <li>nothing is lost: every instance of this run is delivered where the rules send it (the
 *       archive SCP, and Orthanc for CR and DX; none of its MG instances is at Orthanc) and nowhere
 *       else, indexed by the archive (QIDO-RS), and every group has committed its topic to the end
 *       (the other tests' records included);
 *   <li>in every group with data the survivors handled records on the partitions they took over.
 * </ul>
 *
 * The records the kill left uncommitted and this run's events per stage (beyond one per instance:
 * duplicates, which at-least-once allows) are printed. The stack's own instances survive the test;
 * the killed ones' pid files are stale, and {@code down} ignores them.
 */
@Order(SharedStack.SCALE_OUT)
@ExtendWith(SharedStack.class)
class ScaleOutIT {
  private static final int STUDIES = 12;
  private static final int IMAGES = STUDIES * ClinicalRadiographs.IMAGES_PER_STUDY;

  /**
   * The run: studies 0-5 first; once {@link #KILL_AFTER} images are at the archive SCP, studies 6-8
   * (one on each partition) are sent and the kill comes as soon as ingest put one of them on a
   * partition of the second instances; studies 9-11 after the kill, one on each partition, so every
   * group has new work on the killed instances' partitions.
   */
  private static final int FIRST_RUN = 12;

  private static final int SECOND_RUN_END = 18;
  private static final int KILL_AFTER = 2;

  /** 512 x 512: small, and clean for artifact-detection (256 x 256 images may fail its checks). */
  private static final int SIZE = 512;

  /** Studies on partitions 1 2 0 0 2 1, then 0 1 2 (second run), then 0 2 1 (after the kill). */
  private static final long SEED = 130L;

  /**
   * How soon after the kill the killed members must be out of their groups: 5 session timeouts, and
   * well before the 45 s of the services' default (minus a 3 s heartbeat), so a session timeout
   * that does not reach the consumers fails the test.
   */
  private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration GROUP_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(240);

  /** The second instances' name: in their Kafka client ids, which tells their members apart. */
  private static final String SECOND = "scale-b";

  /** Each consuming service's second instance, by its HTTP port. */
  private static final Map<String, Integer> SECOND_PORTS = new LinkedHashMap<>();

  private static final String RECEIVED = "dicom.instance.received.v1";
  private static final String VALIDATED = "dicom.instance.validated.v1";
  private static final String QC = "dicom.instance.qc.v1";
  private static final String RELEASED = "dicom.instance.released.v1";
  private static final String RECHECK = "labeling-validation.recheck.v1";

  /**
   * The topics this run writes nothing to (no order is missing, nothing is released; what another
   * test on the shared stack put there was handled before this run).
   */
  private static final Set<String> NO_DATA = Set.of(RECHECK, RELEASED);

  /** Every consumer group of the pipeline and the topic it consumes. */
  private static final Map<String, String> GROUPS = new LinkedHashMap<>();

  static {
    SECOND_PORTS.put("labeling-validation", 8092);
    SECOND_PORTS.put("artifact-detection", 8093);
    SECOND_PORTS.put("router", 8094);
    SECOND_PORTS.put("archive", 8095);
    GROUPS.put("labeling-validation", RECEIVED);
    GROUPS.put("labeling-validation-recheck", RECHECK);
    GROUPS.put("artifact-detection", VALIDATED);
    GROUPS.put("router", QC);
    GROUPS.put("router.release", RELEASED);
    GROUPS.put("archive-received", RECEIVED);
    GROUPS.put("archive-validated", VALIDATED);
    GROUPS.put("archive-qc", QC);
    GROUPS.put("archive-delivery", Arrivals.DELIVERY);
    GROUPS.put("archive-released", RELEASED);
  }

  /**
   * The moment of the kill.
   *
   * @param at its {@link System#nanoTime}
   * @param delivered images of this run at the archive SCP then
   * @param committed the killed instances' partitions and their committed offsets then, by group
   * @param uncommitted records on those partitions beyond the commits then, by group
   */
  private record Kill(
      long at,
      int delivered,
      Map<String, Map<TopicPartition, Long>> committed,
      Map<String, Long> uncommitted) {}

  @TempDir Path tmp;

  @Test
  void twoInstancesOfEachConsumerShareTheWorkAndAKilledOneLosesNothing(LocalStack stack)
      throws Exception {
    long t0 = System.nanoTime();
    Path data = stack.data;
    List<Path> files =
        ClinicalRadiographs.write(
            tmp.resolve("files"), tmp.resolve("orders"), IMAGES, SIZE, SIZE, SEED);
    Map<String, Attributes> sent = new TreeMap<>();
    for (Path f : files) {
      sent.put(Arrivals.sop(f), DicomFile.read(f).dataset());
    }
    SharedStack.addOrders(stack, tmp.resolve("orders"));

    // The second instances beside the stack's, with the same settings (the short session timeout).
    List<ServiceInstance> seconds = new ArrayList<>();
    try (ConsumerGroups groups =
        new ConsumerGroups(stack.endpoints.get("KAFKA_BOOTSTRAP_SERVERS"), GROUPS)) {
      for (var e : SECOND_PORTS.entrySet()) {
        seconds.add(
            ServiceInstance.start(data, tmp, e.getKey(), e.getValue(), SECOND, SharedStack.ENV));
      }
      for (ServiceInstance s : seconds) {
        s.awaitReady(READY_TIMEOUT);
      }
      Map<String, ConsumerGroups.Group> shared =
          groups.await(
              "both instances own partitions of every group",
              GROUP_TIMEOUT,
              (group, g) ->
                  g.state() == GroupState.STABLE
                      && g.assigned().equals(groups.partitions(group))
                      && !g.ownedBy(SECOND).isEmpty()
                      && !g.ownedByOthersThan(SECOND).isEmpty());
      System.out.printf(
          "ScaleOutIT: second instances ready in %.1f s; groups: %s%n", seconds(t0), shared);

      Path archiveDir = Path.of(stack.endpoints.get("ARCHIVE_DIR"));
      send(files.subList(0, FIRST_RUN)).await();
      Arrivals.awaitArchiveFiles(archiveDir, sent.keySet(), KILL_AFTER, RUN_TIMEOUT);
      Map<TopicPartition, Long> before =
          groups.endOffsets(shared.get("labeling-validation").ownedBy(SECOND));
      Sending secondRun = send(files.subList(FIRST_RUN, SECOND_RUN_END));
      awaitGrowth(groups, before);
      Kill kill = kill(groups, shared, seconds, archiveDir, sent.keySet());
      System.out.printf(
          "ScaleOutIT: killed the second instances with %d of %d images at the archive SCP;"
              + " records not committed on their partitions: %s%n",
          kill.delivered(), IMAGES, kill.uncommitted());
      assertThat(kill.delivered())
          .as("images at the archive SCP at the kill: some, not all")
          .isBetween(KILL_AFTER, IMAGES - 1);
      secondRun.await();
      send(files.subList(SECOND_RUN_END, IMAGES)).await();

      groups.await(
          "the killed instances out of every group, long before the default session timeout",
          LEAVE_TIMEOUT.minusNanos(System.nanoTime() - kill.at()),
          (group, g) -> g.members(SECOND) == 0);
      double gone = seconds(kill.at());
      Map<String, ConsumerGroups.Group> taken =
          groups.await(
              "the surviving instances own every partition of every group",
              GROUP_TIMEOUT,
              (group, g) ->
                  g.state() == GroupState.STABLE
                      && g.members(SECOND) == 0
                      && g.assigned().equals(groups.partitions(group)));
      System.out.printf(
          "ScaleOutIT: killed members gone %.1f s after the kill, groups stable with the"
              + " survivors after %.1f s: %s%n",
          gone, seconds(kill.at()), taken);

      // Nothing lost.
      Map<String, Integer> delivered = Arrivals.awaitDelivered(groups, sent, RUN_TIMEOUT);
      System.out.printf(
          "ScaleOutIT: every instance delivered %.1f s after the kill%n", seconds(kill.at()));
      assertThat(Arrivals.sops(Arrivals.archiveFiles(archiveDir, sent.keySet())))
          .as("the archive SCP has every instance")
          .isEqualTo(sent.keySet());
      Set<String> atOrthanc = Arrivals.orthancSops(stack.endpoints.get("ORTHANC_HTTP"));
      atOrthanc.retainAll(sent.keySet());
      assertThat(atOrthanc)
          .as("Orthanc has the CR and DX instances of this run, and no other of them")
          .isEqualTo(Arrivals.radiography(sent));
      groups.awaitCommittedToTheEnd(GROUP_TIMEOUT);
      Arrivals.assertIndexed(data, sent);

      assertTakenOver(groups, kill, files, sent);
      for (var e : groups.describe().entrySet()) {
        assertThat(e.getValue().assigned())
            .as("%s: the survivors still own every partition at the end", e.getKey())
            .isEqualTo(groups.partitions(e.getKey()));
        assertThat(e.getValue().members(SECOND)).as(e.getKey()).isZero();
      }
      System.out.printf(
          "ScaleOutIT: events per stage for %d instances (beyond one each: duplicates, which"
              + " at-least-once allows): validated %d, qc %d, deliveries %s%n",
          IMAGES,
          Arrivals.of(groups.readAll(VALIDATED), sent.keySet()).size(),
          Arrivals.of(groups.readAll(QC), sent.keySet()).size(),
          delivered);
    } finally {
      for (ServiceInstance s : seconds) {
        s.close();
      }
    }
    System.out.printf("ScaleOutIT: %.1f s in all%n", seconds(t0));
  }

  /**
   * SIGKILL to every second instance. The end offsets of their partitions are read just before, the
   * committed offsets just after (they cannot change until the survivors take the partitions).
   */
  private static Kill kill(
      ConsumerGroups groups,
      Map<String, ConsumerGroups.Group> shared,
      List<ServiceInstance> seconds,
      Path archiveDir,
      Set<String> sops)
      throws Exception {
    Set<TopicPartition> theirs = ConsumerGroups.sorted();
    shared.values().forEach(g -> theirs.addAll(g.ownedBy(SECOND)));
    Map<TopicPartition, Long> ends = groups.endOffsets(theirs);
    for (ServiceInstance s : seconds) {
      s.kill();
    }
    long at = System.nanoTime();
    int delivered = Arrivals.archiveFiles(archiveDir, sops).size();
    Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
    Map<String, Long> uncommitted = new TreeMap<>();
    for (var e : shared.entrySet()) {
      Set<TopicPartition> owned = e.getValue().ownedBy(SECOND);
      Map<TopicPartition, Long> c = groups.committed(e.getKey(), owned);
      committed.put(e.getKey(), c);
      uncommitted.put(
          e.getKey(), owned.stream().mapToLong(tp -> Math.max(0, ends.get(tp) - c.get(tp))).sum());
    }
    return new Kill(at, delivered, committed, uncommitted);
  }

  /**
   * The studies sent after the kill went to every partition, the killed instances' included; so in
   * every group with data the survivors handled and committed records on the partitions they took
   * over.
   */
  private static void assertTakenOver(
      ConsumerGroups groups, Kill kill, List<Path> files, Map<String, Attributes> sent)
      throws Exception {
    Set<String> afterKill = new TreeSet<>();
    for (Path f : files.subList(SECOND_RUN_END, IMAGES)) {
      afterKill.add(sent.get(Arrivals.sop(f)).getString(Tag.StudyInstanceUID));
    }
    Set<Integer> afterKillPartitions = new TreeSet<>();
    for (ConsumerRecord<String, String> r : groups.readAll(RECEIVED)) {
      if (afterKill.contains(r.key())) {
        afterKillPartitions.add(r.partition());
      }
    }
    assertThat(afterKillPartitions)
        .as(
            "the studies sent after the kill on every partition of %s (else another SEED)",
            RECEIVED)
        .hasSize(groups.partitions("labeling-validation").size());
    Map<String, Long> takenOver = new TreeMap<>();
    for (var e : kill.committed().entrySet()) {
      Map<TopicPartition, Long> now = groups.committed(e.getKey(), e.getValue().keySet());
      takenOver.put(
          e.getKey(),
          e.getValue().entrySet().stream()
              .mapToLong(atKill -> now.get(atKill.getKey()) - atKill.getValue())
              .sum());
    }
    System.out.printf(
        "ScaleOutIT: records the survivors committed on the partitions they took over: %s%n",
        takenOver);
    for (var e : GROUPS.entrySet()) {
      if (!NO_DATA.contains(e.getValue())) {
        assertThat(takenOver.get(e.getKey()))
            .as("%s: records the survivors handled on the killed instance's partitions", e.getKey())
            .isPositive();
      }
    }
  }

  /** Until one of these partitions has more records than its end offset {@code before}. */
  private static void awaitGrowth(ConsumerGroups groups, Map<TopicPartition, Long> before)
      throws Exception {
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (groups.endOffsets(before.keySet()).equals(before)) {
      if (System.nanoTime() > deadline) {
        fail("no new record on %s after %s", before.keySet(), RUN_TIMEOUT);
      }
      Thread.sleep(10);
    }
  }

  /** A {@code dicom send} under way. */
  private record Sending(Process process, Path log) {
    /** Until it ends; fails with its output unless every image was stored. */
    void await() throws Exception {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("dicom send still running after 120 s: %s", LocalStack.read(log));
      }
      assertThat(process.exitValue()).as(LocalStack.read(log)).isZero();
    }
  }

  /** The toolkit's {@code dicom send} of {@code files} to ingest, over one association. */
  private Sending send(List<Path> files) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(LocalStack.ROOT.resolve("libs/dicom/tools/target/dicom.jar").toString());
    command.addAll(List.of("send", "ROENTGEN@127.0.0.1:11112"));
    files.forEach(f -> command.add(f.toString()));
    Path log = Files.createTempFile(tmp, "send", ".log");
    Process p =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new Sending(p, log);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
