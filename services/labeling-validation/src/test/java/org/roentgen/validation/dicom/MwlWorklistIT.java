package org.roentgen.validation.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.validation.WorklistFiles;
import org.roentgen.validation.WorklistFiles.Entry;
import org.roentgen.validation.WorklistScp;
import org.roentgen.validation.domain.ScheduledStep;
import org.roentgen.validation.domain.WorklistUnavailableException;

/**
 * {@link MwlWorklist} against DCMTK's {@code wlmscpfs} serving worklist files this test writes, and
 * against peers that fail: stopped, silent, slow, rejecting.
 */
class MwlWorklistIT {
  private static final Entry CHEST =
      new Entry(
          "RG-0001",
          "DOE^JANE",
          "19800101",
          "F",
          "ACC1001",
          "DX",
          "XR CHEST 2 VIEWS",
          "CHEST PA",
          "DXROOM1");
  private static final Entry KNEE_LEFT =
      new Entry(
          "RG-0002",
          "ROE^RICHARD",
          "19751224",
          "M",
          "ACC1002",
          "DX",
          "XR KNEES",
          "KNEE LEFT",
          "DXROOM2");
  private static final Entry KNEE_RIGHT =
      new Entry(
          "RG-0002",
          "ROE^RICHARD",
          "19751224",
          "M",
          "ACC1002",
          "CR",
          "XR KNEES",
          "KNEE RIGHT",
          "CRROOM1");
  private static final Entry LATIN1 =
      new Entry(
          "RG-0003", "MÜLLER^JÜRGEN", "19600229", "M", "ACC1003", "DX", "HAND", "HAND", "DXROOM1");
  private static final Entry UTF8 =
      new Entry(
          "RG-0004",
          "Yamada^Tarō=山田^太郎",
          "19900101",
          "O",
          "ACC1004",
          "DX",
          "THORAX ΑΠ",
          "THORAX",
          "DXROOM1");

  @TempDir static Path tmp;
  private static WorklistScp scp;
  private static MwlWorklist worklist;

  @BeforeAll
  static void startScp() throws IOException {
    WorklistFiles files = new WorklistFiles(tmp.resolve("worklists"), "WLM");
    files.add(CHEST);
    files.add(KNEE_LEFT);
    files.add(KNEE_RIGHT, "ISO_IR 100");
    files.add(LATIN1, "ISO_IR 100");
    files.add(UTF8, "ISO_IR 192");
    scp = WorklistScp.start(files, tmp.resolve("wlmscpfs.log"));
    worklist = new MwlWorklist(settings(scp.port(), "WLM"));
  }

  @AfterAll
  static void stopScp() {
    if (worklist != null) {
      worklist.close();
    }
    if (scp != null) {
      scp.close();
    }
  }

  private static WorklistSettings settings(int port, String aeTitle) {
    return WorklistSettings.of("127.0.0.1", port, aeTitle)
        .withResponseTimeout(Duration.ofSeconds(5));
  }

  private static ScheduledStep step(Entry e) {
    return new ScheduledStep(
        e.accession(),
        e.patientId(),
        MwlQuery.alphabetic(e.patientName()),
        e.birthDate(),
        e.sex(),
        e.modality(),
        e.requestedProcedureDescription(),
        e.stepDescription(),
        e.stationAeTitle());
  }

  @Test
  void anOrderIsFoundWithEveryFieldMapped() throws Exception {
    assertThat(worklist.byAccession("ACC1001")).as(scp.log()).containsExactly(step(CHEST));
  }

  @Test
  void anOrderOfTwoStepsGivesBoth() throws Exception {
    assertThat(worklist.byAccession("ACC1002"))
        .containsExactlyInAnyOrder(step(KNEE_LEFT), step(KNEE_RIGHT));
  }

  @Test
  void noSuchOrderIsAnEmptyList() throws Exception {
    assertThat(worklist.byAccession("ACC9999")).isEmpty();
    assertThat(worklist.byAccession("ACC100")).as("no prefix match").isEmpty();
  }

  @Test
  void nonAsciiNamesComeBackInTheirCharacterSet() throws Exception {
    assertThat(worklist.byAccession("ACC1003")).containsExactly(step(LATIN1));
    List<ScheduledStep> utf8 = worklist.byAccession("ACC1004");
    assertThat(utf8).containsExactly(step(UTF8));
    assertThat(utf8.get(0).patientName()).isEqualTo("Yamada^Tarō");
    assertThat(utf8.get(0).requestedProcedureDescription()).isEqualTo("THORAX ΑΠ");
  }

  @Test
  void aBlankAccessionNumberAsksNobody() throws Exception {
    try (MwlWorklist nowhere = new MwlWorklist(settings(WorklistScp.freePort(), "WLM"))) {
      assertThat(nowhere.byAccession("")).isEmpty();
      assertThat(nowhere.byAccession("   ")).isEmpty();
      assertThat(nowhere.byAccession(null)).isEmpty();
      assertThatThrownBy(() -> nowhere.byAccession("ACC1001"))
          .isInstanceOf(WorklistUnavailableException.class);
    }
  }

