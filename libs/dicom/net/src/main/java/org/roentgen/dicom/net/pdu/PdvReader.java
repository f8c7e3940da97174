package org.roentgen.dicom.net.pdu;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the PDV items (PS3.8 Section 9.3.5.1, Table 9-23) of one P-DATA-TF PDU straight from the
 * stream, without buffering the PDU: a caller's {@link #read(byte[], int, int)} of 64 KiB or more
 * goes from the socket into the caller's array with no copy in between. Every PDV item length is
 * checked against the rest of its PDU before any of its data is read.
 *
 * <p>One instance per {@link PduReader}, reused for every P-DATA-TF. The PDU must be consumed
 * ({@link #next()} until false, or {@link #skipRemaining()}) before the next PDU header is read.
 */
public final class PdvReader {

  private final InputStream in;
  private final byte[] header = new byte[PresentationDataValue.HEADER_LENGTH];
  private int pduLength;
  private long pduRemaining;
  private int pdvRemaining;
  private int pcid;
  private int controlHeader;

  PdvReader(InputStream in) {
    this.in = in;
  }

  void begin(int length) throws PduDecodeException {
    if (length < PresentationDataValue.HEADER_LENGTH) {
      throw error(2, PduDecodeException.Problem.INVALID_VALUE, "P-DATA-TF without a PDV");
    }
    pduLength = length;
    pduRemaining = length;
    pdvRemaining = 0;
  }

  /**
   * Moves to the next PDV, skipping what is left of the current one.
   *
   * @return false at the end of the PDU
   */
  public boolean next() throws IOException {
    skip(pdvRemaining);
    if (pduRemaining == 0) {
      return false;
    }
    long offset = PduHeader.LENGTH + (long) pduLength - pduRemaining;
    if (pduRemaining < PresentationDataValue.HEADER_LENGTH) {
      throw error(offset, PduDecodeException.Problem.ITEM_OVERRUNS_PDU, "PDV item header cut");
    }
    int n = in.readNBytes(header, 0, header.length);
    if (n < header.length) {
      throw truncated(offset + n);
    }
    long itemLength = Bytes.uint32(header, 0);
    if (itemLength < 2) {
      throw error(
          offset, PduDecodeException.Problem.INVALID_VALUE, "PDV item length " + itemLength);
    }
    long dataLength = itemLength - 2;
    if (dataLength > pduRemaining - PresentationDataValue.HEADER_LENGTH) {
      throw error(
          offset,
          PduDecodeException.Problem.ITEM_OVERRUNS_PDU,
          "PDV item length " + itemLength + " exceeds the PDU");
    }
    pcid = header[4] & 0xFF;
    controlHeader = header[5] & 0xFF;
    pdvRemaining = (int) dataLength;
    pduRemaining -= PresentationDataValue.HEADER_LENGTH + dataLength;
    return true;
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

  /** Unread fragment bytes of the current PDV. */
  public int remaining() {
    return pdvRemaining;
  }

  /**
   * Reads fragment bytes of the current PDV.
   *
   * @return the number of bytes read, or -1 when the PDV has no more
   */
  public int read(byte[] b, int off, int len) throws IOException {
    if (pdvRemaining == 0) {
      return -1;
    }
    int n = in.read(b, off, Math.min(len, pdvRemaining));
    if (n < 0) {
      throw truncated(PduHeader.LENGTH + (long) pduLength - pduRemaining - pdvRemaining);
    }
    pdvRemaining -= n;
    return n;
  }

  /**
   * Moves the rest of the current PDV's fragment to {@code out}: through the input's direct path
   * when it has one ({@link TransferableInput}), else through a heap buffer.
   *
   * @return the number of bytes moved
   */
  public long transferTo(java.nio.channels.FileChannel out) throws IOException {
    int n = pdvRemaining;
    if (in instanceof TransferableInput t && t.canTransfer()) {
      try {
        t.transferTo(n, out);
      } catch (java.io.EOFException e) {
        throw truncated(PduHeader.LENGTH + (long) pduLength - pduRemaining - pdvRemaining);
      } catch (SinkWriteException e) {
        pdvRemaining = 0;
        throw e;
      }
      pdvRemaining = 0;
      return n;
    }
    byte[] chunk = new byte[(int) Math.min(n, 1 << 16)];
    IOException writeFailure = null;
    while (pdvRemaining > 0) {
      int k = read(chunk, 0, chunk.length);
      if (writeFailure == null) {
        try {
          java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(chunk, 0, k);
          while (b.hasRemaining()) {
            out.write(b);
          }
        } catch (IOException e) {
          writeFailure = e;
        }
      }
    }
    if (writeFailure != null) {
      throw new SinkWriteException(writeFailure);
    }
    return n;
  }

  /** The rest of the current PDV's fragment as a new array (at most the PDU length). */
  public byte[] readRemaining() throws IOException {
    byte[] data = in.readNBytes(pdvRemaining);
    if (data.length < pdvRemaining) {
      throw truncated(
          PduHeader.LENGTH + (long) pduLength - pduRemaining - pdvRemaining + data.length);
    }
    pdvRemaining = 0;
    return data;
  }

  /** Skips the rest of the current PDV. */
  public void skipRemainingData() throws IOException {
    skip(pdvRemaining);
    pdvRemaining = 0;
  }

  /** Skips the rest of the PDU without looking at its PDVs. */
  public void skipRemaining() throws IOException {
    skip(pdvRemaining + pduRemaining);
    pdvRemaining = 0;
    pduRemaining = 0;
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long k = in.skip(left);
      if (k <= 0) {
        if (in.read() < 0) {
          throw truncated(PduHeader.LENGTH + (long) pduLength - pduRemaining - left);
        }
        k = 1;
      }
      left -= k;
    }
  }

  private static PduDecodeException truncated(long offset) {
    return new PduDecodeException(
        PduType.P_DATA_TF.code(),
        offset,
        PduDecodeException.Problem.TRUNCATED,
        AbortReason.REASON_NOT_SPECIFIED,
        "stream ended inside a PDV");
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
}
