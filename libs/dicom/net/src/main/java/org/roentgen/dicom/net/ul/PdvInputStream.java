package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.io.InputStream;
import org.roentgen.dicom.net.pdu.AbortReason;
import org.roentgen.dicom.net.pdu.PdvReader;

/**
 * The command or data set of one incoming message as a stream of its PDV fragments (PS3.8 Annex E),
 * read off the transport as the handler asks for bytes.
 */
final class PdvInputStream extends InputStream implements FileRegionSource {

  private final Receiver receiver;
  private final int pcid;
  private final boolean command;
  private PdvReader pdv;
  private boolean last;
  private boolean ended;

  PdvInputStream(Receiver receiver, int pcid, boolean command, PdvReader first) {
    this.receiver = receiver;
    this.pcid = pcid;
    this.command = command;
    this.pdv = first;
    this.last = first != null && first.last();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
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
    try {
      return pdv.read(b, off, len);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public int available() {
    return ended || pdv == null ? 0 : pdv.remaining();
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
    while (skipped < n) {
      int k = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (k < 0) {
        break;
      }
      skipped += k;
    }
    return skipped;
  }

  @Override
  public long transferTo(java.nio.channels.FileChannel out) throws IOException {
    long total = 0;
    while (ensureData()) {
      try {
        total += pdv.transferTo(out);
      } catch (org.roentgen.dicom.net.pdu.SinkWriteException e) {
        throw e; // the fragment was consumed: the association goes on and can answer a status
      } catch (IOException e) {
        throw failed(e);
      }
    }
    return total;
  }

  /** Reads and discards the remaining fragments. */
  void drain() throws IOException {
    while (ensureData()) {
      try {
        pdv.skipRemainingData();
      } catch (IOException e) {
        throw failed(e);
      }
    }
  }

  /**
   * Whether fragment bytes of this stream are ready. The PDV reader is shared with the other stream
   * of the message, so once the last fragment is consumed this stream ends for good.
   */
  private boolean ensureData() throws IOException {
    while (!ended && (pdv == null || pdv.remaining() == 0)) {
      if (pdv != null && last) {
        ended = true;
        break;
      }
      PdvReader next = receiver.nextPdv();
      if (next == null) {
        throw receiver.endedDuringMessage();
      }
      if (next.presentationContextId() != pcid || next.command() != command) {
        receiver.protocolError(
            AbortReason.UNEXPECTED_PDU_PARAMETER,
            String.format(
                "%s fragment on context %d while the %s on context %d is incomplete",
                next.command() ? "command" : "data set",
                next.presentationContextId(),
                command ? "command" : "data set",
                pcid));
        throw receiver.endedDuringMessage();
      }
      pdv = next;
      last = next.last();
    }
    return !ended;
  }

  private IOException failed(IOException e) {
    receiver.readFailed(e);
    return receiver.endedDuringMessage();
  }
}
