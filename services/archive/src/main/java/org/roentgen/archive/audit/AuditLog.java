package org.roentgen.archive.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The audit trail in the database: appended to, read by time range and user, never changed. */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource db;

  public AuditLog(DataSource db) {
    this.db = db;
  }

  /**
   * Appends a record; the patients are those of its studies and instances as the index knows them.
   */
  public void append(AuditRecord r) throws SQLException {
    try (Connection c = db.getConnection()) {
      append(c, r);
    }
  }

  /**
   * Appends a record in the caller's transaction: the record is written if and only if what it
   * records is (retention's deletion of a study).
   */
  public static void append(Connection c, AuditRecord r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
                INSERT INTO audit_event (at, user_id, roles, remote_address, event_id, action,
                    outcome, operation, status, query, study_uids, sop_uids, patient_ids, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    ARRAY(SELECT DISTINCT x FROM unnest(?::text[]
                          || ARRAY(SELECT p.patient_id FROM study st
                                   JOIN patient p ON p.pk = st.patient_pk
                                   WHERE st.study_uid = ANY(?) AND p.patient_id <> '')
                          || ARRAY(SELECT p.patient_id FROM instance i
                                   JOIN study st ON st.study_uid = i.study_uid
                                   JOIN patient p ON p.pk = st.patient_pk
                                   WHERE i.sop_uid = ANY(?) AND p.patient_id <> '')) x
                          ORDER BY x),
                    ?::jsonb)
                """)) {
      Array studies = c.createArrayOf("text", r.studies().toArray());
      Array instances = c.createArrayOf("text", r.instances().toArray());
      ps.setTimestamp(1, Timestamp.from(r.at()));
      ps.setString(2, r.user());
      ps.setString(3, r.roles());
      ps.setString(4, r.remoteAddress());
      ps.setString(5, r.event().code());
      ps.setString(6, r.event().action());
      ps.setInt(7, r.outcome());
      ps.setString(8, r.operation());
      ps.setInt(9, r.status());
      ps.setString(10, r.query());
      ps.setArray(11, studies);
      ps.setArray(12, instances);
      ps.setArray(13, c.createArrayOf("text", r.patients().toArray()));
      ps.setArray(14, studies);
      ps.setArray(15, instances);
      ps.setString(16, r.details().isEmpty() ? null : JSON.writeValueAsString(r.details()));
      ps.executeUpdate();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("audit details are not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Records from {@code from} (inclusive) to {@code to} (exclusive), oldest first, optionally of
   * one user, at most {@code limit}.
   */
  public List<AuditRecord> read(Instant from, Instant to, String user, int limit)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT at, user_id, roles, remote_address, event_id, action, outcome, operation,"
                + " status, query, study_uids, sop_uids, patient_ids, details::text"
                + " FROM audit_event WHERE at >= ? AND at < ?");
    if (user != null) {
      sql.append(" AND user_id = ?");
    }
    sql.append(" ORDER BY at, id LIMIT ").append(limit);
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ps.setTimestamp(1, Timestamp.from(from));
      ps.setTimestamp(2, Timestamp.from(to));
      if (user != null) {
        ps.setString(3, user);
      }
      List<AuditRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String details = rs.getString(14);
          @SuppressWarnings("unchecked")
          Map<String, Object> d = details == null ? Map.of() : JSON.readValue(details, Map.class);
          out.add(
              new AuditRecord(
                  rs.getTimestamp(1).toInstant(),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  AuditEvent.of(rs.getString(5), rs.getString(6)),
                  rs.getInt(7),
                  rs.getString(8),
                  rs.getInt(9),
                  rs.getString(10),
                  List.of((String[]) rs.getArray(11).getArray()),
                  List.of((String[]) rs.getArray(12).getArray()),
                  List.of((String[]) rs.getArray(13).getArray()),
                  d));
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException("audit details in the database are not JSON", e);
      }
      return out;
    }
  }
}
