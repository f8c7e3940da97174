package org.roentgen.dicom.net.pdu;

/** Source field of the A-ABORT PDU, PS3.8 Table 9-26. */
public enum AbortSource {
  /** DICOM UL service-user (initiated abort). */
  SERVICE_USER(0),
  /** DICOM UL service-provider (initiated abort). */
  SERVICE_PROVIDER(2);

  private final int code;

  AbortSource(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The source for a code, or {@code null} if reserved. */
  public static AbortSource ofCode(int code) {
    for (AbortSource s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
