package org.roentgen.router.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading a real rule file: valid edits take effect, invalid ones are refused, old rules stay.
 */
class RuleReloaderTest {
  private static final String TO_ORTHANC =
      "rules:\n  - id: to-orthanc\n    actions: {sendTo: orthanc}\n";
  private static final String TO_ARCHIVE =
      "rules:\n  - id: to-archive\n    actions: {sendTo: archive-scp}\n";
  private static final String INVALID =
      "rules:\n  - id: to-archive\n    actions:\n      sendTo: archive-scpp\n";

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-15T10:00:00Z"));
  private final List<String> events = new ArrayList<>();
  private final RuleReloader.Listener listener =
      new RuleReloader.Listener() {
        @Override
        public void reloaded(RuleSet rules) {
          events.add("reloaded " + rules.rules().get(0).id());
        }

        @Override
        public void refused(String file, List<RuleError> errors) {
          events.add("refused line " + errors.get(0).line());
        }
      };

  private Path write(String text) throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private RuleReloader open(Path file) throws Exception {
    return RuleReloader.open(file, Events.parser(), clock, listener);
  }

  private static List<String> destinations(RuleSource source) {
    RoutingDecision d = source.current().decide(Events.instance().event(), Events.NOW);
    return ((RoutingDecision.Deliver) d)
        .destinations().stream().map(DestinationPlan::destination).toList();
  }

  @Test
  void aValidEditTakesEffectOnTheNextCheck() throws Exception {
    Path file = write(TO_ORTHANC);
    try (RuleReloader r = open(file)) {
      assertThat(destinations(r)).containsExactly("orthanc");
      String firstHash = r.status().sha256();
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.UNCHANGED);

      write(TO_ARCHIVE);
      clock.advance(Duration.ofSeconds(5));
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.RELOADED);
      assertThat(destinations(r)).containsExactly("archive-scp");
      RuleStatus s = r.status();
      assertThat(s.sha256()).isNotEqualTo(firstHash).isEqualTo(r.current().sha256());
      assertThat(s.ruleCount()).isEqualTo(1);
      assertThat(s.loadedAt()).isEqualTo(clock.instant());
      assertThat(s.reloads()).isEqualTo(2);
      assertThat(s.refused()).isNull();
      assertThat(events).containsExactly("reloaded to-orthanc", "reloaded to-archive");
    }
  }

  @Test
  void anInvalidEditIsRefusedWithItsLineAndTheOldRulesKeepWorking() throws Exception {
    Path file = write(TO_ORTHANC);
    try (RuleReloader r = open(file)) {
      Instant loaded = r.status().loadedAt();
      write(INVALID);
      clock.advance(Duration.ofSeconds(5));
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.REFUSED);
      assertThat(destinations(r)).containsExactly("orthanc");

      RuleStatus s = r.status();
      assertThat(s.loadedAt()).isEqualTo(loaded);
      assertThat(s.checkedAt()).isEqualTo(clock.instant());
      assertThat(s.refusals()).isEqualTo(1);
      assertThat(s.refused().at()).isEqualTo(clock.instant());
      assertThat(s.refused().errors()).hasSize(1);
      RuleError e = s.refused().errors().get(0);
      assertThat(e.line()).isEqualTo(4);
      assertThat(e.message()).contains("unknown destination 'archive-scpp'");

      // The same refused content is not reported again.
      clock.advance(Duration.ofSeconds(5));
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.UNCHANGED);
      assertThat(r.status().refusals()).isEqualTo(1);
      assertThat(r.status().refused()).isNotNull();

      // The fix takes effect and clears the refusal.
      write(TO_ARCHIVE);
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.RELOADED);
      assertThat(destinations(r)).containsExactly("archive-scp");
      assertThat(r.status().refused()).isNull();
      assertThat(events)
          .containsExactly("reloaded to-orthanc", "refused line 4", "reloaded to-archive");
    }
  }

  @Test
  void revertingToTheRulesInForceClearsTheRefusal() throws Exception {
    Path file = write(TO_ORTHANC);
    try (RuleReloader r = open(file)) {
      write(INVALID);
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.REFUSED);
      write(TO_ORTHANC);
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.UNCHANGED);
      assertThat(r.status().refused()).isNull();
      assertThat(r.status().reloads()).isEqualTo(1);
    }
  }

  @Test
  void anEditOfTheSameSizeAndModificationTimeIsSeen() throws Exception {
    Path file = write(TO_ORTHANC);
    FileTime time = Files.getLastModifiedTime(file);
    try (RuleReloader r = open(file)) {
      String same = TO_ORTHANC.replace("to-orthanc", "to-orthanx");
      write(same);
      Files.setLastModifiedTime(file, time);
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.RELOADED);
      assertThat(r.current().rules().get(0).id()).isEqualTo("to-orthanx");
    }
  }

  @Test
  void aMissingFileIsRefusedAndTheRulesStay() throws Exception {
    Path file = write(TO_ORTHANC);
    try (RuleReloader r = open(file)) {
      Files.delete(file);
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.REFUSED);
      assertThat(r.status().refused().errors().get(0).message()).contains("cannot read");
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.UNCHANGED);
      assertThat(destinations(r)).containsExactly("orthanc");
      write(TO_ARCHIVE);
      assertThat(r.check()).isEqualTo(RuleReloader.Outcome.RELOADED);
    }
  }

  @Test
  void anInvalidFileCannotBeOpened() throws Exception {
    Path file = write(INVALID);
    assertThatThrownBy(() -> open(file))
        .isInstanceOf(RuleFileException.class)
        .hasMessageContaining("line 4, column 15: unknown destination 'archive-scpp'");
  }

  @Test
  void theBackgroundCheckPicksUpAnEditWhileReadersReadTheRules() throws Exception {
    Path file = write(TO_ORTHANC);
    try (RuleReloader r =
        RuleReloader.open(
            file, Events.parser(), Clock.system(ZoneOffset.UTC), new RuleReloader.Listener() {})) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread reader =
          new Thread(
              () -> {
                try {
                  while (!stop.get()) {
                    assertThat(destinations(r)).hasSize(1);
                  }
                } catch (Throwable t) {
                  failure.set(t);
                }
              });
      reader.start();
      r.start(Duration.ofMillis(20));
      write(INVALID);
      awaitTrue(() -> r.status().refused() != null);
      assertThat(destinations(r)).containsExactly("orthanc");
      write(TO_ARCHIVE);
      awaitTrue(() -> destinations(r).equals(List.of("archive-scp")));
      stop.set(true);
      reader.join();
      assertThat(failure.get()).isNull();
    }
  }

  @Test
  void aFixedSourceGivesItsRules() {
    RuleSet rules = Events.rules(TO_ORTHANC);
    assertThat(RuleSource.of(rules).current()).isSameAs(rules);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
