package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.io.OutputStream;

/** Writes the data set of an outgoing message into a stream of PDV fragments. */
@FunctionalInterface
public interface MessageWriter {

  /** Writes the data set; the stream fragments it and must not be closed by the writer. */
  void writeTo(OutputStream dataset) throws IOException;
}
