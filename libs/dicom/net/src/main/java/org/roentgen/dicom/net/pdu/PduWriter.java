package org.roentgen.dicom.net.pdu;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes PDUs (PS3.8 Section 9.3) to a stream. P-DATA-TF PDUs with a single PDV can be written
 * straight from a caller's byte range with {@link #writePData}, without copying the fragment. Not
 * thread-safe: the upper layer serializes writers.
 */
public final class PduWriter {

  /** Length of the body of A-ASSOCIATE-RJ, A-RELEASE-RQ/RP and A-ABORT PDUs. */
  public static final int FIXED_BODY_LENGTH = 4;

  /** PDU header plus one PDV item header. */
  public static final int PDATA_OVERHEAD = PduHeader.LENGTH + PresentationDataValue.HEADER_LENGTH;

  private final OutputStream out;
  private final byte[] pdataHeader = new byte[PDATA_OVERHEAD];

  public PduWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes a PDU (does not flush). */
  public void write(Pdu pdu) throws IOException {
    out.write(encode(pdu));
  }

  /** A P-DATA-TF PDU with one PDV whose fragment is {@code data[off..off+len)}. */
  public void writePData(
      int presentationContextId, boolean command, boolean last, byte[] data, int off, int len)
      throws IOException {
    fillPDataHeader(pdataHeader, 0, presentationContextId, command, last, len);
    out.write(pdataHeader);
    out.write(data, off, len);
  }

  /**
   * A P-DATA-TF PDU with one PDV from a buffer whose first {@link #PDATA_OVERHEAD} bytes are free
   * for the header and whose next {@code len} bytes are the fragment: written with one call.
   */
  public void writePDataInPlace(
      byte[] buf, int presentationContextId, boolean command, boolean last, int len)
      throws IOException {
    fillPDataHeader(buf, 0, presentationContextId, command, last, len);
    out.write(buf, 0, PDATA_OVERHEAD + len);
  }

  /**
   * Writes the 12 header bytes of a single-PDV P-DATA-TF PDU carrying {@code len} fragment bytes
   * into {@code buf} at {@code off}.
   */
  public static void fillPDataHeader(
      byte[] buf, int off, int presentationContextId, boolean command, boolean last, int len) {
    buf[off] = (byte) PduType.P_DATA_TF.code();
    buf[off + 1] = 0;
    Bytes.putUint32(buf, off + 2, (long) len + PresentationDataValue.HEADER_LENGTH);
    Bytes.putUint32(buf, off + 6, len + 2L);
    buf[off + 10] = (byte) presentationContextId;
    buf[off + 11] = (byte) PresentationDataValue.controlHeader(command, last);
  }

  /**
   * A P-DATA-TF with one PDV whose data are {@code len} bytes at {@code position} of {@code file},
   * sent on {@code channel} (the socket this writer's stream writes to): read into a direct buffer
   * behind the headers and written in one call, as a C program would, instead of through the heap
   * and a separate write for the headers. Flushes this writer's stream first.
   */
  public void writePData(
      int presentationContextId,
      boolean command,
      boolean last,
      java.nio.channels.FileChannel file,
      long position,
      int len,
      java.nio.channels.WritableByteChannel channel)
      throws IOException {
    java.nio.ByteBuffer b = directBuffer(PDATA_OVERHEAD + len);
    fillPDataHeader(pdataHeader, 0, presentationContextId, command, last, len);
    b.put(pdataHeader);
    while (b.hasRemaining()) {
      if (file.read(b, position + b.position() - PDATA_OVERHEAD) < 0) {
        throw new java.io.EOFException("file ended before the data set did");
      }
    }
    b.flip();
    out.flush();
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  private java.nio.ByteBuffer direct;

  /** A direct buffer limited to {@code size} bytes, reused by this writer. */
  private java.nio.ByteBuffer directBuffer(int size) {
    if (direct == null || direct.capacity() < size) {
      direct = java.nio.ByteBuffer.allocateDirect(size);
    }
    direct.clear().limit(size);
    return direct;
  }

  public void flush() throws IOException {
    out.flush();
  }

  /** The complete encoding of a PDU. */
  public static byte[] encode(Pdu pdu) {
    if (pdu instanceof AAssociateRq rq) {
      return AssociateEncoder.encode(rq);
    } else if (pdu instanceof AAssociateAc ac) {
      return AssociateEncoder.encode(ac);
    } else if (pdu instanceof AAssociateRj rj) {
      return fixed(rj.type(), 0, rj.result().code(), rj.source().code(), rj.reason().code());
    } else if (pdu instanceof AReleaseRq || pdu instanceof AReleaseRp) {
      return fixed(pdu.type(), 0, 0, 0, 0);
    } else if (pdu instanceof AAbort a) {
      return fixed(a.type(), 0, 0, a.source().code(), a.reason().code());
    } else {
      PDataTf p = (PDataTf) pdu;
      int length = 0;
      for (PresentationDataValue v : p.values()) {
        length += PresentationDataValue.HEADER_LENGTH + v.data().length;
      }
      byte[] b = new byte[PduHeader.LENGTH + length];
      b[0] = (byte) PduType.P_DATA_TF.code();
      Bytes.putUint32(b, 2, length);
      int pos = PduHeader.LENGTH;
      for (PresentationDataValue v : p.values()) {
        byte[] data = v.data();
        Bytes.putUint32(b, pos, data.length + 2L);
        b[pos + 4] = (byte) v.presentationContextId();
        b[pos + 5] = (byte) v.controlHeader();
        System.arraycopy(data, 0, b, pos + PresentationDataValue.HEADER_LENGTH, data.length);
        pos += PresentationDataValue.HEADER_LENGTH + data.length;
      }
      return b;
    }
  }

  private static byte[] fixed(PduType type, int b6, int b7, int b8, int b9) {
    return new byte[] {
      (byte) type.code(), 0, 0, 0, 0, FIXED_BODY_LENGTH, (byte) b6, (byte) b7, (byte) b8, (byte) b9
    };
  }
}