  @Test
  void anAssociationIsKeptAndParallelQueriesShareAFew() throws Exception {
    try (MwlWorklist wl = new MwlWorklist(settings(scp.port(), "WLM").withMaxAssociations(2))) {
      wl.byAccession("ACC1001");
      wl.byAccession("ACC1001");
      assertThat(wl.idleAssociations()).isOne();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<List<ScheduledStep>>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          String acc = i % 2 == 0 ? "ACC1001" : "ACC1002";
          results.add(pool.submit(() -> wl.byAccession(acc)));
        }
        for (int i = 0; i < results.size(); i++) {
          assertThat(results.get(i).get(30, TimeUnit.SECONDS)).hasSize(i % 2 == 0 ? 1 : 2);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(wl.idleAssociations()).isBetween(1, 2);
    }
  }

  @Test
  void aStoppedScpIsUnavailableAtOnceAndAKeptAssociationIsReplaced() throws Exception {
    WorklistFiles files = new WorklistFiles(tmp.resolve("outage"), "WLM2");
    files.add(CHEST);
    try (WorklistScp outage = WorklistScp.start(files, tmp.resolve("outage.log"));
        MwlWorklist wl = new MwlWorklist(settings(outage.port(), "WLM2"))) {
      assertThat(wl.byAccession("ACC1001")).hasSize(1);
      assertThat(wl.idleAssociations()).isOne();

      outage.stop();
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> wl.byAccession("ACC1001"))
          .isInstanceOf(WorklistUnavailableException.class)
          .hasMessageStartingWith("worklist WLM2@127.0.0.1:" + outage.port() + ": ")
          .hasMessageNotContaining("ACC1001")
          .hasMessageNotContaining("DOE");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));

      outage.start();
      assertThat(wl.byAccession("ACC1001")).containsExactly(step(CHEST));
    }
  }

  @Test
  void aPeerThatNeverAnswersIsUnavailableWithinTheTimeout() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0);
        MwlWorklist wl =
            new MwlWorklist(
                settings(silent.getLocalPort(), "WLM")
                    .withResponseTimeout(Duration.ofSeconds(1)))) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // and never a byte back
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      assertTimedOut(wl, Duration.ofSeconds(1));
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aSlowScpIsUnavailableWithinTheTimeout() throws Exception {
    try (WorklistScp slow =
            WorklistScp.start(scp.files(), tmp.resolve("slow.log"), "--sleep-before", "5");
        MwlWorklist wl =
            new MwlWorklist(
                settings(slow.port(), "WLM").withResponseTimeout(Duration.ofSeconds(1)))) {
      assertTimedOut(wl, Duration.ofSeconds(1));
      assertThat(wl.idleAssociations()).as("the aborted association is not kept").isZero();
    }
  }

  /**
   * wlmscpfs sleeps before each response here: every response comes within the DIMSE timeout of the
   * toolkit, but the whole query would take about 4 s; it is cut off at its 2 s.
   */
  @Test
  void aScpThatTricklesMatchesIsCutOffAtTheTimeout() throws Exception {
    WorklistFiles files = new WorklistFiles(tmp.resolve("trickle"), "WLM3");
    for (int i = 0; i < 4; i++) {
      files.add(CHEST);
    }
    try (WorklistScp trickle =
            WorklistScp.start(files, tmp.resolve("trickle.log"), "--sleep-during", "1");
        MwlWorklist wl =
            new MwlWorklist(
                settings(trickle.port(), "WLM3").withResponseTimeout(Duration.ofSeconds(2)))) {
      assertTimedOut(wl, Duration.ofSeconds(2));
    }
  }

  @Test
  void anUnknownCalledAeTitleIsRejected() {
    try (MwlWorklist wl = new MwlWorklist(settings(scp.port(), "NOSUCHAE"))) {
      assertThatThrownBy(() -> wl.byAccession("ACC1001"))
          .isInstanceOf(WorklistUnavailableException.class)
          .hasMessageStartingWith("worklist NOSUCHAE@127.0.0.1:" + scp.port() + ": ")
          .hasMessageContaining("rejected");
    }
  }

  /** The query fails as unavailable after about {@code timeout}, and surely within 10 s. */
  private static void assertTimedOut(MwlWorklist wl, Duration timeout) {
    long t0 = System.nanoTime();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> wl.byAccession("ACC1001"))
                .isInstanceOf(WorklistUnavailableException.class)
                .hasMessageContaining("no answer within " + MwlWorklist.format(timeout)));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(took).isGreaterThanOrEqualTo(timeout.minusMillis(50));
    assertThat(took).isLessThan(timeout.plusSeconds(2));
  }
}
