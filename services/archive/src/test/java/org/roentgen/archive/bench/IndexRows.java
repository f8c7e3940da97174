package org.roentgen.archive.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.roentgen.archive.index.Header;
import org.roentgen.dicom.data.Tag;

/**
 * Fills the archive's index with generated rows, as if the pipeline had indexed a department's
 * three years: patients, studies, series and instances with the columns QIDO-RS matches on and a
 * small but realistic header (DICOM JSON, the elements a radiograph's header has most often) per
 * instance. Written by the database itself ({@code generate_series} over session-local temporary
 * tables), so that a million instances take minutes, not hours; nothing is left in the archive's
 * schema but the rows. The rows are what {@code Indexer} writes for a received event; the tables of
 * later pipeline stages (object versions, verdicts, doses, deliveries) stay empty.
 *
 * <p>Shape ({@link Plan}): {@code instancesPerStudy} instances per study in 2 or 3 series of one
 * modality (CR 30%, DX 35%, MG 15%, CT 20%), two studies per patient on average (patients drawn at
 * random, so some have one, some five), study dates uniform over the three years before {@link
 * #LAST_DAY}, 07:00 to 19:00; patient names {@code SURNAME^GIVEN} from {@link Names#SURNAMES} with
 * a skew like a real population (the first, SMITH, about 10% of patients, the last about 0.5%).
 * Everything follows from the counters through PostgreSQL's hash functions: the same plan gives the
 * same rows.
 */
final class IndexRows {
  /** The last study day of the generated years; the first is three years earlier. */
  static final String LAST_DAY = "2026-10-31";

  /** Days in the generated window. */
  static final int DAYS = 1096;

  /** The first study day ({@link #LAST_DAY} minus {@link #DAYS} - 1). */
  static final String FIRST_DAY = "2023-11-01";

  /** What to generate. */
  record Plan(int instances, int instancesPerStudy, int studiesPerPatient, int chunk) {
    int studies() {
      return (instances + instancesPerStudy - 1) / instancesPerStudy;
    }

    int patients() {
      return Math.max(1, studies() / studiesPerPatient);
    }
  }

  /** The UID root of generated rows: {@code 2.25.} and a fixed 24-digit prefix. */
  static final String UID_ROOT = "2.25.271828182845904523536028";

  private IndexRows() {}

