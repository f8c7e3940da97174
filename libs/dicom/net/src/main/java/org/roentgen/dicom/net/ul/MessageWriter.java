package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.io.OutputStream;

/** Writes the data set of an outgoing message into a stream of PDV fragments. */
@FunctionalInterface
public interface MessageWriter {

  /**
   * Writes the data set into {@code dataset}, which sends it as PDV fragments while it is written.
   * Closing the stream ends the data set early; the upper layer closes it otherwise.
   */
  void writeTo(OutputStream dataset) throws IOException;
}
