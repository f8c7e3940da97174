package org.roentgen.dicom.net.pdu;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An input that can move bytes to a file without passing them through the heap (a socket read as a
 * channel). {@link PdvReader#transferTo} uses it when the PDU stream offers it.
 */
public interface TransferableInput {
  /** True when {@link #transferTo} avoids the heap; false means it is not supported. */
  boolean canTransfer();

  /** Moves exactly {@code n} bytes of the input to {@code out} at its position. */
  void transferTo(long n, FileChannel out) throws IOException;
}
