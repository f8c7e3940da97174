package org.roentgen.archive.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Audit records as DICOM audit messages (PS3.15 A.5.1 and A.5.3), in JSON: the elements and
 * attributes of the message schema (EventIdentification, ActiveParticipant,
 * AuditSourceIdentification, ParticipantObjectIdentification) as object fields, coded values as
 * {@code csd-code}, {@code codeSystemName} and {@code originalText}.
 */
public final class AuditMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditMessages() {}

  /** The message of one record, the archive being the audit source {@code sourceId}. */
  public static ObjectNode message(AuditRecord r, String sourceId) {
    ObjectNode m = JSON.createObjectNode();
    ObjectNode ev = m.putObject("EventIdentification");
    ev.put("EventActionCode", r.event().action());
    ev.put("EventDateTime", r.at().toString());
    ev.put("EventOutcomeIndicator", Integer.toString(r.outcome()));
    code(ev.putObject("EventID"), r.event().code(), "DCM", r.event().meaning());
    ev.put("EventOutcomeDescription", r.operation() + " answered " + r.status());
    ArrayNode participants = m.putArray("ActiveParticipant");
    ObjectNode user = participants.addObject();
    user.put("UserID", r.user());
    user.put("UserIsRequestor", true);
    if (r.remoteAddress() != null) {
      user.put("NetworkAccessPointID", r.remoteAddress());
      user.put("NetworkAccessPointTypeCode", "2");
    }
    if (r.roles() != null && !r.roles().isEmpty()) {
      ArrayNode roles = user.putArray("RoleIDCode");
      for (String role : r.roles().split(",")) {
        code(roles.addObject(), role, "99ROENTGEN", "Roentgen archive role " + role);
      }
    }
    ObjectNode archive = participants.addObject();
    archive.put("UserID", sourceId);
    archive.put("UserIsRequestor", false);
    code(archive.putArray("RoleIDCode").addObject(), "110153", "DCM", "Source Role ID");
    ObjectNode source = m.putObject("AuditSourceIdentification");
    source.put("AuditSourceID", sourceId);
    code(source.putArray("AuditSourceTypeCode").addObject(), "4", "DCM", "Application Server");
    ArrayNode objects = m.putArray("ParticipantObjectIdentification");
    for (String patient : r.patients()) {
      ObjectNode o = objects.addObject();
      o.put("ParticipantObjectID", patient);
      o.put("ParticipantObjectTypeCode", "1");
      o.put("ParticipantObjectTypeCodeRole", "1");
      code(o.putObject("ParticipantObjectIDTypeCode"), "2", "RFC-3881", "Patient Number");
    }
    for (String study : r.studies()) {
      ObjectNode o = objects.addObject();
      o.put("ParticipantObjectID", study);
      o.put("ParticipantObjectTypeCode", "2");
      o.put("ParticipantObjectTypeCodeRole", "3");
      code(o.putObject("ParticipantObjectIDTypeCode"), "110180", "DCM", "Study Instance UID");
    }
    for (String sop : r.instances()) {
      ObjectNode o = objects.addObject();
      o.put("ParticipantObjectID", sop);
      o.put("ParticipantObjectTypeCode", "2");
      o.put("ParticipantObjectTypeCodeRole", "3");
      code(o.putObject("ParticipantObjectIDTypeCode"), "110181", "DCM", "SOP Class UID");
      o.put("ParticipantObjectName", "SOP Instance UID");
    }
    if (r.query() != null) {
      ObjectNode o = objects.addObject();
      o.put("ParticipantObjectID", r.operation());
      o.put("ParticipantObjectTypeCode", "2");
      o.put("ParticipantObjectTypeCodeRole", "24");
      code(o.putObject("ParticipantObjectIDTypeCode"), "ITI-QIDO", "IHE", "query");
      o.put("ParticipantObjectQuery", r.query());
    }
    return m;
  }

  private static void code(ObjectNode node, String code, String scheme, String meaning) {
    node.put("csd-code", code);
    node.put("codeSystemName", scheme);
    node.put("originalText", meaning);
  }
}