  /** Fills the index of the database at {@code url}; prints progress to stdout. */
  static void generate(String url, String user, String password, Plan plan) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      // This session only: a crash would lose generated rows, nothing else.
      s.execute("SET synchronous_commit = off");
      s.execute("SET work_mem = '64MB'");
      s.execute("SET maintenance_work_mem = '256MB'");
      step(start, "patients: " + plan.patients());
      try (PreparedStatement ps = c.prepareStatement(patients())) {
        ps.setArray(1, c.createArrayOf("text", Names.SURNAMES.toArray()));
        ps.setArray(2, c.createArrayOf("text", Names.GIVEN_NAMES.toArray()));
        ps.setInt(3, plan.patients());
        ps.executeUpdate();
      }
      step(start, "studies: " + plan.studies());
      try (PreparedStatement ps = c.prepareStatement(studyPlan())) {
        ps.setInt(1, plan.patients());
        ps.setInt(2, plan.studies());
        ps.executeUpdate();
      }
      s.execute("CREATE INDEX ON g_study (s)");
      s.execute("ANALYZE g_study");
      s.executeUpdate(studies());
      step(start, "series");
      s.executeUpdate(seriesPlan());
      s.execute("CREATE INDEX ON g_series (s, k)");
      s.execute("ANALYZE g_series");
      s.executeUpdate(series());
      String insert = instances(plan.instancesPerStudy());
      for (long from = 0; from < plan.instances(); from += plan.chunk()) {
        long to = Math.min(plan.instances(), from + plan.chunk());
        try (PreparedStatement ps = c.prepareStatement(insert)) {
          ps.setLong(1, from);
          ps.setLong(2, to - 1);
          ps.executeUpdate();
        }
        step(start, String.format(Locale.ROOT, "instances: %,d of %,d", to, plan.instances()));
      }
      s.execute("DROP TABLE g_series");
      s.execute("DROP TABLE g_study");
      step(
          start,
          "VACUUM ANALYZE (visibility map and planner statistics, as autovacuum keeps them)");
      for (String table : List.of("patient", "study", "series", "instance")) {
        s.execute("VACUUM ANALYZE " + table);
      }
      step(start, "done");
    }
  }

  private static void step(long start, String what) {
    System.out.printf(Locale.ROOT, "   [%5.1f s] %s%n", (System.nanoTime() - start) / 1e9, what);
    System.out.flush();
  }

  /** A uniform hash of a counter and a salt, 0 to 2^31 - 1 (PostgreSQL's own, stable). */
  private static String h(String x, int salt) {
    return "(hashint8extended((" + x + ")::bigint, " + salt + ") & 2147483647)";
  }

  /** A uniform value in [0, 1) from a counter and a salt. */
  private static String u(String x, int salt) {
    return "(" + h(x, salt) + " / 2147483648.0)";
  }

  /** Parameters: surnames, given names, patient count. */
  private static String patients() {
    return """
        INSERT INTO patient (patient_id, issuer, patient_name, birth_date, sex)
        SELECT 'P' || lpad(p::text, 9, '0'), '',
               (?::text[])[1 + floor(%d * power(%s, 2))::int] || '^'
                 || (?::text[])[1 + %s %% %d],
               to_char(date '1930-01-01' + (%s %% 32000)::int, 'YYYYMMDD'),
               CASE WHEN %s %% 2 = 0 THEN 'F' ELSE 'M' END
          FROM generate_series(1, ?) p
        """
        .formatted(
            Names.SURNAMES.size(),
            u("p", 1),
            h("p", 2),
            Names.GIVEN_NAMES.size(),
            h("p", 3),
            h("p", 4));
  }

  /**
   * The studies as a temporary table: number, UID, modality, series count, date, time, accession,
   * description, referring physician and the patient's columns. Parameters: patient count, study
   * count.
   */
  private static String studyPlan() {
    return """
        CREATE TEMP TABLE g_study AS
        SELECT x.s, %s AS study_uid, x.m, x.n_series, x.d, x.t,
               'A' || lpad(x.s::text, 9, '0') AS accession, (1 + x.s %% 99999)::text AS study_id,
               CASE x.m WHEN 'CR' THEN 'XR CHEST PA AND LATERAL' WHEN 'DX' THEN
                 (ARRAY['XR KNEE 2 VIEWS', 'XR HAND 2 VIEWS', 'XR CHEST PA', 'XR SPINE LUMBAR',
                        'XR ANKLE 3 VIEWS', 'XR SHOULDER'])[1 + %s %% 6]
                 WHEN 'MG' THEN 'MG SCREENING BILATERAL'
                 ELSE (ARRAY['CT HEAD WITHOUT CONTRAST', 'CT CHEST WITH CONTRAST',
                             'CT ABDOMEN PELVIS'])[1 + %s %% 3] END AS description,
               'REFERRER^' || (ARRAY['ADAMS', 'BAKER', 'CLARK', 'DAVIS', 'EVANS', 'FOSTER',
                               'GRANT', 'HUGHES'])[1 + %s %% 8] AS referring,
               p.pk AS patient_pk, p.patient_id, p.patient_name, p.birth_date, p.sex
          FROM (SELECT s,
                       CASE WHEN %s %% 100 < 30 THEN 'CR' WHEN %s %% 100 < 65 THEN 'DX'
                            WHEN %s %% 100 < 80 THEN 'MG' ELSE 'CT' END AS m,
                       2 + %s %% 2 AS n_series,
                       to_char(date '%s' + (%s %% %d)::int, 'YYYYMMDD') AS d,
                       to_char(time '07:00' + (%s %% 43200) * interval '1 second', 'HH24MISS') AS t,
                       1 + %s %% ?::int AS patient_number
                  FROM generate_series(0, ?::int - 1) s) x
          JOIN patient p ON p.patient_id = 'P' || lpad(x.patient_number::text, 9, '0')
                        AND p.issuer = ''
        """
        .formatted(
            uid("1", "x.s"),
            h("x.s", 16),
            h("x.s", 17),
            h("x.s", 18),
            h("s", 11),
            h("s", 11),
            h("s", 11),
            h("s", 12),
            FIRST_DAY,
            h("s", 13),
            DAYS,
            h("s", 14),
            h("s", 15));
  }

  private static String studies() {
    return """
        INSERT INTO study (study_uid, patient_pk, study_date, study_time, accession, study_id,
                           description, referring, charset)
        SELECT study_uid, patient_pk, d, t, accession, study_id, description, referring,
               'ISO_IR 100'
          FROM g_study ORDER BY s
        """;
  }

  /** A fixed-width UID: the root, a kind digit, a 12-digit number. */
  private static String uid(String kind, String number) {
    return "'" + UID_ROOT + kind + "' || lpad((" + number + ")::text, 12, '0')";
  }

  private static String seriesPlan() {
    return """
        CREATE TEMP TABLE g_series AS
        SELECT g.s, k, %s AS series_uid, g.m,
               CASE g.m WHEN 'MG' THEN (ARRAY['L CC', 'R CC', 'L MLO'])[k + 1]
                        WHEN 'CT' THEN (ARRAY['SCOUT', 'AXIAL 5MM', 'AXIAL 1MM'])[k + 1]
                        ELSE (ARRAY['PA', 'LATERAL', 'OBLIQUE'])[k + 1] END AS description,
               CASE g.m WHEN 'MG' THEN 'BREAST' WHEN 'CR' THEN 'CHEST'
                        WHEN 'CT' THEN split_part(g.description, ' ', 2)
                        ELSE split_part(g.description, ' ', 2) END AS body_part,
               CASE WHEN g.m = 'MG' THEN left((ARRAY['L CC', 'R CC', 'L MLO'])[k + 1], 1) END
                 AS laterality
          FROM g_study g, generate_series(0, g.n_series - 1) k
        """
        .formatted(uid("2", "g.s * 4 + k"));
  }

  private static String series() {
    return """
        INSERT INTO series (series_uid, study_uid, modality, series_number, description,
                            body_part, laterality, station, pps_start_date, pps_start_time)
        SELECT se.series_uid, g.study_uid, se.m, se.k + 1, se.description, se.body_part,
               se.laterality, se.m || 'ROOM' || (1 + %s %% 3), g.d, g.t
          FROM g_series se JOIN g_study g ON g.s = se.s
         ORDER BY se.s, se.k
        """
        .formatted(h("g.s", 19));
  }

  /**
   * Instances {@code from} to {@code to} (parameters), instance {@code i} in study {@code i / per},
   * series {@code (i mod per) mod n_series}.
   */
  private static String instances(int perStudy) {
    String header = header();
    return """
        INSERT INTO instance (sop_uid, series_uid, study_uid, sop_class, instance_number,
                              transfer_syntax, bucket, object_key, object_version, object_size,
                              sha256, pixel_offset, pixel_length, encapsulated, received_at,
                              source, header)
        SELECT x.sop, x.series_uid, x.study_uid, x.sop_class, x.number,
               '1.2.840.10008.1.2.1', 'archive',
               'studies/' || x.study_uid || '/series/' || x.series_uid || '/instances/' || x.sop
                 || '.dcm',
               1, x.pixel_offset + x.rows * x.cols * 2, md5(x.sop) || md5(x.sop || '.'),
               x.pixel_offset, x.rows * x.cols * 2, false,
               (x.d || ' ' || x.t)::timestamp AT TIME ZONE 'UTC' + x.j * interval '7 seconds',
               jsonb_build_object('protocol', 'DIMSE', 'callingAeTitle', x.m || 'ROOM1',
                                  'calledAeTitle', 'ROENTGEN', 'remoteAddress', '10.1.0.12:40412',
                                  'receiver', 'ingest-0'),
               %s
          FROM (SELECT i, %s AS sop, se.series_uid, g.study_uid, g.m, g.d, g.t, g.s,
                       g.description AS study_description, se.description AS series_description,
                       se.body_part, se.laterality, se.k, (i %% %d) / g.n_series AS j,
                       1 + (i %% %d) / g.n_series AS number,
                       CASE g.m WHEN 'CR' THEN '1.2.840.10008.5.1.4.1.1.1'
                                WHEN 'DX' THEN '1.2.840.10008.5.1.4.1.1.1.1'
                                WHEN 'MG' THEN '1.2.840.10008.5.1.4.1.1.1.2'
                                ELSE '1.2.840.10008.5.1.4.1.1.2' END AS sop_class,
                       CASE g.m WHEN 'CR' THEN 2500 WHEN 'DX' THEN 3000 WHEN 'MG' THEN 4096
                                ELSE 512 END AS rows,
                       CASE g.m WHEN 'CR' THEN 2048 WHEN 'DX' THEN 3000 WHEN 'MG' THEN 3328
                                ELSE 512 END AS cols,
                       1400 + %s %% 600 AS pixel_offset,
                       g.patient_id, g.patient_name, g.birth_date, g.sex, g.accession,
                       g.referring, g.study_id
                  FROM generate_series(?::bigint, ?::bigint) i
                  JOIN g_study g ON g.s = i / %d
                  JOIN g_series se ON se.s = g.s AND se.k = (i %% %d) %% g.n_series) x
        """
        .formatted(header, uid("3", "i"), perStudy, perStudy, h("i", 20), perStudy, perStudy);
  }

  /**
   * The header of a generated instance: DICOM JSON over the columns of the subquery {@code x}, in
   * tag order, as text cast to JSONB (twice as fast as nested {@code jsonb_build_object} calls; the
   * generated values need no JSON escaping).
   */
  private static String header() {
    Json j = new Json();
    j.text(Tag.SpecificCharacterSet, "CS", "'ISO_IR 100'");
    j.literal(Tag.ImageType, "CS", "[\"ORIGINAL\",\"PRIMARY\"]");
    j.text(Tag.SOPClassUID, "UI", "x.sop_class");
    j.text(Tag.SOPInstanceUID, "UI", "x.sop");
    j.text(Tag.StudyDate, "DA", "x.d");
    j.text(Tag.ContentDate, "DA", "x.d");
    j.text(Tag.StudyTime, "TM", "x.t");
    j.text(Tag.AccessionNumber, "SH", "x.accession");
    j.text(Tag.Modality, "CS", "x.m");
    j.text(Tag.Manufacturer, "LO", "'ROENTGEN SYNTHETIC'");
    j.text(Tag.InstitutionName, "LO", "'SYNTHETIC GENERAL HOSPITAL'");
    j.person(Tag.ReferringPhysicianName, "x.referring");
    j.text(Tag.StationName, "SH", "x.m || 'ROOM1'");
    j.text(Tag.StudyDescription, "LO", "x.study_description");
    j.text(Tag.SeriesDescription, "LO", "x.series_description");
    j.person(Tag.PatientName, "x.patient_name");
    j.text(Tag.PatientID, "LO", "x.patient_id");
    j.text(Tag.PatientBirthDate, "DA", "x.birth_date");
    j.text(Tag.PatientSex, "CS", "x.sex");
    j.text(Tag.BodyPartExamined, "CS", "x.body_part");
    j.number(Tag.KVP, "DS", "CASE x.m WHEN 'MG' THEN 28 WHEN 'CT' THEN 120 ELSE 70 END");
    j.text(
        Tag.ViewPosition,
        "CS",
        "CASE x.m WHEN 'MG' THEN split_part(x.series_description, ' ', 2)"
            + " ELSE (ARRAY['PA', 'LL', 'OBL'])[x.k + 1] END");
    j.text(Tag.StudyInstanceUID, "UI", "x.study_uid");
    j.text(Tag.SeriesInstanceUID, "UI", "x.series_uid");
    j.text(Tag.StudyID, "SH", "x.study_id");
    j.number(Tag.SeriesNumber, "IS", "x.k + 1");
    j.number(Tag.InstanceNumber, "IS", "x.number");
    // Laterality only where the series has one (mammography), as modalities write it.
    j.optional(Tag.ImageLaterality, "CS", "x.laterality");
    j.text(Tag.PhotometricInterpretation, "CS", "'MONOCHROME2'");
    j.number(Tag.Rows, "US", "x.rows");
    j.number(Tag.Columns, "US", "x.cols");
    j.number(Tag.BitsAllocated, "US", "16");
    j.number(Tag.BitsStored, "US", "CASE x.m WHEN 'CT' THEN 12 ELSE 14 END");
    return j.sql();
  }

  /** A DICOM JSON object as an SQL text expression, element by element. */
  private static final class Json {
    private final List<String> parts = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder("{");

    private void open(int tag, String vr) {
      if (literal.length() > 1 || !parts.isEmpty()) {
        literal.append(',');
      }
      literal.append("\"").append(Header.key(tag)).append("\":{\"vr\":\"").append(vr);
      literal.append("\",\"Value\":");
    }

    /** The SQL expression's value, between the literal text before and after it. */
    private void expr(String sql) {
      if (sql.matches("'[^']*'|\\d+")) {
        literal.append(sql.replace("'", ""));
        return;
      }
      parts.add("'" + literal + "'");
      literal.setLength(0);
      parts.add(sql);
    }

    /** One string value: the SQL expression's text. */
    void text(int tag, String vr, String sql) {
      open(tag, vr);
      literal.append("[\"");
      expr(sql);
      literal.append("\"]}");
    }

    /** One number value. */
    void number(int tag, String vr, String sql) {
      open(tag, vr);
      literal.append('[');
      expr(sql.matches("\\d+") ? sql : "(" + sql + ")::int");
      literal.append("]}");
    }

    /** One person name, its alphabetic group. */
    void person(int tag, String sql) {
      open(tag, "PN");
      literal.append("[{\"Alphabetic\":\"");
      expr(sql);
      literal.append("\"}]}");
    }

    /** A fixed JSON array of values. */
    void literal(int tag, String vr, String array) {
      open(tag, vr);
      literal.append(array).append('}');
    }

    /** One string value where the expression is not null; no element otherwise. */
    void optional(int tag, String vr, String sql) {
      expr(
          "COALESCE(',\""
              + Header.key(tag)
              + "\":{\"vr\":\""
              + vr
              + "\",\"Value\":[\"' || "
              + sql
              + " || '\"]}', '')");
    }

    String sql() {
      return "(" + String.join(" || ", parts) + " || '" + literal + "}')::jsonb";
    }
  }
}
