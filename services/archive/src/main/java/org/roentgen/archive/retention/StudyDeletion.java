package org.roentgen.archive.retention;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.roentgen.archive.audit.AuditEvent;
import org.roentgen.archive.audit.AuditLog;
import org.roentgen.archive.audit.AuditRecord;
import org.roentgen.archive.index.Tombstones;
import org.roentgen.archive.messaging.DeletionsTopic;
import org.roentgen.platform.objectstore.ObjectStore;

/**
 * Deletes one study, in an order that never leaves an index row pointing at nothing unless the last
 * step failed, and that a later run can always finish:
 *
 * <ol>
 *   <li><b>decide</b> ({@link #decide}): under the study's lock, unless the study is under legal
 *       hold, a tombstone per instance is committed; from then on the indexer skips the instances'
 *       events, and the deletion is pending until it completes;
 *   <li><b>publish</b> the tombstones to the deletions topic and wait for the acknowledgements, so
 *       that no rebuild of the index brings back what is about to go;
 *   <li><b>objects</b>: every object version (object_version) and each QC preview is deleted from
 *       the object store;
 *   <li><b>index</b>: in one transaction, under the study's lock, the STUDY_DELETED audit record is
 *       appended, the instances (their verdicts, deliveries, quarantine, dose by cascade) and
 *       object versions are deleted, then the series and the study if empty, then the patient if no
 *       study is left, and the tombstones are marked completed.
 * </ol>
 *
 * <p>A failure in step 2, 3 or 4 leaves the study pending with its index rows, and the next run
 * repeats steps 2 to 4 (publishing again and deleting absent objects are harmless). Until then,
 * after a failure halfway through step 3 or in step 4, index rows name objects that are gone: the
 * price of never leaving objects that no index row names.
 */
final class StudyDeletion {
  /** Who deletes, as the audit trail names them. */
  record Actor(String user, String roles, String remoteAddress, String operation) {}

  /** What {@link #decide} found. */
  sealed interface Decision {
    /** Under legal hold: kept. */
    record Held() implements Decision {}

    /** No instance left in the index: nothing to delete. */
    record Gone() implements Decision {}

    /** Tombstones committed for these instances. */
    record Decided(int instances) implements Decision {}
  }

  /** What a completed deletion removed. */
  record Outcome(int instances, int objects) {}

  private final DataSource db;
  private final ObjectStore store;
  private final DeletionsTopic topic;

  StudyDeletion(DataSource db, ObjectStore store, DeletionsTopic topic) {
    this.db = db;
    this.store = store;
    this.topic = topic;
  }

  /** Step 1: the tombstones of every instance the index holds of the study, unless it is held. */
  Decision decide(String study, Long policyId, Actor actor) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Tombstones.lockStudy(c, study);
        if (LegalHolds.held(c, study)) {
          c.commit();
          return new Decision.Held();
        }
        int n;
        try (PreparedStatement ps =
            c.prepareStatement(
                """
                INSERT INTO deleted_instance (sop_uid, study_uid, deleted_at, deleted_by, policy_id)
                SELECT sop_uid, study_uid, ?, ?, ? FROM instance WHERE study_uid = ?
                ON CONFLICT (sop_uid) DO NOTHING
                """)) {
          ps.setTimestamp(1, Timestamp.from(Instant.now()));
          ps.setString(2, actor.user());
          if (policyId == null) {
            ps.setNull(3, java.sql.Types.BIGINT);
          } else {
            ps.setLong(3, policyId);
          }
          ps.setString(4, study);
          n = ps.executeUpdate();
        }
        c.commit();
        return n == 0 && pending(study).isEmpty() ? new Decision.Gone() : new Decision.Decided(n);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Steps 2 to 4 for the study's pending tombstones.
   *
   * @param details what the audit record says beyond the study (the policy)
   * @throws Exception when a step failed: the study stays pending for the next run
   */
  Outcome complete(String study, Actor actor, Map<String, Object> details) throws Exception {
    List<DeletionsTopic.Deletion> pending = pending(study);
    if (pending.isEmpty()) {
      return new Outcome(0, 0);
    }
    topic.publish(pending);
    List<String> sops = pending.stream().map(DeletionsTopic.Deletion::sopInstanceUid).toList();
    List<String[]> objects = objects(sops);
    for (String[] o : objects) {
      store.delete(o[0], o[1]);
    }
    int instances = index(study, sops, objects.size(), actor, details);
    return new Outcome(instances, objects.size());
  }

