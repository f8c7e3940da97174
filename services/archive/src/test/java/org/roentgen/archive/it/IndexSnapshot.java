package org.roentgen.archive.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole index as sorted text rows per table, without the surrogate keys a database assigns (a
 * study names its patient by ID and issuer): two indexes of the same events compare equal.
 */
final class IndexSnapshot {
  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("processed_event", "SELECT to_jsonb(t)::text FROM processed_event t");
    QUERIES.put("patient", "SELECT (to_jsonb(t) - 'pk')::text FROM patient t");
    QUERIES.put(
        "study",
        "SELECT (to_jsonb(st) - 'patient_pk' || jsonb_build_object('patient',"
            + " p.patient_id || '|' || p.issuer))::text"
            + " FROM study st JOIN patient p ON p.pk = st.patient_pk");
    for (String table :
        List.of(
            "series",
            "instance",
            "object_version",
            "validation",
            "qc",
            "delivery",
            "quarantine",
            "dose")) {
      QUERIES.put(table, "SELECT to_jsonb(t)::text FROM " + table + " t");
    }
  }

  private IndexSnapshot() {}

  static Map<String, List<String>> of(Connection c) throws Exception {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      for (Map.Entry<String, String> q : QUERIES.entrySet()) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(q.getValue())) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        }
        rows.sort(null);
        out.put(q.getKey(), rows);
      }
    }
    return out;
  }
}
