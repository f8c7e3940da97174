package org.roentgen.archive.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads what the reports are made of from the index. Every report takes an instance's station,
 * study date, body part and view from the dose registry (the instance's current header), its
 * modality from its series; the period compares study dates as DA strings.
 */
public final class ReportStore {
  /** An instance in the dose registry that records any exposure value is an exposure. */
  private static final String EXPOSURE =
      "(d.kvp IS NOT NULL OR d.mas IS NOT NULL OR d.dap IS NOT NULL OR d.ei IS NOT NULL"
          + " OR d.di IS NOT NULL)";

  private static final String FROM =
      " FROM instance i JOIN dose d ON d.sop_uid = i.sop_uid"
          + " JOIN series se ON se.series_uid = i.series_uid";

  private final DataSource db;

  public ReportStore(DataSource db) {
    this.db = db;
  }

  /**
   * The exposures of the query, by study date, station, study and instance; from {@code offset}, at
   * most {@code limit} (0: all).
   */
  public List<DoseReport.Exposure> exposures(ReportQuery q, int offset, int limit)
      throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "SELECT i.study_uid, i.sop_uid, d.study_date, d.station, d.protocol, se.modality,"
                + " d.body_part, d.view, d.kvp, d.mas, d.dap, d.ei, d.tei, d.di"
                + FROM
                + " WHERE "
                + EXPOSURE);
    where(sql, params, q);
    sql.append(
        " ORDER BY d.study_date COLLATE \"C\" NULLS LAST, d.station COLLATE \"C\" NULLS LAST,"
            + " i.study_uid COLLATE \"C\", i.sop_uid COLLATE \"C\"");
    if (limit > 0) {
      sql.append(" LIMIT ").append(limit);
    }
    if (offset > 0) {
      sql.append(" OFFSET ").append(offset);
    }
    List<DoseReport.Exposure> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new DoseReport.Exposure(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                number(rs, 9),
                number(rs, 10),
                number(rs, 11),
                number(rs, 12),
                number(rs, 13),
                number(rs, 14)));
      }
    }
    return out;
  }

  /** Every image of the query with what the reject analysis needs. */
  public List<RejectAnalysis.Image> images(ReportQuery q) throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            """
            SELECT i.sop_uid, i.study_uid, d.station, d.body_part, d.view,
              coalesce(nullif(btrim(i.header #>> '{00200060,Value,0}'), ''),
                       nullif(btrim(i.header #>> '{00200062,Value,0}'), '')),
              d.protocol,
              coalesce((i.header #>> '{00080022,Value,0}') || (i.header #>> '{00080032,Value,0}'),
                       (i.header #>> '{00080023,Value,0}') || (i.header #>> '{00080033,Value,0}')),
              r.action, r.reject_reason,
              q.released_at IS NOT NULL,
              qc.verdict,
              (SELECT f ->> 'checkId'
                 FROM jsonb_array_elements(coalesce(qc.block -> 'findings', '[]'::jsonb))
                      WITH ORDINALITY AS x(f, n)
                WHERE f ->> 'severity' = 'FAIL' ORDER BY n LIMIT 1),
              v.verdict,
              (SELECT f ->> 'ruleId'
                 FROM jsonb_array_elements(coalesce(v.block -> 'findings', '[]'::jsonb))
                      WITH ORDINALITY AS x(f, n)
                WHERE f ->> 'severity' = 'FAIL' ORDER BY n LIMIT 1)
            """);
    sql.append(FROM)
        .append(" ")
        .append(
            """
             LEFT JOIN qc ON qc.sop_uid = i.sop_uid
             LEFT JOIN validation v ON v.sop_uid = i.sop_uid
             LEFT JOIN quarantine q ON q.sop_uid = i.sop_uid
             LEFT JOIN LATERAL (
               SELECT ra.action, ra.reject_reason FROM review_action ra
                WHERE ra.sop_uid = i.sop_uid AND ra.action IN ('REJECTED', 'RELEASED')
                ORDER BY ra.at DESC, ra.id DESC LIMIT 1) r ON true
             WHERE true""");
    where(sql, params, q);
    List<RejectAnalysis.Image> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        boolean rejected = "REJECTED".equals(rs.getString(9));
        String reason = rs.getString(10);
        out.add(
            new RejectAnalysis.Image(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rejected ? (reason == null ? RejectReason.OTHER.name() : reason) : null,
                "RELEASED".equals(rs.getString(9)) || rs.getBoolean(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getString(15)));
      }
    }
    return out;
  }

  /** The number of validated instances of the query per station. */
  public Map<String, Long> validated(ReportQuery q) throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT d.station, count(*)")
            .append(FROM)
            .append(" JOIN validation v ON v.sop_uid = i.sop_uid WHERE true");
    where(sql, params, q);
    sql.append(" GROUP BY d.station");
    Map<String, Long> out = new HashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  /** The FAIL and WARN findings of the validated instances of the query. */
  public List<LabelingReport.Finding> findings(ReportQuery q) throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT d.station, i.sop_uid, f ->> 'ruleId', f ->> 'severity'")
            .append(FROM)
            .append(
                " JOIN validation v ON v.sop_uid = i.sop_uid"
                    + " CROSS JOIN LATERAL"
                    + " jsonb_array_elements(coalesce(v.block -> 'findings', '[]'::jsonb)) f"
                    + " WHERE f ->> 'severity' IN ('FAIL', 'WARN')");
    where(sql, params, q);
    List<LabelingReport.Finding> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new LabelingReport.Finding(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    return out;
  }

  private static void where(StringBuilder sql, List<Object> params, ReportQuery q) {
    if (q.from() != null) {
      sql.append(" AND d.study_date COLLATE \"C\" >= ?");
      params.add(q.from());
    }
    if (q.to() != null) {
      sql.append(" AND d.study_date COLLATE \"C\" <= ?");
      params.add(q.to());
    }
    if (q.station() != null) {
      sql.append(" AND d.station = ?");
      params.add(q.station());
    }
    if (q.modality() != null) {
      sql.append(" AND se.modality = ?");
      params.add(q.modality());
    }
  }

  private static PreparedStatement prepare(Connection c, StringBuilder sql, List<Object> params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql.toString());
    try {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  private static Double number(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
