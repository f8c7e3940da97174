package org.roentgen.archive.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.roentgen.archive.dicomweb.QidoLevel;
import org.roentgen.archive.dicomweb.QidoQuery;
import org.roentgen.archive.dicomweb.QidoSearch;
import org.roentgen.stack.SharedStack;

/**
 * PatientName searches take one of two plans by how many patients match ({@link
 * QidoSearch#PATIENT_FIRST_LIMIT}): few, their studies are looked up patient first; many, the
 * studies are walked newest first. Both must give the same answers as the standard's matching,
 * computed here over rows written straight into a fresh index database on the real PostgreSQL.
 */
class QidoPatientNameIT {
  private static final String DATABASE = "archive_qido_names_" + ArchiveResource.RUN;

  /** More patients than the patient-first plan takes. */
  private static final int COMMON = QidoSearch.PATIENT_FIRST_LIMIT + 100;

  private record Study(String uid, String date, String name, String series, String modality) {}

  private static final List<Study> STUDIES = new ArrayList<>();
  private static QidoSearch qido;

  @BeforeAll
  static void index() throws Exception {
    ArchiveResource.createDatabase(DATABASE);
    SharedStack stack = SharedStack.get();
    Flyway.configure()
        .dataSource(
            ArchiveResource.jdbcUrl(DATABASE), stack.postgresUser(), stack.postgresPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < COMMON; i++) {
      names.add("COMMONER^P" + i);
    }
    for (int i = 0; i < 3; i++) {
      names.add("Rare^Given" + i);
    }
    names.add("OTHER^X");
    names.add("RARELY^Y");
    try (Connection c = ArchiveResource.connect(DATABASE);
        PreparedStatement patient =
            c.prepareStatement(
                "INSERT INTO patient (patient_id, patient_name) VALUES (?, ?) RETURNING pk");
        PreparedStatement study =
            c.prepareStatement(
                "INSERT INTO study (study_uid, patient_pk, study_date) VALUES (?, ?, ?)");
        PreparedStatement series =
            c.prepareStatement(
                "INSERT INTO series (series_uid, study_uid, modality) VALUES (?, ?, ?)")) {
      c.setAutoCommit(false);
      for (int p = 0; p < names.size(); p++) {
        patient.setString(1, "QPN" + p);
        patient.setString(2, names.get(p));
        long pk;
        try (var rs = patient.executeQuery()) {
          rs.next();
          pk = rs.getLong(1);
        }
        for (int s = 0; s < 2; s++) {
          // Dates spread over 2024-2026, the same date for several studies now and then.
          String date =
              String.format(
                  "%04d%02d%02d",
                  2024 + (p + s) % 3, 1 + (p * 7 + s) % 12, 1 + (p * 13 + s * 5) % 28);
          String uid = "1.2.826.0.1.3680043.10.543.9." + p + "." + s;
          String modality = (p + s) % 2 == 0 ? "CR" : "DX";
          study.setString(1, uid);
          study.setLong(2, pk);
          study.setString(3, date);
          study.addBatch();
          series.setString(1, uid + ".1");
          series.setString(2, uid);
          series.setString(3, modality);
          series.addBatch();
          STUDIES.add(new Study(uid, date, names.get(p), uid + ".1", modality));
        }
      }
      study.executeBatch();
      series.executeBatch();
      c.commit();
      c.createStatement().execute("ANALYZE");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(ArchiveResource.jdbcUrl(DATABASE));
    ds.setUser(stack.postgresUser());
    ds.setPassword(stack.postgresPassword());
    qido = new QidoSearch(ds);
  }

  @Test
  void manyPatientsWalkTheStudiesNewestFirst() throws Exception {
    Predicate<Study> commoner = s -> s.name().startsWith("COMMONER^");
    assertThat(STUDIES.stream().filter(commoner).count() / 2)
        .isGreaterThan(QidoSearch.PATIENT_FIRST_LIMIT);
    assertThat(studies(Map.of("PatientName", "commoner*"), 0)).isEqualTo(expected(commoner, 0));
    assertThat(studies(Map.of("PatientName", "COMMONER*"), 50)).isEqualTo(expected(commoner, 50));
  }

  @Test
  void fewPatientsAreLookedUpFirst() throws Exception {
    // RARE* takes RARELY^Y too; RARE^* only the family name RARE.
    Predicate<Study> rare = s -> s.name().toUpperCase().startsWith("RARE");
    assertThat(studies(Map.of("PatientName", "rare*"), 0)).isEqualTo(expected(rare, 0));
    assertThat(studies(Map.of("PatientName", "RARE^*"), 0))
        .isEqualTo(expected(s -> s.name().startsWith("Rare^"), 0));
    assertThat(studies(Map.of("PatientName", "RARE^GIVEN1"), 0))
        .isEqualTo(expected(s -> s.name().equals("Rare^Given1"), 0));
    assertThat(studies(Map.of("PatientName", "nobody*"), 0)).isEmpty();
    assertThat(studies(Map.of("PatientName", "RARE*"), 2)).isEqualTo(expected(rare, 2));
  }

  @Test
  void fewPatientsCombineWithTheOtherKeys() throws Exception {
    Predicate<Study> rare = s -> s.name().toUpperCase().startsWith("RARE");
    Predicate<Study> in2025 = s -> s.date().startsWith("2025");
    assertThat(studies(Map.of("PatientName", "RARE*", "StudyDate", "20250101-20251231"), 0))
        .isEqualTo(expected(rare.and(in2025), 0));
    assertThat(studies(Map.of("PatientName", "RARE*", "ModalitiesInStudy", "DX"), 0))
        .isEqualTo(expected(rare.and(s -> s.modality().equals("DX")), 0));
    // Series level: the same patients through the series' join.
    JsonNode series =
        qido.search(
            QidoQuery.parse(
                QidoLevel.SERIES, null, null, params(Map.of("PatientName", "rare*")), 100, 1000),
            "http://archive/dicomweb");
    List<String> got = new ArrayList<>();
    series.forEach(r -> got.add(r.path("0020000E").path("Value").path(0).asText()));
    assertThat(got)
        .containsExactlyInAnyOrderElementsOf(
            STUDIES.stream().filter(rare).map(Study::series).toList());
  }

  private static List<String> studies(Map<String, String> keys, int offset) throws Exception {
    Map<String, List<String>> p = params(keys);
    p.put("limit", List.of("25"));
    p.put("offset", List.of(Integer.toString(offset)));
    JsonNode results =
        qido.search(
            QidoQuery.parse(QidoLevel.STUDY, null, null, p, 100, 1000), "http://archive/dicomweb");
    List<String> out = new ArrayList<>();
    for (JsonNode r : results) {
      List<String> names = new ArrayList<>();
      r.fieldNames().forEachRemaining(names::add);
      assertThat(names).as("the JSON model's keys in ascending tag order").isSorted();
      out.add(r.path("0020000D").path("Value").path(0).asText());
    }
    return out;
  }

  private static Map<String, List<String>> params(Map<String, String> keys) {
    Map<String, List<String>> p = new java.util.HashMap<>();
    keys.forEach((k, v) -> p.put(k, List.of(v)));
    return p;
  }

  /** The page the standard's matching gives, in the archive's order: newest first, then UID. */
  private static List<String> expected(Predicate<Study> match, int offset) {
    return STUDIES.stream()
        .filter(match)
        .sorted(Comparator.comparing(Study::date).thenComparing(Study::uid).reversed())
        .skip(offset)
        .limit(25)
        .map(Study::uid)
        .toList();
  }
}
