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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
    int[] due = {0};
    boolean stopped = false;
    // Deletions decided earlier come first, whatever the policies say now.
    for (StudyFacts f : StudyFacts.pending(db, zone)) {
      due[0]++;
      if (studies.size() >= budget) {
        continue;
      }
      if (stopping) {
        stopped = true;
        break;
      }
      RetentionPolicy policy =
          current.stream()
              .filter(p -> f.pendingPolicyId != null && p.id() == f.pendingPolicyId)
              .findFirst()
              .orElse(null);
      studies.add(
          dryRun
              ? f.entry(f.pendingPolicyId, RunReport.Status.PENDING, 0, null)
              : complete(f, f.pendingPolicyId, policy, actor));
    }
    List<Due> toDelete = new ArrayList<>();
    Optional<LocalDate> cutoff = rules.earliestCutoff(today);
    if (!pendingOnly && !stopped && cutoff.isPresent()) {
      StudyFacts.scan(
          db,
          cutoff.get(),
          zone,
          f -> {
            Optional<RetentionPolicy> p = rules.due(f.modalities, f.day, today);
            if (p.isEmpty()) {
              return;
            }
            if (f.held) {
              if (held.size() < MAX_HELD_LISTED) {
                held.add(f.entry(p.get().id(), RunReport.Status.HELD, 0, null));
              }
              return;
            }
            due[0]++;
            if (studies.size() + toDelete.size() < budget) {
              toDelete.add(new Due(f, p.get()));
            }
          });
    }
    for (Due d : toDelete) {
      if (stopping) {
        stopped = true;
        break;
      }
      long policyId = d.policy().id();
      if (dryRun) {
        studies.add(d.facts().entry(policyId, RunReport.Status.WOULD_DELETE, 0, null));
        continue;
      }
      StudyDeletion.Decision decision = deletion.decide(d.facts().study, policyId, actor);
      if (decision instanceof StudyDeletion.Decision.Held) {
        held.add(d.facts().entry(policyId, RunReport.Status.HELD, 0, null));
      } else if (decision instanceof StudyDeletion.Decision.Decided) {
        studies.add(complete(d.facts(), policyId, d.policy(), actor));
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
        due[0],
        count(studies, RunReport.Status.DELETED),
        count(studies, RunReport.Status.FAILED),
        stopped);
  }

  /** A study due under a policy. */
  private record Due(StudyFacts facts, RetentionPolicy policy) {}

  private static int count(List<RunReport.Study> studies, RunReport.Status status) {
    return (int) studies.stream().filter(s -> s.status() == status).count();
  }

  /** Steps 2 to 4 of a decided deletion; a failure is reported and counted, never thrown. */
  private RunReport.Study complete(
      StudyFacts f, Long policyId, RetentionPolicy policy, StudyDeletion.Actor actor) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("policy", policyId);
    if (policy != null) {
      details.put("modality", policy.modality() == null ? "*" : policy.modality());
      details.put("minimumAgeDays", policy.minimumAgeDays());
    }
    details.put("studyDate", f.studyDate);
    details.put("day", f.day == null ? null : f.day.toString());
    try {
      StudyDeletion.Outcome o = deletion.complete(f.study, actor, details);
      studiesDeleted.increment();
      instancesDeleted.increment(o.instances());
      objectsDeleted.increment(o.objects());
      LOG.info(
          "retention deleted study {}: {} instances, {} objects (policy {}, by {})",
          f.study,
          o.instances(),
          o.objects(),
          policyId,
          actor.user());
      return f.entry(policyId, RunReport.Status.DELETED, o.objects(), null);
    } catch (Exception e) {
      failures.increment();
      LOG.warn(
          "retention could not delete study {}, left for the next run: {}", f.study, e.toString());
      return f.entry(policyId, RunReport.Status.FAILED, 0, e.getMessage());
    }
  }
}
