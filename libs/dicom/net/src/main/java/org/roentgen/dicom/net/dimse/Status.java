package org.roentgen.dicom.net.dimse;

/**
 * DIMSE status codes (0000,0900) used by the toolkit, PS3.7 annex C and the service classes of
 * PS3.4 (B.2.3 Storage, C.4.1.1.4 Query/Retrieve, K.4.1.1.4 Modality Worklist).
 */
public enum Status {
  SUCCESS(0x0000),
  PENDING(0xFF00),
  PENDING_WARNING(0xFF01),
  CANCEL(0xFE00),
  /** Warning: coercion of data elements (PS3.4 B.2.3). */
  COERCION_OF_DATA_ELEMENTS(0xB000),
  /** Warning: elements discarded (PS3.4 B.2.3). */
  ELEMENTS_DISCARDED(0xB006),
  /** Warning: data set does not match SOP class (PS3.4 B.2.3). */
  DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING(0xB007),
  /** Failure: refused, out of resources (PS3.4 B.2.3; 0xA7xx). */
  OUT_OF_RESOURCES(0xA700),
  /** Failure: out of resources, unable to calculate number of matches (PS3.4 C.4.2.1.5). */
  OUT_OF_RESOURCES_MATCHES(0xA701),
  /** Failure: data set (C-STORE) or identifier (C-FIND) does not match SOP class (0xA9xx). */
  DATA_SET_DOES_NOT_MATCH_SOP_CLASS(0xA900),
  /** Failure: cannot understand (0xCxxx). */
  CANNOT_UNDERSTAND(0xC000),
  /** Failure: unable to process (C-FIND). */
  UNABLE_TO_PROCESS(0xC001),
  /** Failure: refused, not authorized (PS3.7 C.5.4). */
  NOT_AUTHORIZED(0x0124),
  PROCESSING_FAILURE(0x0110),
  DUPLICATE_SOP_INSTANCE(0x0111),
  NO_SUCH_SOP_CLASS(0x0118),
  INVALID_ARGUMENT_VALUE(0x0115),
  MISTYPED_ARGUMENT(0x0212),
  SOP_CLASS_NOT_SUPPORTED(0x0122),
  UNRECOGNIZED_OPERATION(0x0211),
  DUPLICATE_INVOCATION(0x0210);

  private final int code;

  Status(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The class of a status code (PS3.7 C.1). */
  public enum Kind {
    SUCCESS,
    PENDING,
    CANCEL,
    WARNING,
    FAILURE
  }

  /** Classifies any status code, defined here or not. */
  public static Kind kindOf(int code) {
    if (code == 0x0000) {
      return Kind.SUCCESS;
    }
    if (code == 0xFF00 || code == 0xFF01) {
      return Kind.PENDING;
    }
    if (code == 0xFE00) {
      return Kind.CANCEL;
    }
    if (code == 0x0001 || code == 0x0107 || code == 0x0116 || (code & 0xF000) == 0xB000) {
      return Kind.WARNING;
    }
    return Kind.FAILURE;
  }
}
