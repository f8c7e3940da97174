package org.roentgen.dicom.net.pdu;

import java.io.IOException;

/**
 * Writing received bytes to their destination (a file) failed; the bytes were still read off the
 * association, which stays usable, so the failure can be answered with a status.
 */
public final class SinkWriteException extends IOException {
  public SinkWriteException(IOException cause) {
    super("writing the received data failed: " + cause.getMessage(), cause);
  }
}
