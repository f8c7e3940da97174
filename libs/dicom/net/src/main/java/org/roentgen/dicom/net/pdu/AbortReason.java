package org.roentgen.dicom.net.pdu;

/**
 * Reason/Diag. field of the A-ABORT PDU, PS3.8 Table 9-26 (significant when the source is the
 * service-provider).
 */
public enum AbortReason {
  REASON_NOT_SPECIFIED(0),
  UNRECOGNIZED_PDU(1),
  UNEXPECTED_PDU(2),
  UNRECOGNIZED_PDU_PARAMETER(4),
  UNEXPECTED_PDU_PARAMETER(5),
  INVALID_PDU_PARAMETER_VALUE(6);

  private final int code;

  AbortReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The reason for a code, or {@code null} if reserved. */
  public static AbortReason ofCode(int code) {
    for (AbortReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return null;
  }
}
