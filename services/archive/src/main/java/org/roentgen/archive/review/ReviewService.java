package org.roentgen.archive.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceReleased;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;

/**
 * The review of quarantined instances: what is held and why, corrections (a new object version in
 * S3, the old values kept in the Original Attributes Sequence), releases (published on {@code
 * dicom.instance.released.v1} for the router to route again) and rejects (kept, never deleted).
 * Each action is a row of {@code review_action}; one action at a time per instance (the quarantine
 * row is locked), and only on an instance still held.
 */
public final class ReviewService {
  /** The states of a quarantined instance. */
  public enum State {
    HELD,
    RELEASED,
    REJECTED
  }

  /** The coded reasons of a reject (the reject analysis groups by them). */
  public static final Set<String> REJECT_REASONS =
      Set.of("POSITIONING", "EXPOSURE", "MOTION", "ARTIFACT", "LABELING", "EQUIPMENT", "OTHER");

  private static final ObjectMapper JSON = EventJson.mapper();
  private static final DicomJson HEADER = DicomJson.omittingBulkData(0);
  private static final DateTimeFormatter DT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSSZ").withZone(java.time.ZoneOffset.UTC);

  private final DataSource db;
  private final ObjectStore store;
  private final Producer<String, byte[]> producer;
  private final String releasedTopic;
  private final Duration publishTimeout;
  private final String source;
  private final Clock clock;

  public ReviewService(
      DataSource db,
      ObjectStore store,
      Producer<String, byte[]> producer,
      String releasedTopic,
      Duration publishTimeout,
      String source,
      Clock clock) {
    this.db = db;
    this.store = store;
    this.producer = producer;
    this.releasedTopic = releasedTopic;
    this.publishTimeout = publishTimeout;
    this.source = source;
    this.clock = clock;
  }

  // ---- reading ------------------------------------------------------------------------------

  private static final String SELECT =
      """
      SELECT q.sop_uid, q.held_event_id, q.held_at, q.reasons::text, q.released_at, q.released_by,
             (SELECT r.action FROM review_action r WHERE r.sop_uid = q.sop_uid
                AND r.action IN ('RELEASED', 'REJECTED') ORDER BY r.at DESC, r.id DESC LIMIT 1),
             (SELECT r.changes::text FROM review_action r WHERE r.sop_uid = q.sop_uid
                AND r.action = 'CORRECTED' ORDER BY r.id DESC LIMIT 1),
             i.study_uid, i.series_uid, i.sop_class, i.object_version, i.header::text,
             se.modality, se.station, p.patient_name, p.patient_id, v.block::text, c.block::text,
             c.preview_key
        FROM quarantine q
        JOIN instance i ON i.sop_uid = q.sop_uid
        JOIN series se ON se.series_uid = i.series_uid
        JOIN study st ON st.study_uid = i.study_uid
        JOIN patient p ON p.pk = st.patient_pk
        LEFT JOIN validation v ON v.sop_uid = q.sop_uid
        LEFT JOIN qc c ON c.sop_uid = q.sop_uid
       WHERE q.held_event_id IS NOT NULL
      """;

