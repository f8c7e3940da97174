package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An incoming data set stream that can write itself to a file: the stream {@link
 * IncomingMessage#dataset()} returns implements it. On plain TCP the bytes go from the socket to
 * the file through one direct buffer; elsewhere (TLS) through the heap as usual.
 */
public interface FileRegionSource {
  /** Writes the rest of the data set to {@code out} at its position; returns the bytes written. */
  long transferTo(FileChannel out) throws IOException;
}
