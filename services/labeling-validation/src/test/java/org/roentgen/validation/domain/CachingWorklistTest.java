package org.roentgen.validation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingWorklistTest {
  private static final ScheduledStep STEP =
      new ScheduledStep(
          "ACC1", "P1", "DOE^JANE", "19800101", "F", "DX", "CHEST", "CHEST PA", "DXROOM1");

  /** A worklist whose answers the test sets, counting the queries it gets. */
  static final class FakeWorklist implements Worklist {
    final Map<String, List<ScheduledStep>> orders = new HashMap<>();
    final List<String> asked = new ArrayList<>();
    volatile boolean down;

    @Override
    public synchronized List<ScheduledStep> byAccession(String accession)
        throws WorklistUnavailableException {
      asked.add(accession);
      if (down) {
        throw new WorklistUnavailableException("worklist WLM@host:1: connection refused", null);
      }
      return orders.getOrDefault(accession, List.of());
    }

    synchronized int queries() {
      return asked.size();
    }
  }

  private final FakeWorklist fake = new FakeWorklist();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private CachingWorklist cache(int max) {
    return new CachingWorklist(fake, max, Duration.ofMinutes(5), Duration.ofSeconds(30), now::get);
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void anOrderFoundIsKeptForTheHitTtl() throws Exception {
    fake.orders.put("ACC1", List.of(STEP));
    CachingWorklist c = cache(10);

    assertThat(c.byAccession("ACC1")).containsExactly(STEP);
    advance(Duration.ofMinutes(5).minusNanos(1));
    assertThat(c.byAccession("ACC1")).containsExactly(STEP);
    assertThat(fake.queries()).isOne();

    advance(Duration.ofNanos(1));
    assertThat(c.byAccession("ACC1")).containsExactly(STEP);
    assertThat(fake.queries()).isEqualTo(2);
    assertThat(c.hits()).isOne();
    assertThat(c.misses()).isEqualTo(2);
    assertThat(c.queries()).isEqualTo(2);
    assertThat(c.failures()).isZero();
  }

  @Test
  void noSuchOrderIsKeptOnlyForTheMissTtl() throws Exception {
    CachingWorklist c = cache(10);

    assertThat(c.byAccession("ACC1")).isEmpty();
    advance(Duration.ofSeconds(29));
    assertThat(c.byAccession("ACC1")).isEmpty();
    assertThat(fake.queries()).isOne();

    // The order is entered after the image came: seen once the miss has expired.
    fake.orders.put("ACC1", List.of(STEP));
    advance(Duration.ofSeconds(1));
    assertThat(c.byAccession("ACC1")).containsExactly(STEP);
    assertThat(fake.queries()).isEqualTo(2);
    assertThat(c.hits()).isOne();
    assertThat(c.misses()).isEqualTo(2);
  }

  @Test
  void unavailabilityIsNeverKept() throws Exception {
    fake.orders.put("ACC1", List.of(STEP));
    fake.down = true;
    CachingWorklist c = cache(10);

    assertThatThrownBy(() -> c.byAccession("ACC1"))
        .isInstanceOf(WorklistUnavailableException.class)
        .hasMessageContaining("connection refused");
    assertThatThrownBy(() -> c.byAccession("ACC1"))
        .isInstanceOf(WorklistUnavailableException.class);
    assertThat(fake.queries()).isEqualTo(2);
    assertThat(c.size()).isZero();

    fake.down = false;
    assertThat(c.byAccession("ACC1")).containsExactly(STEP);
    assertThat(c.failures()).isEqualTo(2);
    assertThat(c.misses()).isEqualTo(3);
    assertThat(c.hits()).isZero();
  }

  @Test
  void theLeastRecentlyUsedGoesFirstPastMaxEntries() throws Exception {
    CachingWorklist c = cache(2);
    c.byAccession("A");
    c.byAccession("B");
    c.byAccession("A"); // A is now the most recently used
    c.byAccession("C"); // pushes B out
    assertThat(c.size()).isEqualTo(2);
    assertThat(fake.queries()).isEqualTo(3);

    c.byAccession("A");
    c.byAccession("C");
    assertThat(fake.queries()).as("A and C still kept").isEqualTo(3);
    c.byAccession("B");
    assertThat(fake.queries()).as("B was asked again").isEqualTo(4);
    assertThat(c.size()).isEqualTo(2);
  }

  @Test
  void accessionNumbersAreKeptWithoutPadding() throws Exception {
    fake.orders.put("ACC1", List.of(STEP));
    CachingWorklist c = cache(10);
    assertThat(c.byAccession("ACC1 ")).containsExactly(STEP);
    assertThat(c.byAccession("ACC1")).containsExactly(STEP);
    assertThat(fake.asked).containsExactly("ACC1");
  }

  @Test
  void zeroTtlsKeepNothing() throws Exception {
    fake.orders.put("ACC1", List.of(STEP));
    CachingWorklist c = new CachingWorklist(fake, 10, Duration.ZERO, Duration.ZERO, now::get);
    c.byAccession("ACC1");
    c.byAccession("ACC1");
    c.byAccession("NONE");
    c.byAccession("NONE");
    assertThat(fake.queries()).isEqualTo(4);
    assertThat(c.size()).isZero();
  }

  @Test
  void concurrentLookupsOfOneAccessionSendOneQuery() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Worklist slow =
        accession -> {
          calls.incrementAndGet();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return List.of(STEP);
        };
    CachingWorklist c =
        new CachingWorklist(slow, 10, Duration.ofMinutes(5), Duration.ofSeconds(30), now::get);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<ScheduledStep>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> c.byAccession("ACC1")));
      }
      // Every lookup has counted its miss (and waits) before the one query is let go.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (c.misses() < 8 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(c.misses()).isEqualTo(8);
      release.countDown();
      for (Future<List<ScheduledStep>> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).containsExactly(STEP);
      }
      assertThat(calls).hasValue(1);
      assertThat(c.queries()).isOne();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void lookupsWaitingForAFailedQueryFailToo() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Worklist failing =
        accession -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new WorklistUnavailableException("worklist WLM@host:1: no answer within 1 s", null);
        };
    CachingWorklist c =
        new CachingWorklist(failing, 10, Duration.ofMinutes(5), Duration.ofSeconds(30), now::get);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<ScheduledStep>>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        results.add(pool.submit(() -> c.byAccession("ACC1")));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (c.misses() < 3 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      release.countDown();
      for (Future<List<ScheduledStep>> f : results) {
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(WorklistUnavailableException.class)
            .hasMessageContaining("no answer within 1 s");
      }
      assertThat(c.failures()).isEqualTo(3);
      assertThat(c.queries()).isOne();
      assertThat(c.size()).isZero();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void blankAccessionNumbersGoStraightToTheDelegate() throws Exception {
    CachingWorklist c = cache(10);
    assertThat(c.byAccession(" ")).isEmpty();
    assertThat(c.byAccession(null)).isEmpty();
    assertThat(c.size()).isZero();
    assertThat(c.hits() + c.misses()).isZero();
  }
}
