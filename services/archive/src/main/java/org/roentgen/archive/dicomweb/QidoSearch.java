package org.roentgen.archive.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.roentgen.archive.index.Header;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * Runs QIDO-RS searches on the index and answers in the DICOM JSON model.
 *
 * <p>Matching (PS3.4 C.2.2.2, literal: no fuzzy matching): an empty value matches everything; UIDs
 * match one of a list (comma or backslash separated); DA and TM match a value or a range ({@code
 * 20260101-20260131}, {@code -20260131}, {@code 20260101-}); person names match case-insensitively,
 * with {@code *} and {@code ?} wildcards; other text matches exactly or by wildcard; IS by number.
 * Attributes the index keeps in columns are matched through its indexes; any other attribute is
 * matched on the headers it keeps.
 */
public final class QidoSearch {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ONLINE = "ONLINE";
  private static final List<Integer> INSTANCE_HEADER_DEFAULTS =
      List.of(Tag.Rows, Tag.Columns, Tag.BitsAllocated, Tag.NumberOfFrames);

  /**
   * A PatientName match of at most this many patients is answered patient first: their keys are
   * looked up through the name index, then their studies through the study's patient index, and the
   * page is sorted out of those. Past it, PostgreSQL walks the studies newest first and checks each
   * one's patient, which finds a page of a common name quickly but reads thousands of studies for a
   * rare one (bench/archive-dicomweb.sh, 50,000 patients, warm cache: WOZNIAK*, 254 patients, 75 ms
   * that way and 4.5 ms patient first; 1,000 patients 23 ms patient first, where the walk reads
   * about 1,250 studies for a page of 25 and costs as much).
   */
  public static final int PATIENT_FIRST_LIMIT = 500;

  private final DataSource db;

  public QidoSearch(DataSource db) {
    this.db = db;
  }

  /** The matching results, in a stable order, at most {@code query.limit()} after the offset. */
  public ArrayNode search(QidoQuery q, String baseUrl) throws SQLException {
    try (Connection c = db.getConnection()) {
      return search(c, q, baseUrl);
    }
  }

  private static ArrayNode search(Connection c, QidoQuery q, String baseUrl) throws SQLException {
    Sql sql = new Sql();
    List<String> where = new ArrayList<>();
    if (q.studyUid() != null) {
      where.add("st.study_uid = ?");
      sql.params.add(q.studyUid());
    }
    if (q.seriesUid() != null) {
      where.add("se.series_uid = ?");
      sql.params.add(q.seriesUid());
    }
    for (QidoQuery.Match m : q.matches()) {
      String cond = condition(c, q.level(), m, sql);
      if (cond != null) {
        where.add(cond);
      }
    }
    String from = from(q);
    if (sql.patients != null) {
      // Materialized, so that the planner cannot walk all studies by date instead: with the
      // patients' keys as values it would (their studies look many), and read thousands.
      sql.text.append("WITH p_few AS MATERIALIZED (SELECT * FROM patient WHERE pk = ANY(?)),");
      sql.text.append(" st_few AS MATERIALIZED (SELECT * FROM study WHERE patient_pk = ANY(?)) ");
      sql.params.add(0, sql.patients);
      sql.params.add(0, sql.patients);
      from = from.replace("study st", "st_few st").replace("patient p", "p_few p");
    }
    sql.text.append("SELECT ").append(selectList(q.level())).append(" FROM ").append(from);
    if (!where.isEmpty()) {
      sql.text.append(" WHERE ").append(String.join(" AND ", where));
    }
    sql.text.append(" ORDER BY ").append(order(q.level()));
    sql.text.append(" LIMIT ").append(q.limit()).append(" OFFSET ").append(q.offset());
    Set<Integer> returned = returned(q);
    List<Map<String, Object>> rows = sql.query(c);
    ArrayNode out = JSON.createArrayNode();
    if (rows.isEmpty()) {
      return out;
    }
    Extras extras = extras(c, q, rows, returned);
    for (Map<String, Object> row : rows) {
      out.add(result(q, row, returned, extras, baseUrl));
    }
    return out;
  }

  // ---- SQL ----------------------------------------------------------------------------------