  /** The study's tombstones not yet completed. */
  List<DeletionsTopic.Deletion> pending(String study) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT sop_uid, study_uid, deleted_at, deleted_by, policy_id"
                    + " FROM deleted_instance WHERE study_uid = ? AND completed_at IS NULL"
                    + " ORDER BY sop_uid")) {
      ps.setString(1, study);
      List<DeletionsTopic.Deletion> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long policy = rs.getLong(5);
          out.add(
              new DeletionsTopic.Deletion(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getTimestamp(3).toInstant(),
                  rs.getString(4),
                  rs.wasNull() ? null : policy));
        }
      }
      return out;
    }
  }

  /** Every object version and QC preview of the instances, as (bucket, key). */
  private List<String[]> objects(List<String> sops) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                """
                SELECT bucket, object_key FROM object_version WHERE sop_uid = ANY (?)
                UNION
                SELECT preview_bucket, preview_key FROM qc
                WHERE sop_uid = ANY (?) AND preview_bucket IS NOT NULL AND preview_key IS NOT NULL
                ORDER BY 1, 2
                """)) {
      Array a = c.createArrayOf("text", sops.toArray());
      ps.setArray(1, a);
      ps.setArray(2, a);
      List<String[]> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      return out;
    }
  }

  /** Step 4: the audit record and the index rows, in one transaction. */
  private int index(
      String study, List<String> sops, int objects, Actor actor, Map<String, Object> details)
      throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Tombstones.lockStudy(c, study);
        Array a = c.createArrayOf("text", sops.toArray());
        List<String> indexed = new ArrayList<>();
        try (PreparedStatement ps =
            c.prepareStatement("SELECT sop_uid FROM instance WHERE sop_uid = ANY (?)")) {
          ps.setArray(1, a);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              indexed.add(rs.getString(1));
            }
          }
        }
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("instances", indexed.size());
        d.put("objects", objects);
        AuditLog.append(
            c,
            new AuditRecord(
                Instant.now(),
                actor.user(),
                actor.roles(),
                actor.remoteAddress(),
                AuditEvent.STUDY_DELETED,
                0,
                actor.operation(),
                200,
                null,
                List.of(study),
                sops,
                patients(c, study),
                d));
        update(c, "DELETE FROM object_version WHERE sop_uid = ANY (?)", a);
        int instances = update(c, "DELETE FROM instance WHERE sop_uid = ANY (?)", a);
        update(
            c,
            """
            DELETE FROM series se WHERE se.study_uid = ?
              AND NOT EXISTS (SELECT 1 FROM instance i WHERE i.series_uid = se.series_uid)
            """,
            study);
        Long patient = null;
        try (PreparedStatement ps =
            c.prepareStatement(
                """
                DELETE FROM study st WHERE st.study_uid = ?
                  AND NOT EXISTS (SELECT 1 FROM instance i WHERE i.study_uid = st.study_uid)
                  AND NOT EXISTS (SELECT 1 FROM series se WHERE se.study_uid = st.study_uid)
                RETURNING patient_pk
                """)) {
          ps.setString(1, study);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              patient = rs.getLong(1);
            }
          }
        }
        if (patient != null) {
          deletePatientIfAlone(c, patient);
        }
        update(
            c,
            "UPDATE deleted_instance SET completed_at = now()"
                + " WHERE sop_uid = ANY (?) AND completed_at IS NULL",
            a);
        c.commit();
        return instances;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Deletes the patient when no study names it. An event that gives the patient a new study at that
   * moment wins: the patient stays.
   */
  private static void deletePatientIfAlone(Connection c, long patient) throws SQLException {
    Savepoint before = c.setSavepoint();
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM patient p WHERE p.pk = ?"
                + " AND NOT EXISTS (SELECT 1 FROM study st WHERE st.patient_pk = p.pk)")) {
      ps.setLong(1, patient);
      ps.executeUpdate();
      c.releaseSavepoint(before);
    } catch (SQLException e) {
      if (!"23503".equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
    }
  }

  private static List<String> patients(Connection c, String study) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT p.patient_id FROM study st JOIN patient p ON p.pk = st.patient_pk"
                + " WHERE st.study_uid = ? AND p.patient_id <> ''")) {
      ps.setString(1, study);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return List.copyOf(out);
  }

  private static int update(Connection c, String sql, Object param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, param);
      return ps.executeUpdate();
    }
  }
}
