package org.roentgen.dicom.io;

import java.io.IOException;

/**
 * Input that is not a well-formed DICOM stream: where (byte offset, tag) and why. The message names
 * both so an operator can find the broken element with a hex viewer.
 */
public class DicomParseException extends IOException {
  private final long offset;
  private final int tag;

  public DicomParseException(String reason, long offset, int tag) {
    super(
        reason
            + " at offset "
            + offset
            + (tag != 0
                ? " in element " + String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF)
                : ""));
    this.offset = offset;
    this.tag = tag;
  }

  /** Byte offset in the stream where the problem was found. */
  public long offset() {
    return offset;
  }

  /** The tag of the element being read, or 0. */
  public int tag() {
    return tag;
  }
}
