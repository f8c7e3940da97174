package org.roentgen.dicom.net.pdu;

/**
 * Iterates the PDV items (PS3.8 Table 9-23) of one P-DATA-TF body held in a buffer, without
 * copying. Reused for every P-DATA-TF read by the same {@link PduReader}: the fragment bytes are
 * valid until the next read.
 */
public final class PdvCursor {

  private byte[] buffer;
  private int end;
  private int position;
  private int pcid;
  private int controlHeader;
  private int dataOffset;
  private int dataLength;

  void reset(byte[] buffer, int length) {
    this.buffer = buffer;
    this.end = length;
    this.position = 0;
  }

  /** Moves to the next PDV; returns {@code false} when the PDU has no more. */
  public boolean next() throws PduDecodeException {
    if (position >= end) {
      return false;
    }
    long pduOffset = PduHeader.LENGTH + (long) position;
    if (end - position < Integer.BYTES) {
      throw error(pduOffset, PduDecodeException.Problem.ITEM_OVERRUNS_PDU, "PDV item length cut");
    }
    long itemLength = Bytes.uint32(buffer, position);
    if (itemLength < 2) {
      throw error(
          pduOffset, PduDecodeException.Problem.INVALID_VALUE, "PDV item length " + itemLength);
    }
    if (itemLength > end - position - Integer.BYTES) {
      throw error(
          pduOffset,
          PduDecodeException.Problem.ITEM_OVERRUNS_PDU,
          "PDV item length " + itemLength + " exceeds the PDU");
    }
    pcid = buffer[position + 4] & 0xFF;
    controlHeader = buffer[position + 5] & 0xFF;
    dataOffset = position + PresentationDataValue.HEADER_LENGTH;
    dataLength = (int) itemLength - 2;
    position = dataOffset + dataLength;
    return true;
  }

  private static PduDecodeException error(
      long offset, PduDecodeException.Problem problem, String message) {
    return new PduDecodeException(
        PduType.P_DATA_TF.code(),
        offset,
        problem,
        AbortReason.INVALID_PDU_PARAMETER_VALUE,
        message);
  }

  public int presentationContextId() {
    return pcid;
  }

  public boolean command() {
    return (controlHeader & PresentationDataValue.COMMAND_BIT) != 0;
  }

  public boolean last() {
    return (controlHeader & PresentationDataValue.LAST_BIT) != 0;
  }

  /** The buffer holding the current fragment. */
  public byte[] buffer() {
    return buffer;
  }

  public int dataOffset() {
    return dataOffset;
  }

  public int dataLength() {
    return dataLength;
  }

  /** A copy of the current PDV as a value. */
  public PresentationDataValue toValue() {
    byte[] data = new byte[dataLength];
    System.arraycopy(buffer, dataOffset, data, 0, dataLength);
    return new PresentationDataValue(pcid, command(), last(), data);
  }
}
