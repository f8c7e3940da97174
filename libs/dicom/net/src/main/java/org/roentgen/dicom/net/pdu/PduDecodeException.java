package org.roentgen.dicom.net.pdu;

import java.io.IOException;

/**
 * Bytes received from the peer are not a valid PDU. Carries the PDU type (if known), the byte
 * offset within the PDU where decoding failed, the kind of problem and the A-ABORT reason the upper
 * layer sends for it (PS3.8 Table 9-26).
 */
public final class PduDecodeException extends IOException {

  /** What is wrong with the bytes. */
  public enum Problem {
    /** The first byte is not a PDU type of PS3.8 Table 9-11 ... 9-26. */
    UNKNOWN_PDU_TYPE,
    /** The PDU length field exceeds the allocation limit for the PDU type. */
    LENGTH_OVER_LIMIT,
    /** An item or sub-item length runs past the end of its enclosing PDU or item. */
    ITEM_OVERRUNS_PDU,
    /** The stream ended in the middle of a PDU. */
    TRUNCATED,
    /** A field holds a value that PS3.8 does not allow (reserved code, bad length, bad ID). */
    INVALID_VALUE,
    /** An item that is not allowed at that place. */
    UNEXPECTED_ITEM
  }

  private final int pduTypeCode;
  private final long offset;
  private final Problem problem;
  private final AbortReason reason;

  public PduDecodeException(
      int pduTypeCode, long offset, Problem problem, AbortReason reason, String message) {
    super(
        String.format(
            "%s in PDU type 0x%02X at offset %d: %s", problem, pduTypeCode, offset, message));
    this.pduTypeCode = pduTypeCode;
    this.offset = offset;
    this.problem = problem;
    this.reason = reason;
  }

  /** The PDU type, or {@code null} if the type byte was not recognized. */
  public PduType pduType() {
    return PduType.ofCode(pduTypeCode);
  }

  /** The raw value of the PDU type byte. */
  public int pduTypeCode() {
    return pduTypeCode;
  }

  /** Offset from the first byte of the PDU. */
  public long offset() {
    return offset;
  }

  public Problem problem() {
    return problem;
  }

  /** The A-ABORT reason to send to the peer for this error. */
  public AbortReason reason() {
    return reason;
  }
}
