package org.roentgen.dicom.net.pdu;

/** PDU types of the DICOM Upper Layer, PS3.8 Section 9.3.1 and Table 9-11 ... 9-26. */
public enum PduType {
  /** PS3.8 9.3.2, Table 9-11. */
  A_ASSOCIATE_RQ(0x01),
  /** PS3.8 9.3.3, Table 9-17. */
  A_ASSOCIATE_AC(0x02),
  /** PS3.8 9.3.4, Table 9-21. */
  A_ASSOCIATE_RJ(0x03),
  /** PS3.8 9.3.5, Table 9-22. */
  P_DATA_TF(0x04),
  /** PS3.8 9.3.6, Table 9-24. */
  A_RELEASE_RQ(0x05),
  /** PS3.8 9.3.7, Table 9-25. */
  A_RELEASE_RP(0x06),
  /** PS3.8 9.3.8, Table 9-26. */
  A_ABORT(0x07);

  private final int code;

  PduType(int code) {
    this.code = code;
  }

  /** The value of the first byte of the PDU. */
  public int code() {
    return code;
  }

  /** The type for a code, or {@code null} if the code is not a PDU type of PS3.8. */
  public static PduType ofCode(int code) {
    for (PduType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
