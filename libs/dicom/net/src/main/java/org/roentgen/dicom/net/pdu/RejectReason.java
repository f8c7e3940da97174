package org.roentgen.dicom.net.pdu;

/**
 * Reason/Diag. field of the A-ASSOCIATE-RJ PDU, PS3.8 Table 9-21. The meaning of a code depends on
 * the source, so each constant carries both.
 */
public enum RejectReason {
  USER_NO_REASON_GIVEN(RejectSource.SERVICE_USER, 1),
  APPLICATION_CONTEXT_NAME_NOT_SUPPORTED(RejectSource.SERVICE_USER, 2),
  CALLING_AE_TITLE_NOT_RECOGNIZED(RejectSource.SERVICE_USER, 3),
  CALLED_AE_TITLE_NOT_RECOGNIZED(RejectSource.SERVICE_USER, 7),
  ACSE_NO_REASON_GIVEN(RejectSource.SERVICE_PROVIDER_ACSE, 1),
  PROTOCOL_VERSION_NOT_SUPPORTED(RejectSource.SERVICE_PROVIDER_ACSE, 2),
  TEMPORARY_CONGESTION(RejectSource.SERVICE_PROVIDER_PRESENTATION, 1),
  LOCAL_LIMIT_EXCEEDED(RejectSource.SERVICE_PROVIDER_PRESENTATION, 2);

  private final RejectSource source;
  private final int code;

  RejectReason(RejectSource source, int code) {
    this.source = source;
    this.code = code;
  }

  public RejectSource source() {
    return source;
  }

  public int code() {
    return code;
  }

  /** The reason for a source and code, or {@code null} if the pair is reserved. */
  public static RejectReason of(RejectSource source, int code) {
    for (RejectReason r : values()) {
      if (r.source == source && r.code == code) {
        return r;
      }
    }
    return null;
  }
}