  private static String selectList(QidoLevel level) {
    List<String> cols = new ArrayList<>();
    cols.add("st.study_uid AS k_study");
    for (QidoAttribute a : QidoAttribute.ofLevel(QidoLevel.STUDY)) {
      if (a.column() != null) {
        cols.add(a.column() + " AS " + alias(a.tag()));
      }
    }
    if (level != QidoLevel.STUDY) {
      cols.add("se.series_uid AS k_series");
      for (QidoAttribute a : QidoAttribute.ofLevel(QidoLevel.SERIES)) {
        if (a.column() != null) {
          cols.add(a.column() + " AS " + alias(a.tag()));
        }
      }
    }
    if (level == QidoLevel.INSTANCE) {
      cols.add("i.sop_uid AS k_instance");
      cols.add("i.header::text AS k_header");
      for (QidoAttribute a : QidoAttribute.ofLevel(QidoLevel.INSTANCE)) {
        cols.add(a.column() + " AS " + alias(a.tag()));
      }
    }
    return String.join(", ", cols);
  }

  private static String from(QidoQuery q) {
    return switch (q.level()) {
      case STUDY -> "study st JOIN patient p ON p.pk = st.patient_pk";
      case SERIES ->
          "series se JOIN study st ON st.study_uid = se.study_uid"
              + " JOIN patient p ON p.pk = st.patient_pk";
      case INSTANCE ->
          "instance i JOIN series se ON se.series_uid = i.series_uid"
              + " JOIN study st ON st.study_uid = i.study_uid"
              + " JOIN patient p ON p.pk = st.patient_pk";
    };
  }

  private static String order(QidoLevel level) {
    return switch (level) {
      case STUDY -> "st.study_date DESC NULLS LAST, st.study_uid DESC";
      case SERIES -> "st.study_uid, se.series_number NULLS LAST, se.series_uid";
      case INSTANCE -> "i.series_uid, i.instance_number NULLS LAST, i.sop_uid";
    };
  }

  /** The SQL condition of one match, its parameters added to {@code sql}; null matches all. */
  private static String condition(Connection c, QidoLevel level, QidoQuery.Match m, Sql sql)
      throws SQLException {
    if (m.value().isEmpty() || m.value().equals("*")) {
      return null;
    }
    if (m.tag() == Tag.PatientName) {
      Sql probe = new Sql();
      String cond = match("p.patient_name", m, probe, false);
      List<Long> patients = fewPatients(c, cond, probe);
      if (patients != null) {
        if (sql.patients != null) {
          patients.retainAll(sql.patients.keys());
        }
        sql.patients = new Keys(patients);
        return null;
      }
      sql.params.addAll(probe.params);
      return cond;
    }
    if (m.tag() == Tag.ModalitiesInStudy) {
      sql.params.add(list(m.value()));
      String exists =
          "EXISTS (SELECT 1 FROM series sm WHERE sm.study_uid = st.study_uid"
              + " AND sm.modality = ANY(?))";
      return exists;
    }
    QidoAttribute a = QidoAttribute.of(m.tag());
    if (a != null && a.column() == null) {
      throw new QidoException(keyword(m.tag()) + " is returned, not matched");
    }
    String column;
    QidoLevel at;
    if (a != null) {
      column = a.column();
      at = a.level();
    } else {
      String path = m.vr() == VR.PN ? "Value,0,Alphabetic" : "Value,0";
      column = "(i.header #>> '{" + Header.key(m.tag()) + "," + path + "}')";
      at = QidoLevel.INSTANCE;
    }
    String cond = match(column, m, sql, a != null && a.vr() == VR.IS && a.column() != null);
    if (at.ordinal() <= level.ordinal()) {
      return cond;
    }
    // An attribute of a lower level: some series (instance) of the result matches.
    if (at == QidoLevel.SERIES) {
      return "EXISTS (SELECT 1 FROM series se WHERE se.study_uid = st.study_uid AND " + cond + ")";
    }
    String key =
        level == QidoLevel.STUDY ? "study_uid = st.study_uid" : "series_uid = se.series_uid";
    return "EXISTS (SELECT 1 FROM instance i WHERE i." + key + " AND " + cond + ")";
  }

