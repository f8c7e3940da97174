package org.roentgen.archive.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Finds the stored objects of a study, a series or an instance for WADO-RS. */
public final class InstanceLocator {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One instance's current object and header. */
  public record Located(
      String studyUid,
      String seriesUid,
      String sopUid,
      String transferSyntax,
      String bucket,
      String key,
      long size,
      Long pixelOffset,
      Long pixelLength,
      JsonNode header) {}

  private final DataSource db;

  public InstanceLocator(DataSource db) {
    this.db = db;
  }

  /**
   * The instances in the scope, in series and instance number order; empty when there is none.
   *
   * @param seriesUid null for the whole study
   * @param sopUid null for the whole series (or study)
   * @param withHeaders false to leave the headers out (a retrieve streams objects only)
   */
  public List<Located> find(String studyUid, String seriesUid, String sopUid, boolean withHeaders)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT i.study_uid, i.series_uid, i.sop_uid, i.transfer_syntax, i.bucket,"
                + " i.object_key, i.object_size, i.pixel_offset, i.pixel_length, "
                + (withHeaders ? "i.header::text" : "NULL")
                + " FROM instance i JOIN series se ON se.series_uid = i.series_uid"
                + " WHERE i.study_uid = ?");
    List<String> params = new ArrayList<>();
    params.add(studyUid);
    if (seriesUid != null) {
      sql.append(" AND i.series_uid = ?");
      params.add(seriesUid);
    }
    if (sopUid != null) {
      sql.append(" AND i.sop_uid = ?");
      params.add(sopUid);
    }
    sql.append(
        " ORDER BY se.series_number NULLS LAST, i.series_uid, i.instance_number NULLS LAST,"
            + " i.sop_uid");
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setString(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<Located> out = new ArrayList<>();
        while (rs.next()) {
          String header = rs.getString(10);
          out.add(
              new Located(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getLong(7),
                  (Long) rs.getObject(8),
                  (Long) rs.getObject(9),
                  header == null ? null : JSON.readTree(header)));
        }
        return out;
      } catch (IOException e) {
        throw new IllegalStateException("a header in the index is not JSON", e);
      }
    }
  }
}
