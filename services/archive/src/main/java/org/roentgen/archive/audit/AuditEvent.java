package org.roentgen.archive.audit;

/**
 * The kinds of audited events, with their Event ID codes from PS3.15 A.5.3 (DCM coding scheme) and
 * the event action code (C create, R read, U update, D delete, E execute).
 */
public enum AuditEvent {
  QUERY("110112", "Query", "E"),
  INSTANCES_TRANSFERRED("110104", "DICOM Instances Transferred", "R"),
  INSTANCES_ACCESSED("110103", "DICOM Instances Accessed", "R"),
  INSTANCES_CHANGED("110103", "DICOM Instances Accessed", "U"),
  STUDY_DELETED("110105", "DICOM Study Deleted", "D"),
  EXPORT("110106", "Export", "R"),
  AUDIT_LOG_USED("110101", "Audit Log Used", "R"),
  SECURITY_ALERT("110113", "Security Alert", "E");

  private final String code;
  private final String meaning;
  private final String action;

  AuditEvent(String code, String meaning, String action) {
    this.code = code;
    this.meaning = meaning;
    this.action = action;
  }

  public String code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  public String action() {
    return action;
  }

  /** The event of a stored code and action. */
  public static AuditEvent of(String code, String action) {
    for (AuditEvent e : values()) {
      if (e.code.equals(code) && e.action.equals(action)) {
        return e;
      }
    }
    throw new IllegalArgumentException("no audit event " + code + "/" + action);
  }
}
