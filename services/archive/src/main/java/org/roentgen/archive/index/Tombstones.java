package org.roentgen.archive.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The index's side of retention: the tombstones of deleted instances ({@code deleted_instance}) and
 * the per-study lock that keeps an event of an instance from slipping past its tombstone.
 *
 * <p>Every event takes the study's lock shared for its transaction; retention takes it exclusive
 * while it writes the tombstones and while it removes the index rows. So an event either committed
 * before the tombstones were written (and retention deletes what it wrote) or sees them (and is
 * skipped). The lock is a PostgreSQL transaction-level advisory lock on a 64-bit hash of the Study
 * Instance UID: a collision only makes two studies wait for each other.
 */
public final class Tombstones {
  private Tombstones() {}

  /**
   * True when the instance was deleted by retention: its event must not be applied. Takes the
   * study's lock shared until the transaction ends.
   */
  public static boolean deleted(Connection c, String studyUid, String sopUid) throws SQLException {
    lock(c, "SELECT pg_advisory_xact_lock_shared(hashtextextended(?, 0))", studyUid);
    try (PreparedStatement ps =
        c.prepareStatement("SELECT EXISTS (SELECT 1 FROM deleted_instance WHERE sop_uid = ?)")) {
      ps.setString(1, sopUid);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * Takes the study's lock exclusive until the transaction ends: no event of the study is applied
   * meanwhile, and every one applied before has committed.
   */
  public static void lockStudy(Connection c, String studyUid) throws SQLException {
    lock(c, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", studyUid);
  }

  private static void lock(Connection c, String sql, String studyUid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, studyUid);
      ps.execute();
    }
  }
}
