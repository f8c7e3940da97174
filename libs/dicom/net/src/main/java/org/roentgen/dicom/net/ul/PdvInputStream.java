package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.io.InputStream;
import org.roentgen.dicom.net.pdu.AbortReason;
import org.roentgen.dicom.net.pdu.PdvCursor;

/**
 * The command or data set of one incoming message as a stream of its PDV fragments (PS3.8 Annex
 * E), read straight from the receiver's P-DATA buffer as the handler asks for bytes.
 */
final class PdvInputStream extends InputStream {

  private final Receiver receiver;
  private final int pcid;
  private final boolean command;
  private byte[] buf;
  private int pos;
  private int end;
  private boolean last;
  private boolean started;

  PdvInputStream(Receiver receiver, int pcid, boolean command, PdvCursor first) {
    this.receiver = receiver;
    this.pcid = pcid;
    this.command = command;
    if (first != null) {
      take(first);
    }
  }

  @Override
  public int read() throws IOException {
    if (!ensureData()) {
      return -1;
    }
    return buf[pos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!ensureData()) {
      return -1;
    }
    int n = Math.min(len, end - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return end - pos;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n && ensureData()) {
      int k = (int) Math.min(n - skipped, end - pos);
      pos += k;
      skipped += k;
    }
    return skipped;
  }

  /** Reads and discards the remaining fragments. */
  void drain() throws IOException {
    while (ensureData()) {
      pos = end;
    }
  }

  /** Whether the last fragment has been consumed. */
  boolean finished() {
    return started && last && pos == end;
  }

  private boolean ensureData() throws IOException {
    while (pos == end) {
      if (started && last) {
        return false;
      }
      PdvCursor next = receiver.nextPdv();
      if (next == null) {
        throw receiver.endedDuringMessage();
      }
      if (next.presentationContextId() != pcid || next.command() != command) {
        receiver.protocolError(AbortReason.UNEXPECTED_PDU_PARAMETER,
            String.format("%s fragment on context %d while the %s on context %d is incomplete",
                next.command() ? "command" : "data set", next.presentationContextId(),
                command ? "command" : "data set", pcid));
        throw receiver.endedDuringMessage();
      }
      take(next);
    }
    return true;
  }

  private void take(PdvCursor pdv) {
    started = true;
    buf = pdv.buffer();
    pos = pdv.dataOffset();
    end = pos + pdv.dataLength();
    last = pdv.last();
  }
}