  /**
   * The keys of the patients {@code cond} matches, or null when they are more than {@link
   * #PATIENT_FIRST_LIMIT}. Planned with its values each time (never a generic plan, which could not
   * use the name index for a pattern it does not know).
   */
  private static List<Long> fewPatients(Connection c, String cond, Sql probe) throws SQLException {
    probe.text.append("SELECT p.pk FROM patient p WHERE ").append(cond);
    probe.text.append(" LIMIT ").append(PATIENT_FIRST_LIMIT + 1);
    List<Long> keys = new ArrayList<>();
    try (PreparedStatement ps = probe.prepare(c)) {
      ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getLong(1));
        }
      }
    }
    return keys.size() > PATIENT_FIRST_LIMIT ? null : keys;
  }

  private static String match(String column, QidoQuery.Match m, Sql sql, boolean integer) {
    String v = m.value();
    switch (m.vr()) {
      case UI -> {
        List<String> uids = list(v);
        if (uids.size() == 1) {
          sql.params.add(uids.get(0));
          return column + " = ?";
        }
        sql.params.add(uids);
        return column + " = ANY(?)";
      }
      case DA, TM, DT -> {
        String value = m.vr() == VR.TM ? v.replace(":", "") : v;
        int dash = m.vr() == VR.DT ? -1 : value.indexOf('-');
        if (dash < 0) {
          sql.params.add(value);
          return column + " = ?";
        }
        String lower = value.substring(0, dash).strip();
        String upper = value.substring(dash + 1).strip();
        List<String> parts = new ArrayList<>();
        if (!lower.isEmpty()) {
          sql.params.add(lower);
          parts.add(column + " >= ?");
        }
        if (!upper.isEmpty()) {
          // "1200" includes 12:00:30: any longer value that starts with the bound is inside.
          sql.params.add(m.vr() == VR.TM ? upper + "~" : upper);
          parts.add(column + " <= ?");
        }
        if (parts.isEmpty()) {
          throw new QidoException(keyword(m.tag()) + ": a range needs at least one bound");
        }
        return "(" + String.join(" AND ", parts) + ")";
      }
      case PN -> {
        if (wildcard(v)) {
          sql.params.add(like(v.toLowerCase(java.util.Locale.ROOT)));
          return "lower(" + column + ") LIKE ? ESCAPE '\\'";
        }
        sql.params.add(v.toLowerCase(java.util.Locale.ROOT));
        return "lower(" + column + ") = ?";
      }
      default -> {
        if (integer) {
          sql.params.add(Integer.valueOf(v.replace("+", "")));
          return column + " = ?";
        }
        if (m.vr() == VR.CS && (v.contains(",") || v.contains("\\"))) {
          sql.params.add(list(v));
          return column + " = ANY(?)";
        }
        if (wildcard(v)) {
          sql.params.add(like(v));
          return column + " LIKE ? ESCAPE '\\'";
        }
        sql.params.add(v);
        return column + " = ?";
      }
    }
  }

  private static boolean wildcard(String v) {
    return v.indexOf('*') >= 0 || v.indexOf('?') >= 0;
  }

  /** A DICOM wildcard value as a LIKE pattern: * any run, ? one character, the rest literal. */
  static String like(String v) {
    StringBuilder out = new StringBuilder();
    for (char ch : v.toCharArray()) {
      switch (ch) {
        case '*' -> out.append('%');
        case '?' -> out.append('_');
        case '%', '_', '\\' -> out.append('\\').append(ch);
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  private static List<String> list(String v) {
    List<String> out = new ArrayList<>();
    for (String s : v.split("[,\\\\]")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    if (out.isEmpty()) {
      throw new QidoException("an empty list: " + v);
    }
    return out;
  }

  // ---- results ------------------------------------------------------------------------------

  /** The attributes each result carries: the level's defaults, the matched and the included. */
  private static Set<Integer> returned(QidoQuery q) {
    Set<Integer> out = new LinkedHashSet<>();
    boolean studyAttrs = q.level() == QidoLevel.STUDY || q.studyUid() == null || q.includeAll();
    boolean seriesAttrs =
        q.level() == QidoLevel.SERIES
            || (q.level() == QidoLevel.INSTANCE && (q.seriesUid() == null || q.includeAll()));
    if (studyAttrs) {
      QidoAttribute.ofLevel(QidoLevel.STUDY).forEach(a -> out.add(a.tag()));
    }
    out.add(Tag.StudyInstanceUID);
    if (seriesAttrs) {
      QidoAttribute.ofLevel(QidoLevel.SERIES).forEach(a -> out.add(a.tag()));
    }
    if (q.level() != QidoLevel.STUDY) {
      out.add(Tag.SeriesInstanceUID);
      out.add(Tag.Modality);
    }
    if (q.level() == QidoLevel.INSTANCE) {
      QidoAttribute.ofLevel(QidoLevel.INSTANCE).forEach(a -> out.add(a.tag()));
      out.addAll(INSTANCE_HEADER_DEFAULTS);
    }
    out.add(Tag.RetrieveURL);
    out.add(Tag.InstanceAvailability);
    q.matches().forEach(m -> out.add(m.tag()));
    out.addAll(q.includes());
    if (q.level() != QidoLevel.SERIES) {
      out.remove(Tag.NumberOfSeriesRelatedInstances);
    }
    if (q.level() != QidoLevel.STUDY) {
      out.remove(Tag.NumberOfStudyRelatedSeries);
      out.remove(Tag.NumberOfStudyRelatedInstances);
      out.remove(Tag.ModalitiesInStudy);
    }
    // Ascending, as the JSON model's keys sort (an element's key is its tag in 8 hex digits).
    Set<Integer> sorted = new java.util.TreeSet<>(Integer::compareUnsigned);
    sorted.addAll(out);
    return sorted;
  }

  /** What the rows of the page need beyond their columns: counts, modalities, headers. */
  private record Extras(
      Map<String, Long> seriesCount,
      Map<String, Long> instanceCount,
      Map<String, List<String>> modalities,
      Map<String, JsonNode> headers) {}

  private static Extras extras(
      Connection c, QidoQuery q, List<Map<String, Object>> rows, Set<Integer> returned)
      throws SQLException {
    Map<String, Long> seriesCount = new HashMap<>();
    Map<String, Long> instanceCount = new HashMap<>();
    Map<String, List<String>> modalities = new HashMap<>();
    Map<String, JsonNode> headers = new HashMap<>();
    String keyColumn = q.level() == QidoLevel.STUDY ? "k_study" : "k_series";
    List<String> keys = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      keys.add((String) r.get(keyColumn));
    }
    if (q.level() == QidoLevel.STUDY) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT study_uid, count(*), array_agg(DISTINCT modality ORDER BY modality)"
                  + " FILTER (WHERE modality IS NOT NULL)"
                  + " FROM series WHERE study_uid = ANY(?) GROUP BY study_uid")) {
        ps.setArray(1, c.createArrayOf("text", keys.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            seriesCount.put(rs.getString(1), rs.getLong(2));
            Array a = rs.getArray(3);
            modalities.put(
                rs.getString(1), a == null ? List.of() : List.of((String[]) a.getArray()));
          }
        }
      }
    }
    if (q.level() != QidoLevel.INSTANCE) {
      String col = q.level() == QidoLevel.STUDY ? "study_uid" : "series_uid";
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT "
                  + col
                  + ", count(*) FROM instance WHERE "
                  + col
                  + " = ANY(?) GROUP BY "
                  + col)) {
        ps.setArray(1, c.createArrayOf("text", keys.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            instanceCount.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      if (needsHeader(q, returned)) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT ON ("
                    + col
                    + ") "
                    + col
                    + ", header::text FROM instance WHERE "
                    + col
                    + " = ANY(?) ORDER BY "
                    + col
                    + ", sop_uid")) {
          ps.setArray(1, c.createArrayOf("text", keys.toArray()));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              headers.put(rs.getString(1), readTree(rs.getString(2)));
            }
          }
        }
      }
    }
    return new Extras(seriesCount, instanceCount, modalities, headers);
  }

  private static boolean needsHeader(QidoQuery q, Set<Integer> returned) {
    if (q.includeAll()) {
      return true;
    }
    for (int tag : returned) {
      if (QidoAttribute.of(tag) == null
          && tag != Tag.RetrieveURL
          && tag != Tag.InstanceAvailability) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode result(
      QidoQuery q, Map<String, Object> row, Set<Integer> returned, Extras x, String baseUrl) {
    // The returned tags come in ascending order (returned()), so the elements go straight into the
    // result; only includefield=all merges the header's in, and sorts.
    ObjectNode out = JSON.createObjectNode();
    String study = (String) row.get("k_study");
    String series = (String) row.get("k_series");
    String instance = (String) row.get("k_instance");
    JsonNode header =
        q.level() == QidoLevel.INSTANCE
            ? readTree((String) row.get("k_header"))
            : x.headers().get(q.level() == QidoLevel.STUDY ? study : series);
    for (int tag : returned) {
      QidoAttribute a = QidoAttribute.of(tag);
      String key = Header.key(tag);
      if (tag == Tag.RetrieveURL) {
        String url = baseUrl + "/studies/" + study;
        if (series != null) {
          url += "/series/" + series;
        }
        if (instance != null) {
          url += "/instances/" + instance;
        }
        out.set(key, element(VR.UR, List.of(url)));
      } else if (tag == Tag.InstanceAvailability) {
        out.set(key, element(VR.CS, List.of(ONLINE)));
      } else if (tag == Tag.ModalitiesInStudy) {
        out.set(key, element(VR.CS, x.modalities().getOrDefault(study, List.of())));
      } else if (tag == Tag.NumberOfStudyRelatedSeries) {
        out.set(key, element(VR.IS, List.of(x.seriesCount().getOrDefault(study, 0L))));
      } else if (tag == Tag.NumberOfStudyRelatedInstances) {
        out.set(key, element(VR.IS, List.of(x.instanceCount().getOrDefault(study, 0L))));
      } else if (tag == Tag.NumberOfSeriesRelatedInstances) {
        out.set(key, element(VR.IS, List.of(x.instanceCount().getOrDefault(series, 0L))));
      } else if (a != null && a.column() != null && row.containsKey(alias(tag))) {
        Object v = row.get(alias(tag));
        List<Object> values = new ArrayList<>();
        if (v != null) {
          if (a.vr() == VR.CS && v instanceof String s && s.contains("\\")) {
            values.addAll(List.of((Object[]) s.split("\\\\")));
          } else {
            values.add(v);
          }
        }
        out.set(key, element(a.vr(), values));
      } else if (header != null && header.has(key)) {
        out.set(key, header.get(key));
      } else {
        out.set(key, element(QidoQuery.vrOf(tag), List.of()));
      }
    }
    if (q.includeAll() && header != null) {
      TreeMap<String, JsonNode> attrs = new TreeMap<>();
      out.fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue()));
      header
          .fields()
          .forEachRemaining(
              e -> {
                int tag = (int) Long.parseLong(e.getKey(), 16);
                if (includedByAll(q.level(), tag)) {
                  attrs.putIfAbsent(e.getKey(), e.getValue());
                }
              });
      out.removeAll();
      attrs.forEach(out::set);
    }
    return out;
  }

  /** Under includefield=all, the header elements a result of the level carries. */
  private static boolean includedByAll(QidoLevel level, int tag) {
    if (level == QidoLevel.INSTANCE) {
      return true;
    }
    return (tag >>> 16) == 0x0010;
  }

  /** One element of the JSON model: its VR and values (none: present but empty). */
  static ObjectNode element(VR vr, List<?> values) {
    ObjectNode e = JSON.createObjectNode();
    e.put("vr", vr.name());
    if (values.isEmpty()) {
      return e;
    }
    ArrayNode arr = e.putArray("Value");
    for (Object v : values) {
      if (vr == VR.PN) {
        arr.addObject().put("Alphabetic", v.toString());
      } else if (vr == VR.IS || vr == VR.US || vr == VR.UL || vr == VR.SS || vr == VR.SL) {
        arr.add(v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().strip()));
      } else if (vr == VR.DS || vr == VR.FD || vr == VR.FL) {
        arr.add(v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().strip()));
      } else {
        arr.add(v.toString());
      }
    }
    return e;
  }

  private static String alias(int tag) {
    return "a_" + Header.key(tag).toLowerCase(java.util.Locale.ROOT);
  }

  private static String keyword(int tag) {
    String k = ElementDictionary.keywordOf(tag);
    return k == null ? Header.key(tag) : k;
  }

  private static JsonNode readTree(String s) {
    try {
      return s == null ? null : JSON.readTree(s);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a header in the index is not JSON", e);
    }
  }

  /** Row keys (patient pk) as one parameter: a bigint array. */
  private record Keys(List<Long> keys) {}

  /** A statement being built: its text and parameters in order. */
  private static final class Sql {
    final StringBuilder text = new StringBuilder();
    final List<Object> params = new ArrayList<>();

    /** The only patients whose studies can match (a PatientName match of few), or null. */
    Keys patients;

    PreparedStatement prepare(Connection c) throws SQLException {
      PreparedStatement ps = c.prepareStatement(text.toString());
      try {
        for (int i = 0; i < params.size(); i++) {
          Object p = params.get(i);
          if (p instanceof List<?> l) {
            ps.setArray(i + 1, c.createArrayOf("text", l.toArray()));
          } else if (p instanceof Keys k) {
            ps.setArray(i + 1, c.createArrayOf("bigint", k.keys().toArray()));
          } else {
            ps.setObject(i + 1, p);
          }
        }
        return ps;
      } catch (SQLException | RuntimeException e) {
        ps.close();
        throw e;
      }
    }

    List<Map<String, Object>> query(Connection c) throws SQLException {
      try (PreparedStatement ps = prepare(c)) {
        try (ResultSet rs = ps.executeQuery()) {
          List<Map<String, Object>> rows = new ArrayList<>();
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int col = 1; col <= n; col++) {
              row.put(rs.getMetaData().getColumnLabel(col), rs.getObject(col));
            }
            rows.add(row);
          }
          return rows;
        }
      }
    }
  }
}
