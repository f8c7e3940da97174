package org.roentgen.dicom.net.pdu;

/**
 * The six-byte PDU header (type, reserved, PDU length), PS3.8 Section 9.3.1.
 *
 * @param length the PDU length field: the number of bytes after the header
 */
public record PduHeader(PduType type, int length) {

  /** Bytes in the PDU header. */
  public static final int LENGTH = 6;
}
