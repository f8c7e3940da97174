package org.roentgen.dicom.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a data set between streams in 1 MiB chunks through one buffer per thread: the store paths
 * of {@code send} (file to PDVs) and {@code listen} (PDVs to file). {@link InputStream#transferTo}
 * moves 8 KiB at a time, which costs one system call per 8 KiB on each side and dominates the time
 * of a large transfer.
 */
final class StreamCopy {
  static final int CHUNK = 1 << 20;

  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[CHUNK]);

  private StreamCopy() {}

  /** Copies the rest of {@code in} to {@code out}; returns the number of bytes copied. */
  static long copy(InputStream in, OutputStream out) throws IOException {
    byte[] buf = BUFFER.get();
    long total = 0;
    while (true) {
      int n = in.readNBytes(buf, 0, buf.length);
      if (n > 0) {
        out.write(buf, 0, n);
        total += n;
      }
      if (n < buf.length) {
        return total;
      }
    }
  }
}
