package org.roentgen.archive.review;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.roentgen.platform.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quarantine as metrics, per station (StationName as the index has it): the instances held for
 * review ({@code roentgen_archive_quarantine_held}) and how long the oldest of them has waited
 * ({@code roentgen_archive_quarantine_oldest_age_seconds}), read from the index by {@link
 * #refresh()}, every {@code archive.review.metrics-interval} once started; and the reviewers'
 * rejects by coded reason ({@code roentgen_archive_rejects_total}). A station with nothing held has
 * no series. The held counts come from the shared index, so every archive instance reports the same
 * values (dashboards take the max, not the sum).
 */
public final class QuarantineMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QuarantineMetrics.class);

  /** An instance is held until it is released (by the index or a reviewer) or rejected. */
  private static final String HELD =
      """
      SELECT se.station, count(*), min(q.held_at)
        FROM quarantine q
        JOIN instance i ON i.sop_uid = q.sop_uid
        JOIN series se ON se.series_uid = i.series_uid
       WHERE q.held_event_id IS NOT NULL AND q.released_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM review_action r WHERE r.sop_uid = q.sop_uid
                           AND r.action IN ('RELEASED', 'REJECTED'))
       GROUP BY se.station
      """;

  private static final String STATION = "station";

  private final DataSource db;
  private final MeterRegistry registry;
  private final Clock clock;
  private final MultiGauge held;
  private final MultiGauge oldestAge;
  private ScheduledExecutorService executor;

  public QuarantineMetrics(DataSource db, MeterRegistry registry, Clock clock) {
    this.db = db;
    this.registry = registry;
    this.clock = clock;
    String heldName = MetricNames.name("archive", "quarantine.held");
    String ageName = MetricNames.name("archive", "quarantine.oldest.age");
    // The registry may outlive an application in one JVM (Quarkus tests): rows left by an earlier
    // one would keep that application's values.
    registry.find(heldName).gauges().forEach(registry::remove);
    registry.find(ageName).gauges().forEach(registry::remove);
    this.held =
        MultiGauge.builder(heldName)
            .description("Instances held in quarantine for review, per station")
            .register(registry);
    this.oldestAge =
        MultiGauge.builder(ageName)
            .baseUnit("seconds")
            .description("How long the oldest instance held in quarantine has waited, per station")
            .register(registry);
  }

  /** Refreshes the gauges now and then every {@code interval}, on a thread of its own. */
  public synchronized void start(Duration interval) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "quarantine-metrics");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (SQLException | RuntimeException e) {
      // The database away (or not migrated yet): the gauges keep their values until the next try.
      LOG.debug("quarantine metrics not refreshed: {}", e.toString());
    }
  }

  /** Reads the held instances per station from the index and replaces the gauges' rows. */
  public void refresh() throws SQLException {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Instant> oldest = new TreeMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(HELD);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String station = MetricNames.tagValue(rs.getString(1));
        counts.computeIfAbsent(station, s -> new long[1])[0] += rs.getLong(2);
        Timestamp t = rs.getTimestamp(3);
        if (t != null) {
          oldest.merge(station, t.toInstant(), (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    List<MultiGauge.Row<?>> heldRows = new ArrayList<>();
    counts.forEach((s, n) -> heldRows.add(MultiGauge.Row.of(Tags.of(STATION, s), n[0])));
    List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
    oldest.forEach(
        (s, at) -> ageRows.add(MultiGauge.Row.of(Tags.of(STATION, s), at, this::secondsSince)));
    held.register(heldRows, true);
    oldestAge.register(ageRows, true);
    // A station's reject counters exist (at zero) while its instances wait, before any reject, so
    // that Prometheus sees the first reject as an increase.
    for (String station : counts.keySet()) {
      for (String reason : ReviewService.REJECT_REASONS) {
        rejects(reason, station);
      }
    }
  }

  /** Counts a reviewer's reject of an instance of {@code station}, by its coded reason. */
  public void rejected(String rejectReason, String station) {
    rejects(rejectReason, MetricNames.tagValue(station)).increment();
  }

  private Counter rejects(String reason, String stationTag) {
    return Counter.builder(MetricNames.name("archive", "rejects"))
        .description("Quarantined instances rejected by a reviewer, by coded reason and station")
        .tag("reason", reason)
        .tag(STATION, stationTag)
        .register(registry);
  }

  private double secondsSince(Instant at) {
    return Math.max(0, clock.millis() - at.toEpochMilli()) / 1000.0;
  }
}
