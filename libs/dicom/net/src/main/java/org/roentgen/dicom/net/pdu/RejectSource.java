package org.roentgen.dicom.net.pdu;

/** Source field of the A-ASSOCIATE-RJ PDU, PS3.8 Table 9-21. */
public enum RejectSource {
  SERVICE_USER(1),
  SERVICE_PROVIDER_ACSE(2),
  SERVICE_PROVIDER_PRESENTATION(3);

  private final int code;

  RejectSource(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The source for a code, or {@code null} if reserved. */
  public static RejectSource ofCode(int code) {
    for (RejectSource s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
