package org.roentgen.archive.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A study as a retention run sees it in the index: the day its age counts from, its modalities, its
 * size, whether it is held; for a deletion already decided, the policy its tombstones name.
 */
final class StudyFacts {
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

  final String study;
  final String patientId;
  final String studyDate;
  final LocalDate day;
  final List<String> modalities;
  final int instances;
  final boolean held;
  final Long pendingPolicyId;

  private StudyFacts(ResultSet rs, ZoneId zone, Long pendingPolicyId) throws SQLException {
    study = rs.getString("study_uid");
    patientId = rs.getString("patient_id");
    studyDate = rs.getString("study_date");
    Timestamp first = rs.getTimestamp("first_received");
    day = RetentionRules.studyDay(studyDate, first == null ? null : first.toInstant(), zone);
    modalities = Arrays.asList((String[]) rs.getArray("modalities").getArray());
    instances = rs.getInt("instances");
    held = rs.getBoolean("held");
    this.pendingPolicyId = pendingPolicyId;
  }

  /** A pending deletion of a study the index has no row of any more. */
  private StudyFacts(String study, Long pendingPolicyId) {
    this.study = study;
    patientId = null;
    studyDate = null;
    day = null;
    modalities = List.of();
    instances = 0;
    held = false;
    this.pendingPolicyId = pendingPolicyId;
  }

  RunReport.Study entry(Long policyId, RunReport.Status status, int objects, String error) {
    return new RunReport.Study(
        study, patientId, studyDate, day, modalities, policyId, instances, objects, status, error);
  }

  /**
   * Hands over, oldest first, each study not already pending whose StudyDate is on or before the
   * cutoff, or that has no valid StudyDate (its first receipt decides, in {@link RetentionRules}).
   * The rows are streamed: only what the caller keeps stays in memory.
   */
  static void scan(DataSource db, LocalDate cutoff, ZoneId zone, Consumer<StudyFacts> each)
      throws SQLException {
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
      c.setAutoCommit(false); // a cursor: the rows come in batches of the fetch size
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(500);
        ps.setString(1, cutoff.format(DateTimeFormatter.BASIC_ISO_DATE));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            each.accept(new StudyFacts(rs, zone, null));
          }
        }
      } finally {
        c.rollback();
      }
    }
  }

  /** The studies with tombstones not yet completed: deletions an earlier run or archive decided. */
  static List<StudyFacts> pending(DataSource db, ZoneId zone) throws SQLException {
    List<StudyFacts> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                """
                SELECT d.study_uid, min(d.policy_id) AS policy_id
                FROM deleted_instance d WHERE d.completed_at IS NULL
                GROUP BY d.study_uid ORDER BY d.study_uid
                """);
        PreparedStatement describe = c.prepareStatement(DESCRIBE + " WHERE st.study_uid = ?")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String study = rs.getString(1);
          long policy = rs.getLong(2);
          Long policyId = rs.wasNull() ? null : policy;
          describe.setString(1, study);
          try (ResultSet d = describe.executeQuery()) {
            out.add(d.next() ? new StudyFacts(d, zone, policyId) : new StudyFacts(study, policyId));
          }
        }
      }
    }
    return out;
  }
}
