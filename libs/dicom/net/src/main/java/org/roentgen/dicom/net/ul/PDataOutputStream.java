package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.roentgen.dicom.net.pdu.PduWriter;

/**
 * Fragments a command or data set into PDVs (PS3.8 Annex E), one PDV per P-DATA-TF PDU, each at
 * most {@code maxFragment} bytes. Small writes gather in a buffer that is sent with its PDU header
 * in one write; large writes go straight from the caller's array. The last fragment is marked when
 * the stream is closed, so at least one byte is always kept back until then.
 */
final class PDataOutputStream extends OutputStream implements FileRegionSink {

  private final Protocol protocol;
  private final int pcid;
  private final boolean command;
  private final int maxFragment;
  private final byte[] buf;
  private int count;
  private boolean closed;

  /**
   * @param buf the gathering buffer, at least {@code PduWriter.PDATA_OVERHEAD + maxFragment} bytes;
   *     the caller reuses it once this stream is closed
   */
  PDataOutputStream(Protocol protocol, int pcid, boolean command, int maxFragment, byte[] buf) {
    if (buf.length < PduWriter.PDATA_OVERHEAD + maxFragment) {
      throw new IllegalArgumentException("buffer smaller than a fragment");
    }
    this.protocol = protocol;
    this.pcid = pcid;
    this.command = command;
    this.maxFragment = maxFragment;
    this.buf = buf;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (count == maxFragment) {
      emit(false);
    }
    buf[PduWriter.PDATA_OVERHEAD + count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    while (len > 0) {
      if (count == maxFragment) {
        emit(false);
      }
      if (count == 0 && len > maxFragment) {
        protocol.writePData(pcid, command, false, b, off, maxFragment);
        off += maxFragment;
        len -= maxFragment;
        continue;
      }
      int n = Math.min(len, maxFragment - count);
      System.arraycopy(b, off, buf, PduWriter.PDATA_OVERHEAD + count, n);
      count += n;
      off += n;
      len -= n;
    }
  }

  /**
   * Whole fragments go from the file to the socket through one direct buffer; what is gathered
   * before is sent first, and the tail (at most one fragment) is kept back in the buffer, so that
   * {@link #close} can mark the last fragment as always.
   */
  @Override
  public void writeFrom(FileChannel file, long position, long count) throws IOException {
    ensureOpen();
    if (!protocol.canTransferFromFiles()) {
      copyThroughBuffer(file, position, count);
      return;
    }
    if (count > maxFragment && this.count > 0) {
      emit(false);
    }
    while (count > maxFragment) {
      protocol.writePData(pcid, command, false, file, position, maxFragment);
      position += maxFragment;
      count -= maxFragment;
    }
    copyThroughBuffer(file, position, count);
  }

  private void copyThroughBuffer(FileChannel file, long position, long count) throws IOException {
    while (count > 0) {
      if (this.count == maxFragment) {
        emit(false);
      }
      int n = (int) Math.min(count, maxFragment - this.count);
      ByteBuffer dst = ByteBuffer.wrap(buf, PduWriter.PDATA_OVERHEAD + this.count, n);
      while (dst.hasRemaining()) {
        if (file.read(dst, position + (n - dst.remaining())) < 0) {
          throw new java.io.EOFException("file ended before the data set did");
        }
      }
      this.count += n;
      position += n;
      count -= n;
    }
  }

  /** Sends the last fragment; does not close the association. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      emit(true);
    }
  }

  private void emit(boolean last) throws IOException {
    protocol.writePData(buf, pcid, command, last, count);
    count = 0;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("message stream closed");
    }
  }
}
