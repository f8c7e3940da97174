package org.roentgen.archive.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.roentgen.archive.index.Tombstones;

/**
 * Legal holds in the database. Placing and lifting take the study's lock ({@link
 * Tombstones#lockStudy}), as retention does before it deletes: a hold placed while a run looks at
 * the study either comes first (the study is kept) or finds the deletion decided (refused).
 */
public final class LegalHolds {
  private static final String SELECT =
      "SELECT h.id, h.study_uid, p.patient_id, h.reason, h.placed_at, h.placed_by, h.lifted_at,"
          + " h.lifted_by, h.lift_reason FROM legal_hold h"
          + " LEFT JOIN study st ON st.study_uid = h.study_uid"
          + " LEFT JOIN patient p ON p.pk = st.patient_pk";

  /** What placing a hold did. */
  public sealed interface Placed {
    /** A new hold. */
    record Created(LegalHold hold) implements Placed {}

    /** The study was held already: that hold, unchanged. */
    record Existing(LegalHold hold) implements Placed {}

    /** Retention has deleted the study, or is deleting it: there is nothing left to hold. */
    record Deleted(Instant deletedAt) implements Placed {}
  }

  private final DataSource db;

  public LegalHolds(DataSource db) {
    this.db = db;
  }

  /** The holds in force (or every hold ever placed), oldest first. */
  public List<LegalHold> list(boolean withLifted) throws SQLException {
    String sql =
        SELECT + (withLifted ? "" : " WHERE h.lifted_at IS NULL") + " ORDER BY h.placed_at, h.id";
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<LegalHold> out = new ArrayList<>();
      while (rs.next()) {
        out.add(hold(rs));
      }
      return out;
    }
  }

  /** Holds in force. */
  public long active() throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM legal_hold WHERE lifted_at IS NULL");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Places a hold on the study, unless it is held already or retention deleted it. */
  public Placed place(String study, String reason, String user) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Tombstones.lockStudy(c, study);
        Optional<LegalHold> existing = active(c, study);
        if (existing.isPresent()) {
          c.commit();
          return new Placed.Existing(existing.get());
        }
        Optional<Instant> deleted = deleted(c, study);
        if (deleted.isPresent()) {
          c.commit();
          return new Placed.Deleted(deleted.get());
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO legal_hold (study_uid, reason, placed_at, placed_by)"
                    + " VALUES (?, ?, ?, ?)")) {
          ps.setString(1, study);
          ps.setString(2, reason);
          ps.setTimestamp(3, Timestamp.from(Instant.now()));
          ps.setString(4, user);
          ps.executeUpdate();
        }
        LegalHold hold = active(c, study).orElseThrow();
        c.commit();
        return new Placed.Created(hold);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Lifts the study's hold; empty when it has none in force. */
  public Optional<LegalHold> lift(String study, String reason, String user) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Tombstones.lockStudy(c, study);
        int n;
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE legal_hold SET lifted_at = ?, lifted_by = ?, lift_reason = ?"
                    + " WHERE study_uid = ? AND lifted_at IS NULL")) {
          ps.setTimestamp(1, Timestamp.from(Instant.now()));
          ps.setString(2, user);
          ps.setString(3, reason);
          ps.setString(4, study);
          n = ps.executeUpdate();
        }
        Optional<LegalHold> lifted = Optional.empty();
        if (n > 0) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  SELECT + " WHERE h.study_uid = ? ORDER BY h.lifted_at DESC NULLS LAST LIMIT 1")) {
            ps.setString(1, study);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              lifted = Optional.of(hold(rs));
            }
          }
        }
        c.commit();
        return lifted;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** True when the study has a hold in force (the caller holds the study's lock). */
  static boolean held(Connection c, String study) throws SQLException {
    return active(c, study).isPresent();
  }

  private static Optional<LegalHold> active(Connection c, String study) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(SELECT + " WHERE h.study_uid = ? AND h.lifted_at IS NULL")) {
      ps.setString(1, study);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(hold(rs)) : Optional.empty();
      }
    }
  }

  /**
   * When retention deleted the study: it has tombstones and either still has tombstoned instances
   * in the index (the deletion is under way) or no instance left at all.
   */
  private static Optional<Instant> deleted(Connection c, String study) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            SELECT max(d.deleted_at) FROM deleted_instance d
            WHERE d.study_uid = ?
              AND (d.completed_at IS NULL
                   OR NOT EXISTS (SELECT 1 FROM instance i WHERE i.study_uid = d.study_uid))
            """)) {
      ps.setString(1, study);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Timestamp t = rs.getTimestamp(1);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
      }
    }
  }

  private static LegalHold hold(ResultSet rs) throws SQLException {
    Timestamp lifted = rs.getTimestamp(7);
    return new LegalHold(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getTimestamp(5).toInstant(),
        rs.getString(6),
        lifted == null ? null : lifted.toInstant(),
        rs.getString(8),
        rs.getString(9));
  }
}