  /** The quarantined instances in a state (null: every state), newest first, at most limit. */
  public List<ObjectNode> list(State state, int limit) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY q.held_at DESC, q.sop_uid")) {
      List<ObjectNode> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && out.size() < limit) {
          ObjectNode n = row(rs, false);
          if (state == null || state.name().equals(n.path("state").asText())) {
            out.add(n);
          }
        }
      }
      return out;
    }
  }

  /** One quarantined instance with its editable attributes and findings. */
  public ObjectNode detail(String sop) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + " AND q.sop_uid = ?")) {
      ps.setString(1, sop);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ReviewException(404, "no quarantined instance " + sop);
        }
        return row(rs, true);
      }
    }
  }

  private static ObjectNode row(ResultSet rs, boolean full) throws SQLException {
    ObjectNode n = JSON.createObjectNode();
    n.put("sopInstanceUid", rs.getString(1));
    n.put("studyInstanceUid", rs.getString(9));
    n.put("seriesInstanceUid", rs.getString(10));
    n.put("heldAt", rs.getTimestamp(3).toInstant().toString());
    n.set("quarantine", tree(rs.getString(4)));
    String decided = rs.getString(7);
    State state =
        rs.getTimestamp(5) != null || "RELEASED".equals(decided)
            ? State.RELEASED
            : "REJECTED".equals(decided) ? State.REJECTED : State.HELD;
    n.put("state", state.name());
    JsonNode correction = tree(rs.getString(8));
    int version = rs.getInt(12);
    if (correction != null) {
      version = Math.max(version, correction.path("object").path("version").asInt(version));
    }
    n.put("version", version);
    n.put("modality", rs.getString(14));
    n.put("station", rs.getString(15));
    n.put("patientName", rs.getString(16));
    n.put("patientId", rs.getString(17));
    JsonNode header =
        correction != null && correction.has("header")
            ? correction.get("header")
            : tree(rs.getString(13));
    ObjectNode attrs = n.putObject("attributes");
    for (Correction k : Correction.values()) {
      JsonNode v = header.path(k.hex()).path("Value").path(0);
      attrs.put(k.keyword(), v.isObject() ? v.path("Alphabetic").asText(null) : v.asText(null));
    }
    attrs.put("SeriesDescription", text(header, Tag.SeriesDescription));
    attrs.put("BodyPartExamined", text(header, Tag.BodyPartExamined));
    n.set("validationFindings", findings(tree(rs.getString(18))));
    n.set("qcFindings", findings(tree(rs.getString(19))));
    n.put("preview", rs.getString(20) != null);
    if (full) {
      n.put(
          "validationVerdict",
          tree(rs.getString(18)) == null ? null : tree(rs.getString(18)).path("verdict").asText());
      n.put(
          "qcVerdict",
          tree(rs.getString(19)) == null ? null : tree(rs.getString(19)).path("verdict").asText());
    }
    return n;
  }

  private static String text(JsonNode header, int tag) {
    JsonNode v = header.path(String.format("%08X", tag)).path("Value").path(0);
    return v.isMissingNode() ? null : v.asText();
  }

  private static ArrayNode findings(JsonNode block) {
    ArrayNode out = JSON.createArrayNode();
    if (block != null) {
      block.path("findings").forEach(out::add);
    }
    return out;
  }

  /** The QC preview (PNG) of a quarantined instance, or null when it has none. */
  public byte[] preview(String sop) throws SQLException, ObjectStoreException, IOException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT c.preview_bucket, c.preview_key FROM qc c JOIN quarantine q"
                    + " ON q.sop_uid = c.sop_uid WHERE c.sop_uid = ?")) {
      ps.setString(1, sop);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(2) == null) {
          return null;
        }
        try (InputStream in = store.get(rs.getString(1), rs.getString(2))) {
          return in.readAllBytes();
        }
      }
    }
  }

  // ---- actions ------------------------------------------------------------------------------

  /** The instance's current object, as the index or its last correction has it. */
  private record Current(
      String study,
      String series,
      String sopClass,
      String transferSyntax,
      String modality,
      ObjectNode object,
      JsonNode header,
      ObjectNode pixelData,
      JsonNode source,
      Instant receivedAt,
      JsonNode validation,
      JsonNode qc,
      String heldEventId,
      ObjectNode originalObject,
      List<JsonNode> corrections) {}

  private Current lockHeld(Connection c, String sop) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT held_event_id FROM quarantine WHERE sop_uid = ? FOR UPDATE")) {
      ps.setString(1, sop);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          throw new ReviewException(404, "no quarantined instance " + sop);
        }
      }
    }
    ObjectNode d;
    try (PreparedStatement ps = c.prepareStatement(SELECT + " AND q.sop_uid = ?")) {
      ps.setString(1, sop);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        d = row(rs, false);
      }
    }
    if (!"HELD".equals(d.path("state").asText())) {
      throw new ReviewException(
          409, "the instance is " + d.path("state").asText().toLowerCase() + ", no longer held");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            SELECT i.study_uid, i.series_uid, i.sop_class, i.transfer_syntax, se.modality,
                   i.bucket, i.object_key, i.object_size, i.sha256, i.object_version,
                   i.header::text, i.pixel_offset, i.pixel_length, i.encapsulated, i.source::text,
                   i.received_at, v.block::text, c.block::text, q.held_event_id,
                   (SELECT r.changes::text FROM review_action r WHERE r.sop_uid = i.sop_uid
                      AND r.action = 'CORRECTED' ORDER BY r.id DESC LIMIT 1)
              FROM instance i JOIN series se ON se.series_uid = i.series_uid
              JOIN quarantine q ON q.sop_uid = i.sop_uid
              LEFT JOIN validation v ON v.sop_uid = i.sop_uid
              LEFT JOIN qc c ON c.sop_uid = i.sop_uid
             WHERE i.sop_uid = ?
            """)) {
      ps.setString(1, sop);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        ObjectNode original = JSON.createObjectNode();
        original.put("bucket", rs.getString(6));
        original.put("key", rs.getString(7));
        original.put("size", rs.getLong(8));
        original.put("sha256", rs.getString(9));
        original.put("version", rs.getInt(10));
        ObjectNode pixels = JSON.createObjectNode();
        pixels.put("offset", rs.getLong(12));
        pixels.put("length", rs.getLong(13));
        pixels.put("encapsulated", rs.getBoolean(14));
        JsonNode last = tree(rs.getString(20));
        List<JsonNode> corrections = new ArrayList<>();
        try (PreparedStatement all =
            c.prepareStatement(
                "SELECT changes::text FROM review_action WHERE sop_uid = ? AND action = 'CORRECTED'"
                    + " ORDER BY id")) {
          all.setString(1, sop);
          try (ResultSet a = all.executeQuery()) {
            while (a.next()) {
              tree(a.getString(1)).path("attributes").forEach(corrections::add);
            }
          }
        }
        return new Current(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            last == null ? original : (ObjectNode) last.get("object"),
            last == null ? tree(rs.getString(11)) : last.get("header"),
            last == null ? pixels : (ObjectNode) last.get("pixelData"),
            tree(rs.getString(15)),
            rs.getTimestamp(16).toInstant(),
            tree(rs.getString(17)),
            tree(rs.getString(18)),
            rs.getString(19),
            original,
            corrections);
      }
    }
  }

  /**
   * Corrects attributes of a held instance: a new object version with the new values, the old ones
   * in an item of the Original Attributes Sequence (PS3.3 C.12.1.1.9), stored beside the earlier
   * versions. The index follows when the instance is released.
   *
   * @param changes keyword to new value, keywords of {@link Correction}
   * @return the new version and the changes
   */
  public ObjectNode correct(String sop, String user, String reason, Map<String, String> changes)
      throws SQLException, IOException, ObjectStoreException {
    requireReason(reason);
    if (changes == null || changes.isEmpty()) {
      throw new ReviewException(400, "nothing to correct: name the attributes and their values");
    }
    Map<Correction, String> checked = new LinkedHashMap<>();
    try {
      changes.forEach(
          (k, v) -> checked.put(Correction.of(k, v == null ? null : v.strip()), v.strip()));
    } catch (IllegalArgumentException e) {
      throw new ReviewException(400, e.getMessage());
    }
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Current cur = lockHeld(c, sop);
        Path dir = Files.createTempDirectory("archive-correction-");
        try {
          Path in = dir.resolve("in.dcm");
          try (InputStream s =
              store.get(cur.object().path("bucket").asText(), cur.object().path("key").asText())) {
            Files.copy(s, in, StandardCopyOption.REPLACE_EXISTING);
          }
          DicomFile file = DicomFile.read(in);
          Attributes ds = file.dataset();
          Attributes modified = new Attributes();
          ArrayNode attributes = JSON.createArrayNode();
          for (Map.Entry<Correction, String> e : checked.entrySet()) {
            Correction k = e.getKey();
            String before = ds.getString(k.tag());
            if (before != null) {
              modified.setString(k.tag(), k.vr(), before);
            } else {
              modified.setNull(k.tag(), k.vr());
            }
            ds.setString(k.tag(), k.vr(), e.getValue());
            ObjectNode a = attributes.addObject();
            a.put("keyword", k.keyword());
            a.put("tag", k.hex());
            a.put("from", before);
            a.put("to", e.getValue());
          }
          Instant now = clock.instant();
          Attributes item = new Attributes();
          item.newSequence(Tag.ModifiedAttributesSequence, 1).add(modified);
          item.setString(Tag.AttributeModificationDateTime, VR.DT, DT.format(now));
          item.setString(Tag.ModifyingSystem, VR.LO, "ROENTGEN ARCHIVE");
          item.setString(Tag.SourceOfPreviousValues, VR.LO, "");
          item.setString(Tag.ReasonForTheAttributeModification, VR.CS, "CORRECT");
          if (ds.getSequence(Tag.OriginalAttributesSequence) == null) {
            ds.newSequence(Tag.OriginalAttributesSequence, 1);
          }
          ds.getSequence(Tag.OriginalAttributesSequence).add(item);
          Path out = dir.resolve("out.dcm");
          DicomOutputStream.writeFile(out, file.fileMeta(), ds);
          DicomFile head = DicomFile.readHeader(out);
          DicomInputStream.ElementHeader ph = head.pixelData();
          int version = cur.object().path("version").asInt() + 1;
          String bucket = cur.object().path("bucket").asText();
          String key =
              "studies/"
                  + cur.study()
                  + "/series/"
                  + cur.series()
                  + "/instances/"
                  + sop
                  + "-v"
                  + version
                  + ".dcm";
          long size = Files.size(out);
          String sha = sha256(out);
          try (InputStream s = Files.newInputStream(out)) {
            store.put(bucket, key, s, size, "application/dicom", Map.of());
          }
          ObjectNode changesJson = JSON.createObjectNode();
          changesJson.set("attributes", attributes);
          ObjectNode object = changesJson.putObject("object");
          object.put("bucket", bucket);
          object.put("key", key);
          object.put("size", size);
          object.put("sha256", sha);
          object.put("version", version);
          ObjectNode pixels = changesJson.putObject("pixelData");
          if (ph != null) {
            pixels.put("offset", ph.valueOffset());
            pixels.put("length", ph.length());
            pixels.put("encapsulated", cur.pixelData().path("encapsulated").asBoolean(false));
          }
          changesJson.set("header", JSON.readTree(HEADER.write(head.dataset())));
          insertAction(
              c,
              sop,
              cur.study(),
              "CORRECTED",
              now,
              user,
              reason,
              null,
              changesJson,
              cur.object().path("version").asInt(),
              version,
              null);
          c.commit();
          ObjectNode result = JSON.createObjectNode();
          result.put("sopInstanceUid", sop);
          result.put("version", version);
          result.set("changes", attributes);
          return result;
        } finally {
          try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
              Files.deleteIfExists(p);
            }
          }
          Files.deleteIfExists(dir);
        }
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Releases a held instance back into routing: publishes its current object (the last correction,
   * if any) with its verdicts and the release block, and records the release.
   */
  public ObjectNode release(String sop, String user, String reason) throws SQLException {
    requireReason(reason);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Current cur = lockHeld(c, sop);
        Instant now = clock.instant();
        ObjectNode data = JSON.createObjectNode();
        data.put("sopInstanceUid", sop);
        data.put("sopClassUid", cur.sopClass());
        data.put("studyInstanceUid", cur.study());
        data.put("seriesInstanceUid", cur.series());
        data.put("transferSyntaxUid", cur.transferSyntax());
        if (cur.modality() != null) {
          data.put("modality", cur.modality());
        }
        data.set("object", cur.object());
        boolean corrected =
            cur.object().path("version").asInt() != cur.originalObject().path("version").asInt();
        if (corrected) {
          data.set("previousVersion", cur.originalObject());
        }
        data.put("newVersion", corrected);
        data.set("source", cur.source());
        data.set("header", cur.header());
        data.set("pixelData", cur.pixelData());
        data.put("receivedAt", cur.receivedAt().toString());
        if (cur.validation() != null) {
          data.set("validation", cur.validation());
        }
        if (cur.qc() != null) {
          data.set("qc", cur.qc());
        }
        ObjectNode release = data.putObject("release");
        release.put("quarantineEventId", cur.heldEventId());
        release.put("releasedBy", user);
        release.put("reason", reason.strip());
        release.put("releasedAt", now.toString());
        ArrayNode corrections = release.putArray("corrections");
        Set<String> seen = new java.util.LinkedHashSet<>();
        for (JsonNode a : cur.corrections()) {
          if (seen.add(a.path("keyword").asText())) {
            ObjectNode k = corrections.addObject();
            k.put("keyword", a.path("keyword").asText());
            k.put("tag", a.path("tag").asText());
          }
        }
        InstanceReleased event;
        try {
          event = JSON.treeToValue(data, InstanceReleased.class);
        } catch (IOException e) {
          throw new IllegalStateException("the release event is not a valid contract: " + e, e);
        }
        CloudEvent<InstanceReleased> ce =
            CloudEvent.of(source, Topics.INSTANCE_RELEASED.eventType(), sop, now, event);
        try {
          producer
              .send(KafkaCloudEvents.toRecord(releasedTopic, cur.study(), ce))
              .get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ReviewException(503, "interrupted while publishing the release");
        } catch (ExecutionException | TimeoutException e) {
          throw new ReviewException(
              503, "Kafka did not take the release; nothing was released, try again");
        }
        insertAction(
            c,
            sop,
            cur.study(),
            "RELEASED",
            now,
            user,
            reason,
            null,
            null,
            cur.object().path("version").asInt(),
            cur.object().path("version").asInt(),
            ce.id());
        c.commit();
        ObjectNode result = JSON.createObjectNode();
        result.put("sopInstanceUid", sop);
        result.put("version", cur.object().path("version").asInt());
        result.put("eventId", ce.id());
        result.set("corrections", corrections);
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Rejects a held instance: it stays held back and stored, with the reason recorded. */
  public ObjectNode reject(String sop, String user, String reason, String rejectReason)
      throws SQLException {
    requireReason(reason);
    if (rejectReason == null || !REJECT_REASONS.contains(rejectReason)) {
      throw new ReviewException(
          400, "rejectReason is one of " + new java.util.TreeSet<>(REJECT_REASONS));
    }
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Current cur = lockHeld(c, sop);
        Instant now = clock.instant();
        int version = cur.object().path("version").asInt();
        insertAction(
            c,
            sop,
            cur.study(),
            "REJECTED",
            now,
            user,
            reason,
            rejectReason,
            null,
            version,
            version,
            null);
        c.commit();
        ObjectNode result = JSON.createObjectNode();
        result.put("sopInstanceUid", sop);
        result.put("state", State.REJECTED.name());
        result.put("rejectReason", rejectReason);
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The review actions of an instance, oldest first. */
  public ArrayNode history(String sop) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT action, at, user_id, reason, reject_reason, changes -> 'attributes',"
                    + " from_version, to_version, event_id FROM review_action WHERE sop_uid = ?"
                    + " ORDER BY id")) {
      ps.setString(1, sop);
      ArrayNode out = JSON.createArrayNode();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ObjectNode n = out.addObject();
          n.put("action", rs.getString(1));
          n.put("at", rs.getTimestamp(2).toInstant().toString());
          n.put("user", rs.getString(3));
          n.put("reason", rs.getString(4));
          n.put("rejectReason", rs.getString(5));
          n.set("changes", tree(rs.getString(6)));
          n.put("fromVersion", rs.getInt(7));
          n.put("toVersion", rs.getInt(8));
          n.put("eventId", rs.getString(9));
        }
      }
      return out;
    }
  }

  private static void insertAction(
      Connection c,
      String sop,
      String study,
      String action,
      Instant at,
      String user,
      String reason,
      String rejectReason,
      JsonNode changes,
      int from,
      int to,
      String eventId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO review_action (sop_uid, study_uid, action, at, user_id, reason,
                                       reject_reason, changes, from_version, to_version, event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
            """)) {
      ps.setString(1, sop);
      ps.setString(2, study);
      ps.setString(3, action);
      ps.setTimestamp(4, Timestamp.from(at));
      ps.setString(5, user);
      ps.setString(6, reason.strip());
      ps.setString(7, rejectReason);
      ps.setString(8, changes == null ? null : changes.toString());
      ps.setInt(9, from);
      ps.setInt(10, to);
      ps.setString(11, eventId);
      ps.executeUpdate();
    }
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new ReviewException(400, "a reason is required");
    }
    if (reason.length() > 2000) {
      throw new ReviewException(400, "the reason is longer than 2000 characters");
    }
  }

  private static JsonNode tree(String json) {
    try {
      return json == null ? null : JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("the index holds JSON that does not parse", e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
