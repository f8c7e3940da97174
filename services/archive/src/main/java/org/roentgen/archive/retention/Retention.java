package org.roentgen.archive.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.roentgen.archive.config.ArchiveBeans;
import org.roentgen.archive.config.ArchiveConfig;
import org.roentgen.archive.messaging.DeletionsTopic;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.platform.objectstore.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the retention policies: finds the studies old enough under their policy, keeps those
 * under legal hold, deletes the rest ({@link StudyDeletion}), at most {@code
 * archive.retention.max-studies} a run, oldest first. Deletions an earlier run started and did not
 * finish are completed first. One run at a time across every archive on the database (a
 * transaction-level advisory lock on a connection of the run's own).
 *
 * <p>At start, before the index consumers (observer priority), the deletions topic is read back
 * into the database and followed; the scheduled run ({@code archive.retention.interval}) and the
 * completion of deletions that arrive from another archive run on one thread of their own. At
 * shutdown a run finishes the study in hand and stops.
 */
@Singleton
public class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  /** The user of scheduled runs in the audit trail. */
  public static final String SCHEDULED_USER = "retention";

  /** The run lock: the two-key form, a space apart from the study locks' one-key form. */
  private static final int LOCK_CLASS = 0x52544e;

  private static final int LOCK_RUN = 1;
  private static final int MAX_HELD_LISTED = 1000;
  private static final Duration BUSY_RETRY = Duration.ofMinutes(1);
  private static final Duration ARRIVAL_DELAY = Duration.ofSeconds(2);

  /** Another run holds the lock. */
  public static final class Busy extends Exception {
    Busy() {
      super("a retention run is in progress");
    }
  }

  private final ArchiveConfig config;
  private final DataSource db;
  private final ObjectStore store;
  private final Policies policies;
  private final LegalHolds holds;
  private final ZoneId zone;
  private final Counter studiesDeleted;
  private final Counter instancesDeleted;
  private final Counter objectsDeleted;
  private final Counter failures;
  private volatile DeletionsTopic topic;
  private volatile StudyDeletion deletion;
  private volatile ScheduledExecutorService executor;
  private volatile boolean stopping;
  private final AtomicBoolean arrivalQueued = new AtomicBoolean();

  public Retention(
      ArchiveConfig config,
      DataSource db,
      ObjectStore store,
      Policies policies,
      LegalHolds holds,
      MeterRegistry registry) {
    this.config = config;
    this.db = db;
    this.store = store;
    this.policies = policies;
    this.holds = holds;
    this.zone = config.retention().zone().map(ZoneId::of).orElse(ZoneId.systemDefault());
    this.studiesDeleted = counter(registry, "studies_deleted", "Studies retention deleted");
    this.instancesDeleted =
        counter(registry, "instances_deleted", "Instances retention deleted from the index");
    this.objectsDeleted =
        counter(registry, "objects_deleted", "Objects (versions, previews) deleted from S3");
    this.failures =
        counter(registry, "failures", "Study deletions that failed, left for the next run");
    // The registry may outlive an application in one JVM (Quarkus tests): a gauge left by an
    // earlier one would read that application's database.
    String active = MetricNames.name("archive", "legal_holds_active");
    registry.find(active).gauges().forEach(registry::remove);
    Gauge.builder(active, holds, Retention::active)
        .description("Legal holds in force")
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String what, String description) {
    return Counter.builder(MetricNames.name("archive", "retention." + what))
        .description(description)
        .register(registry);
  }

  private static double active(LegalHolds holds) {
    try {
      return holds.active();
    } catch (SQLException e) {
      return Double.NaN;
    }
  }

  synchronized void start(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent e)
      throws Exception {
    ArchiveConfig.Kafka k = config.kafka();
    ArchiveConfig.Retention r = config.retention();
    topic =
        new DeletionsTopic(
            k.bootstrapServers(),
            r.deletionsTopic(),
            k.groupId() + "-deletions",
            ArchiveBeans.SERVICE + "-" + ArchiveBeans.instanceName() + "-deletions",
            r.kafkaTimeout(),
            db);
    topic.restore();
    deletion = new StudyDeletion(db, store, topic);
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "retention");
              t.setDaemon(true);
              return t;
            });
    topic.follow(this::arrived);
    // Deletions left pending by the last run of this archive, or read back just now: complete them.
    arrived();
    r.interval()
        .ifPresent(
            every -> {
              executor.scheduleWithFixedDelay(
                  this::scheduled, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
              LOG.info("retention runs every {}", every);
            });
  }

  synchronized void stop(@Observes ShutdownEvent e) {
    stopping = true;
    if (executor != null) {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
          LOG.warn("the retention run did not stop within 20 s");
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    }
    if (topic != null) {
      topic.close();
    }
  }

  private void scheduled() {
    try {
      RunReport r = run(scheduledActor("scheduled retention run"), false, false);
      LOG.info(
          "scheduled retention run: {} deleted, {} failed, {} due",
          r.deleted(),
          r.failed(),
          r.due());
    } catch (Busy b) {
      LOG.info("scheduled retention run skipped: {}", b.getMessage());
    } catch (Exception ex) {
      LOG.error("scheduled retention run failed: {}", ex.toString());
    }
  }

  /**
   * Tombstones of instances this index holds arrived: their deletion is completed a moment later,
   * once the rest of the deleting archive's tombstones of the study are likely in too (one audit
   * record for the study rather than one per batch read).
   */
  private void arrived() {
    if (!arrivalQueued.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.schedule(
          () -> {
            arrivalQueued.set(false);
            completeArrived();
          },
          ARRIVAL_DELAY.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down: the next start completes them (they are pending in the database)
      arrivalQueued.set(false);
    }
  }

  /** Tombstones from another archive name instances this index holds: complete their deletion. */
  private void completeArrived() {
    try {
      run(scheduledActor("deletions topic"), false, true);
    } catch (Busy b) {
      try {
        executor.schedule(this::completeArrived, BUSY_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // shutting down: the next start's run completes them
      }
    } catch (Exception ex) {
      LOG.error("completing deletions from the deletions topic failed: {}", ex.toString());
    }
  }

  private static StudyDeletion.Actor scheduledActor(String operation) {
    return new StudyDeletion.Actor(SCHEDULED_USER, null, null, operation);
  }

  /**
   * A run on behalf of a user (an admin's request); see {@link #run(StudyDeletion.Actor, boolean,
   * boolean)}.
   */
  public RunReport run(
      String user, String roles, String remoteAddress, String operation, boolean dryRun)
      throws Busy, SQLException {
    return run(new StudyDeletion.Actor(user, roles, remoteAddress, operation), dryRun, false);
  }

  /** A scheduled run now, as the user {@code retention} (tests and operators' tools). */
  public RunReport runAsScheduled() throws Busy, SQLException {
    return run(scheduledActor("scheduled retention run"), false, false);
  }

  /**
   * One run: pending deletions first, then the studies due under the policies.
   *
   * @param pendingOnly only complete deletions already decided (tombstones from another archive)
   * @throws Busy when another run holds the lock
   */
  RunReport run(StudyDeletion.Actor actor, boolean dryRun, boolean pendingOnly)
      throws Busy, SQLException {
    if (deletion == null) {
      throw new IllegalStateException("retention has not started");
    }
    Instant started = Instant.now();
    try (Connection lock = db.getConnection()) {
      lock.setAutoCommit(false);
      try {
        if (!tryLock(lock)) {
          throw new Busy();
        }
        return runLocked(actor, dryRun, pendingOnly, started);
      } finally {
        lock.rollback();
      }
    }
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
      ps.setInt(1, LOCK_CLASS);
      ps.setInt(2, LOCK_RUN);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private RunReport runLocked(
      StudyDeletion.Actor actor, boolean dryRun, boolean pendingOnly, Instant started)
      throws SQLException {
    LocalDate today = LocalDate.now(zone);
    List<RetentionPolicy> current = policies.current();
    RetentionRules rules = new RetentionRules(current);
    int budget = Math.max(0, config.retention().maxStudies());
    List<RunReport.Study> studies = new ArrayList<>();
    List<RunReport.Study> held = new ArrayList<>();
    int deleted = 0;
    int failed = 0;
    int due = 0;
    boolean stopped = false;
    // Deletions decided earlier come first, whatever the policies say now.
    for (Candidate c : pendingStudies()) {
      due++;
      if (studies.size() >= budget) {
        continue;
      }
      if (stopping) {
        stopped = true;
        break;
      }
      if (dryRun) {
        studies.add(c.entry(null, RunReport.Status.PENDING, 0, null));
        continue;
      }
      RunReport.Study done = complete(c, actor, c.pendingPolicy);
      deleted += done.status() == RunReport.Status.DELETED ? 1 : 0;
      failed += done.status() == RunReport.Status.FAILED ? 1 : 0;
      studies.add(done);
    }
    if (!pendingOnly && !stopped) {
      List<Candidate> toDelete = new ArrayList<>();
      Optional<LocalDate> cutoff = rules.earliestCutoff(today);
      if (cutoff.isPresent()) {
        for (Candidate c : candidates(cutoff.get())) {
          Optional<RetentionPolicy> p = rules.due(c.modalities, c.day, today);
          if (p.isEmpty()) {
            continue;
          }
          c.policy = p.get();
          if (c.held) {
            if (held.size() < MAX_HELD_LISTED) {
              held.add(c.entry(c.policy.id(), RunReport.Status.HELD, 0, null));
            }
            continue;
          }
          due++;
          if (studies.size() + toDelete.size() < budget) {
            toDelete.add(c);
          }
        }
      }
      for (Candidate c : toDelete) {
        if (stopping) {
          stopped = true;
          break;
        }
        if (dryRun) {
          studies.add(c.entry(c.policy.id(), RunReport.Status.WOULD_DELETE, 0, null));
          continue;
        }
        StudyDeletion.Decision d = deletion.decide(c.study, c.policy.id(), actor);
        if (d instanceof StudyDeletion.Decision.Held) {
          held.add(c.entry(c.policy.id(), RunReport.Status.HELD, 0, null));
          continue;
        }
        if (d instanceof StudyDeletion.Decision.Gone) {
          continue;
        }
        RunReport.Study done = complete(c, actor, c.policy);
        deleted += done.status() == RunReport.Status.DELETED ? 1 : 0;
        failed += done.status() == RunReport.Status.FAILED ? 1 : 0;
        studies.add(done);
      }
    }
    return new RunReport(
        dryRun,
        actor.user(),
        today,
        started,
        Instant.now(),
        current,
        studies,
        held,
        due,
        deleted,
        failed,
        stopped);
  }

  private RunReport.Study complete(Candidate c, StudyDeletion.Actor actor, RetentionPolicy policy) {
    Long policyId = policy == null ? c.pendingPolicyId : Long.valueOf(policy.id());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("policy", policyId);
    if (policy != null) {
      details.put("modality", policy.modality() == null ? "*" : policy.modality());
      details.put("minimumAgeDays", policy.minimumAgeDays());
    }
    details.put("studyDate", c.studyDate);
    details.put("day", c.day == null ? null : c.day.toString());
    try {
      StudyDeletion.Outcome o = deletion.complete(c.study, actor, details);
      studiesDeleted.increment();
      instancesDeleted.increment(o.instances());
      objectsDeleted.increment(o.objects());
      LOG.info(
          "retention deleted study {}: {} instances, {} objects (policy {}, by {})",
          c.study,
          o.instances(),
          o.objects(),
          policyId,
          actor.user());
      return c.entry(policyId, RunReport.Status.DELETED, o.objects(), null);
    } catch (Exception e) {
      failures.increment();
      LOG.warn(
          "retention could not delete study {}, left for the next run: {}", c.study, e.toString());
      return c.entry(policyId, RunReport.Status.FAILED, 0, e.getMessage());
    }
  }

  /** A study as a run sees it. */
  private final class Candidate {
    final String study;
    final String patientId;
    final String studyDate;
    final LocalDate day;
    final List<String> modalities;
    final int instances;
    final boolean held;
    RetentionPolicy policy;
    RetentionPolicy pendingPolicy;
    Long pendingPolicyId;

    Candidate(ResultSet rs) throws SQLException {
      study = rs.getString("study_uid");
      patientId = rs.getString("patient_id");
      studyDate = rs.getString("study_date");
      Timestamp first = rs.getTimestamp("first_received");
      day = RetentionRules.studyDay(studyDate, first == null ? null : first.toInstant(), zone);
      String[] m = (String[]) rs.getArray("modalities").getArray();
      modalities = Arrays.asList(m);
      instances = rs.getInt("instances");
      held = rs.getBoolean("held");
    }

    /** A pending study the index no longer has a row of (its instances are gone already). */
    Candidate(String study) {
      this.study = study;
      patientId = null;
      studyDate = null;
      day = null;
      modalities = List.of();
      instances = 0;
      held = false;
    }

    RunReport.Study entry(Long policyId, RunReport.Status status, int objects, String error) {
      return new RunReport.Study(
          study,
          patientId,
          studyDate,
          day,
          modalities,
          policyId,
          instances,
          objects,
          status,
          error);
    }
  }

  private static final String DESCRIBE =
      """
      SELECT st.study_uid, st.study_date, p.patient_id,
             (SELECT min(i.received_at) FROM instance i WHERE i.study_uid = st.study_uid)
                 AS first_received,
             ARRAY(SELECT DISTINCT coalesce(se.modality, '') FROM series se
                   WHERE se.study_uid = st.study_uid ORDER BY 1) AS modalities,
             (SELECT count(*) FROM instance i WHERE i.study_uid = st.study_uid) AS instances,
             EXISTS (SELECT 1 FROM legal_hold h
                     WHERE h.study_uid = st.study_uid AND h.lifted_at IS NULL) AS held
      FROM study st JOIN patient p ON p.pk = st.patient_pk
      """;

  /**
   * The studies whose StudyDate is on or before the cutoff, or that have no valid StudyDate (their
   * first receipt is looked at in Java), not already pending; oldest first.
   */
  private List<Candidate> candidates(LocalDate cutoff) throws SQLException {
    String sql =
        DESCRIBE
            + """
            WHERE ((st.study_date ~ '^[0-9]{8}$' AND st.study_date <= ?)
                   OR st.study_date IS NULL OR st.study_date !~ '^[0-9]{8}$')
              AND NOT EXISTS (SELECT 1 FROM deleted_instance d
                              WHERE d.study_uid = st.study_uid AND d.completed_at IS NULL)
            ORDER BY st.study_date NULLS LAST, st.study_uid
            """;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(500);
        ps.setString(1, cutoff.format(DateTimeFormatter.BASIC_ISO_DATE));
        List<Candidate> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Candidate(rs));
          }
        }
        return out;
      } finally {
        c.rollback();
      }
    }
  }

  /** Studies with tombstones not yet completed: deletions an earlier run or archive started. */
  private List<Candidate> pendingStudies() throws SQLException {
    List<Candidate> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                """
                SELECT d.study_uid, min(d.policy_id) AS policy_id
                FROM deleted_instance d WHERE d.completed_at IS NULL
                GROUP BY d.study_uid ORDER BY d.study_uid
                """);
        PreparedStatement describe = c.prepareStatement(DESCRIBE + " WHERE st.study_uid = ?")) {
      Map<Long, RetentionPolicy> byId = new LinkedHashMap<>();
      for (RetentionPolicy p : Policies.current(c)) {
        byId.put(p.id(), p);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String study = rs.getString(1);
          long policy = rs.getLong(2);
          Long policyId = rs.wasNull() ? null : policy;
          describe.setString(1, study);
          Candidate cand;
          try (ResultSet d = describe.executeQuery()) {
            cand = d.next() ? new Candidate(d) : new Candidate(study);
          }
          cand.pendingPolicyId = policyId;
          cand.pendingPolicy = policyId == null ? null : byId.get(policyId);
          out.add(cand);
        }
      }
    }
    return out;
  }
}
