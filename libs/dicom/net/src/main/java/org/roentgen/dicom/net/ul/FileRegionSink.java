package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A data set stream that can take a region of a file directly: the stream a {@link MessageWriter}
 * is given implements it. On plain TCP the bytes go from the file to the socket through one direct
 * buffer instead of through the heap; elsewhere (TLS) they are copied as usual.
 */
public interface FileRegionSink {
  /** Writes {@code count} bytes of {@code file} from {@code position}, as {@code write} would. */
  void writeFrom(FileChannel file, long position, long count) throws IOException;
}
