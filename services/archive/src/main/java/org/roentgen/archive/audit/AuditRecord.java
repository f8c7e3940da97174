package org.roentgen.archive.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One audit record: who (user and roles, or {@code anonymous}), when, from where, what (the event,
 * the operation as its OpenAPI path, the query, the studies and instances), and how it ended.
 */
public record AuditRecord(
    Instant at,
    String user,
    String roles,
    String remoteAddress,
    AuditEvent event,
    int outcome,
    String operation,
    int status,
    String query,
    List<String> studies,
    List<String> instances,
    List<String> patients,
    Map<String, Object> details) {

  /** The DICOM event outcome indicator of an HTTP status: 0 success, 4 refused, 8 failed. */
  public static int outcome(int status) {
    return status < 400 ? 0 : status < 500 ? 4 : 8;
  }
}
