package org.roentgen.dicom.net.pdu;

/** Result/Reason field of the presentation context item of an A-ASSOCIATE-AC, PS3.8 Table 9-18. */
public enum PresentationContextResult {
  ACCEPTANCE(0),
  USER_REJECTION(1),
  NO_REASON(2),
  ABSTRACT_SYNTAX_NOT_SUPPORTED(3),
  TRANSFER_SYNTAXES_NOT_SUPPORTED(4);

  private final int code;

  PresentationContextResult(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The result for a code, or {@code null} if the code is not defined in Table 9-18. */
  public static PresentationContextResult ofCode(int code) {
    for (PresentationContextResult r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return null;
  }
}
