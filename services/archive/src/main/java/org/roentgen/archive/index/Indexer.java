package org.roentgen.archive.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;
import org.roentgen.dicom.data.Tag;

/**
 * Applies pipeline events to the index, each in one transaction, once per event id.
 *
 * <p>The result does not depend on the order in which the topics are read, so replaying them from
 * offset zero (with the archive's consumers running side by side) rebuilds the same index: the
 * instance row follows the highest object version seen, a verdict block the newest of its stage,
 * and the quarantine row takes its held and released columns from two different events.
 */
public final class Indexer {
  /** What applying an event did. */
  public enum Result {
    APPLIED,
    DUPLICATE,
    /** Skipped: retention deleted the instance ({@link Tombstones}). */
    DELETED
  }

  private final DataSource db;

  public Indexer(DataSource db) {
    this.db = db;
  }

  /**
   * Applies the event, or does nothing if its id was applied before or its instance was deleted.
   *
   * @throws SQLException when the database cannot take it now (the caller retries)
   */
  public Result apply(IndexedEvent e) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Result r = apply(c, e);
        c.commit();
        return r;
      } catch (SQLException | RuntimeException ex) {
        c.rollback();
        throw ex;
      }
    }
  }

  private Result apply(Connection c, IndexedEvent e) throws SQLException {
    if (Tombstones.deleted(c, e.studyInstanceUid(), e.sopInstanceUid())) {
      return Result.DELETED;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO processed_event (event_id, topic) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, e.eventId());
      ps.setString(2, e.kind().name());
      if (ps.executeUpdate() == 0) {
        return Result.DUPLICATE;
      }
    }
    // One event of a study at a time, whichever topic it came from: the five consumers then never
    // deadlock on the study's rows (a deadlock would only cost a retry, but they were frequent).
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
      ps.setString(1, e.studyInstanceUid());
      ps.execute();
    }
    Integer current = currentVersion(c, e.sopInstanceUid());
    if (current == null || e.object().version() >= current) {
      long patient = patient(c, e.header());
      study(c, e, patient);
      series(c, e);
      instance(c, e);
      dose(c, e);
    }
    objectVersion(c, e);
    if (e.validation() != null) {
      validation(c, e);
    }
    if (e.qc() != null) {
      qc(c, e);
    }
    if (e.kind() == IndexedEvent.Kind.DELIVERY) {
      delivery(c, e);
    }
    if (e.kind() == IndexedEvent.Kind.RELEASED) {
      released(c, e);
    }
    return Result.APPLIED;
  }

  private static Integer currentVersion(Connection c, String sop) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT object_version FROM instance WHERE sop_uid = ? FOR UPDATE")) {
      ps.setString(1, sop);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }

  private static long patient(Connection c, Header h) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO patient (patient_id, issuer, patient_name, birth_date, sex)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (patient_id, issuer) DO UPDATE SET
              patient_name = EXCLUDED.patient_name,
              birth_date = EXCLUDED.birth_date,
              sex = EXCLUDED.sex
            RETURNING pk
            """)) {
      ps.setString(1, orEmpty(h.text(Tag.PatientID)));
      ps.setString(2, orEmpty(h.text(Tag.IssuerOfPatientID)));
      ps.setString(3, h.text(Tag.PatientName));
      ps.setString(4, h.text(Tag.PatientBirthDate));
      ps.setString(5, h.text(Tag.PatientSex));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void study(Connection c, IndexedEvent e, long patient) throws SQLException {
    Header h = e.header();
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO study (study_uid, patient_pk, study_date, study_time, accession, study_id,
                               description, referring, charset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (study_uid) DO UPDATE SET
              patient_pk = EXCLUDED.patient_pk,
              study_date = EXCLUDED.study_date,
              study_time = EXCLUDED.study_time,
              accession = EXCLUDED.accession,
              study_id = EXCLUDED.study_id,
              description = EXCLUDED.description,
              referring = EXCLUDED.referring,
              charset = EXCLUDED.charset
            """)) {
      ps.setString(1, e.studyInstanceUid());
      ps.setLong(2, patient);
      ps.setString(3, h.text(Tag.StudyDate));
      ps.setString(4, h.text(Tag.StudyTime));
      ps.setString(5, h.text(Tag.AccessionNumber));
      ps.setString(6, h.text(Tag.StudyID));
      ps.setString(7, h.text(Tag.StudyDescription));
      ps.setString(8, h.text(Tag.ReferringPhysicianName));
      ps.setString(9, h.texts(Tag.SpecificCharacterSet));
      ps.executeUpdate();
    }
  }

  private static void series(Connection c, IndexedEvent e) throws SQLException {
    Header h = e.header();
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO series (series_uid, study_uid, modality, series_number, description,
                                body_part, laterality, station, pps_start_date, pps_start_time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (series_uid) DO UPDATE SET
              study_uid = EXCLUDED.study_uid,
              modality = EXCLUDED.modality,
              series_number = EXCLUDED.series_number,
              description = EXCLUDED.description,
              body_part = EXCLUDED.body_part,
              laterality = EXCLUDED.laterality,
              station = EXCLUDED.station,
              pps_start_date = EXCLUDED.pps_start_date,
              pps_start_time = EXCLUDED.pps_start_time
            """)) {
      String modality = e.modality() != null ? e.modality() : h.text(Tag.Modality);
      ps.setString(1, e.seriesInstanceUid());
      ps.setString(2, e.studyInstanceUid());
      ps.setString(3, modality);
      setInt(ps, 4, h.integer(Tag.SeriesNumber));
      ps.setString(5, h.text(Tag.SeriesDescription));
      ps.setString(6, h.text(Tag.BodyPartExamined));
      ps.setString(
          7, h.text(Tag.Laterality) != null ? h.text(Tag.Laterality) : h.text(Tag.ImageLaterality));
      ps.setString(8, h.text(Tag.StationName));
      ps.setString(9, h.text(Tag.PerformedProcedureStepStartDate));
      ps.setString(10, h.text(Tag.PerformedProcedureStepStartTime));
      ps.executeUpdate();
    }
  }

  private static void instance(Connection c, IndexedEvent e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO instance (sop_uid, series_uid, study_uid, sop_class, instance_number,
                                  transfer_syntax, bucket, object_key, object_version, object_size,
                                  sha256, pixel_offset, pixel_length, encapsulated, received_at,
                                  source, header)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
            ON CONFLICT (sop_uid) DO UPDATE SET
              series_uid = EXCLUDED.series_uid,
              study_uid = EXCLUDED.study_uid,
              sop_class = EXCLUDED.sop_class,
              instance_number = EXCLUDED.instance_number,
              transfer_syntax = EXCLUDED.transfer_syntax,
              bucket = EXCLUDED.bucket,
              object_key = EXCLUDED.object_key,
              object_version = EXCLUDED.object_version,
              object_size = EXCLUDED.object_size,
              sha256 = EXCLUDED.sha256,
              pixel_offset = EXCLUDED.pixel_offset,
              pixel_length = EXCLUDED.pixel_length,
              encapsulated = EXCLUDED.encapsulated,
              received_at = EXCLUDED.received_at,
              source = EXCLUDED.source,
              header = EXCLUDED.header
            """)) {
      IndexedEvent.StoredObject o = e.object();
      ps.setString(1, e.sopInstanceUid());
      ps.setString(2, e.seriesInstanceUid());
      ps.setString(3, e.studyInstanceUid());
      ps.setString(4, e.sopClassUid());
      setInt(ps, 5, e.header().integer(Tag.InstanceNumber));
      ps.setString(6, e.transferSyntaxUid());
      ps.setString(7, o.bucket());
      ps.setString(8, o.key());
      ps.setInt(9, o.version());
      ps.setLong(10, o.size());
      ps.setString(11, o.sha256());
      setLong(ps, 12, e.pixelOffset());
      setLong(ps, 13, e.pixelLength());
      if (e.encapsulated() == null) {
        ps.setNull(14, Types.BOOLEAN);
      } else {
        ps.setBoolean(14, e.encapsulated());
      }
      ps.setTimestamp(15, Timestamp.from(e.receivedAt()));
      ps.setString(16, e.source().toString());
      ps.setString(17, e.header().json().toString());
      ps.executeUpdate();
    }
  }

  private static void objectVersion(Connection c, IndexedEvent e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO object_version (sop_uid, version, bucket, object_key, object_size, sha256)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)) {
      IndexedEvent.StoredObject o = e.object();
      ps.setString(1, e.sopInstanceUid());
      ps.setInt(2, o.version());
      ps.setString(3, o.bucket());
      ps.setString(4, o.key());
      ps.setLong(5, o.size());
      ps.setString(6, o.sha256());
      ps.executeUpdate();
    }
  }

  private static void dose(Connection c, IndexedEvent e) throws SQLException {
    Header h = e.header();
    Double mas = h.number(Tag.ExposureInmAs);
    if (mas == null) {
      mas = h.number(Tag.Exposure);
    }
    if (mas == null && h.number(Tag.ExposureInuAs) != null) {
      mas = h.number(Tag.ExposureInuAs) / 1000.0;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO dose (sop_uid, study_date, station, protocol, body_part, view, kvp, mas,
                              dap, ei, tei, di)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (sop_uid) DO UPDATE SET
              study_date = EXCLUDED.study_date, station = EXCLUDED.station,
              protocol = EXCLUDED.protocol, body_part = EXCLUDED.body_part, view = EXCLUDED.view,
              kvp = EXCLUDED.kvp, mas = EXCLUDED.mas, dap = EXCLUDED.dap, ei = EXCLUDED.ei,
              tei = EXCLUDED.tei, di = EXCLUDED.di
            """)) {
      ps.setString(1, e.sopInstanceUid());
      ps.setString(2, h.text(Tag.StudyDate));
      ps.setString(3, h.text(Tag.StationName));
      ps.setString(4, h.text(Tag.ProtocolName));
      ps.setString(5, h.text(Tag.BodyPartExamined));
      ps.setString(6, h.text(Tag.ViewPosition));
      setDouble(ps, 7, h.number(Tag.KVP));
      setDouble(ps, 8, mas);
      setDouble(ps, 9, h.number(Tag.ImageAndFluoroscopyAreaDoseProduct));
      setDouble(ps, 10, h.number(Tag.ExposureIndex));
      setDouble(ps, 11, h.number(Tag.TargetExposureIndex));
      setDouble(ps, 12, h.number(Tag.DeviationIndex));
      ps.executeUpdate();
    }
  }

  private static void validation(Connection c, IndexedEvent e) throws SQLException {
    JsonNode v = e.validation();
    Instant at = IndexedEvent.instant(v, "validatedAt");
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO validation (sop_uid, verdict, order_status, validated_at, block)
            VALUES (?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (sop_uid) DO UPDATE SET
              verdict = EXCLUDED.verdict, order_status = EXCLUDED.order_status,
              validated_at = EXCLUDED.validated_at, block = EXCLUDED.block
            WHERE validation.validated_at < EXCLUDED.validated_at
               OR (validation.validated_at = EXCLUDED.validated_at
                   AND validation.block::text < EXCLUDED.block::text)
            """)) {
      ps.setString(1, e.sopInstanceUid());
      ps.setString(2, v.path("verdict").asText("UNKNOWN"));
      ps.setString(
          3,
          v.path("order").path("status").isTextual()
              ? v.path("order").path("status").asText()
              : null);
      ps.setTimestamp(4, Timestamp.from(at != null ? at : e.receivedAt()));
      ps.setString(5, v.toString());
      ps.executeUpdate();
    }
  }

  private static void qc(Connection c, IndexedEvent e) throws SQLException {
    JsonNode q = e.qc();
    Instant at = IndexedEvent.instant(q, "analysedAt");
    JsonNode preview = q.path("preview");
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO qc (sop_uid, verdict, analysed_at, preview_bucket, preview_key, block)
            VALUES (?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (sop_uid) DO UPDATE SET
              verdict = EXCLUDED.verdict, analysed_at = EXCLUDED.analysed_at,
              preview_bucket = EXCLUDED.preview_bucket, preview_key = EXCLUDED.preview_key,
              block = EXCLUDED.block
            WHERE qc.analysed_at < EXCLUDED.analysed_at
               OR (qc.analysed_at = EXCLUDED.analysed_at AND qc.block::text < EXCLUDED.block::text)
            """)) {
      ps.setString(1, e.sopInstanceUid());
      ps.setString(2, q.path("verdict").asText("UNKNOWN"));
      ps.setTimestamp(3, Timestamp.from(at != null ? at : e.receivedAt()));
      ps.setString(4, preview.path("bucket").isTextual() ? preview.path("bucket").asText() : null);
      ps.setString(5, preview.path("key").isTextual() ? preview.path("key").asText() : null);
      ps.setString(6, q.toString());
      ps.executeUpdate();
    }
  }

  private static void delivery(Connection c, IndexedEvent e) throws SQLException {
    JsonNode d = e.delivery();
    String outcome = d.path("outcome").asText("");
    Instant completed = IndexedEvent.instant(d, "completedAt");
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO delivery (event_id, sop_uid, outcome, destination, priority, attempts,
                                  object_version, completed_at, released, block)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING
            """)) {
      ps.setString(1, e.eventId());
      ps.setString(2, e.sopInstanceUid());
      ps.setString(3, outcome);
      ps.setString(4, d.path("destination").isTextual() ? d.path("destination").asText() : null);
      ps.setString(5, d.path("priority").isTextual() ? d.path("priority").asText() : null);
      setInt(ps, 6, d.has("attempts") ? d.path("attempts").asInt() : null);
      ps.setInt(7, e.object().version());
      ps.setTimestamp(8, completed == null ? null : Timestamp.from(completed));
      ps.setBoolean(9, e.release() != null);
      ps.setString(10, d.toString());
      ps.executeUpdate();
    }
    if ("QUARANTINED".equals(outcome)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              """
              INSERT INTO quarantine (sop_uid, held_event_id, held_at, reasons)
              VALUES (?, ?, ?, ?::jsonb)
              ON CONFLICT (sop_uid) DO UPDATE SET
                held_event_id = EXCLUDED.held_event_id, held_at = EXCLUDED.held_at,
                reasons = EXCLUDED.reasons
              WHERE quarantine.held_at IS NULL OR quarantine.held_at < EXCLUDED.held_at
                 OR (quarantine.held_at = EXCLUDED.held_at
                     AND quarantine.held_event_id < EXCLUDED.held_event_id)
              """)) {
        ps.setString(1, e.sopInstanceUid());
        ps.setString(2, e.eventId());
        ps.setTimestamp(3, Timestamp.from(completed != null ? completed : e.receivedAt()));
        ps.setString(4, d.path("quarantine").toString());
        ps.executeUpdate();
      }
    }
  }

  private static void released(Connection c, IndexedEvent e) throws SQLException {
    JsonNode r = e.release();
    Instant at = IndexedEvent.instant(r, "releasedAt");
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO quarantine (sop_uid, released_event_id, released_at, released_by,
                                    release_reason, released_version)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (sop_uid) DO UPDATE SET
              released_event_id = EXCLUDED.released_event_id,
              released_at = EXCLUDED.released_at, released_by = EXCLUDED.released_by,
              release_reason = EXCLUDED.release_reason,
              released_version = EXCLUDED.released_version
            WHERE quarantine.released_at IS NULL OR quarantine.released_at < EXCLUDED.released_at
            """)) {
      ps.setString(1, e.sopInstanceUid());
      ps.setString(2, e.eventId());
      ps.setTimestamp(3, Timestamp.from(at != null ? at : e.receivedAt()));
      ps.setString(4, r.path("releasedBy").asText(null));
      ps.setString(5, r.path("reason").asText(null));
      ps.setInt(6, e.object().version());
      ps.executeUpdate();
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }
}
