package org.roentgen.archive.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The retention policies in the database. A new set replaces the whole current set in one
 * transaction; the replaced policies stay as records (replaced_at, replaced_by), so the policy a
 * tombstone names can always be looked up.
 */
public final class Policies {
  private final DataSource db;

  public Policies(DataSource db) {
    this.db = db;
  }

  /** The policies in force, modality-specific ones first (by modality), then the one for any. */
  public List<RetentionPolicy> current() throws SQLException {
    try (Connection c = db.getConnection()) {
      return current(c);
    }
  }

  static List<RetentionPolicy> current(Connection c) throws SQLException {
    List<RetentionPolicy> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, modality, minimum_age_days, description, created_at, created_by"
                    + " FROM retention_policy WHERE replaced_at IS NULL"
                    + " ORDER BY modality NULLS LAST");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new RetentionPolicy(
                rs.getLong(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                rs.getString(6)));
      }
    }
    return out;
  }

  /**
   * Replaces the policies in force with {@code drafts} (checked by the caller: valid modalities,
   * one policy per modality, positive ages) and returns the new set.
   */
  public List<RetentionPolicy> replace(List<RetentionPolicy.Draft> drafts, String user)
      throws SQLException {
    Instant now = Instant.now();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        // One replacement at a time: two admins replacing at once must not interleave.
        try (PreparedStatement ps =
            c.prepareStatement("LOCK TABLE retention_policy IN SHARE ROW EXCLUSIVE MODE")) {
          ps.execute();
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE retention_policy SET replaced_at = ?, replaced_by = ?"
                    + " WHERE replaced_at IS NULL")) {
          ps.setTimestamp(1, Timestamp.from(now));
          ps.setString(2, user);
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO retention_policy (modality, minimum_age_days, description,"
                    + " created_at, created_by) VALUES (?, ?, ?, ?, ?)")) {
          for (RetentionPolicy.Draft d : drafts) {
            ps.setString(1, d.modality());
            ps.setInt(2, d.minimumAgeDays());
            ps.setString(3, d.description());
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, user);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        List<RetentionPolicy> out = current(c);
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
