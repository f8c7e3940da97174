package org.roentgen.dicom.io;

import java.io.IOException;
import java.io.InputStream;

/** The next {@code length} bytes of a {@link DicomInputStream}, read through its buffer. */
final class BoundedValueStream extends InputStream {
  private final DicomInputStream source;
  private long left;

  BoundedValueStream(DicomInputStream source, long length) {
    this.source = source;
    this.left = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (left <= 0) {
      return -1;
    }
    int r = source.readRaw(b, off, (int) Math.min(len, left));
    if (r < 0) {
      throw new java.io.EOFException(left + " bytes of the value missing at the end of the stream");
    }
    left -= r;
    return r;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = Math.min(n, left);
    source.skip(s);
    left -= s;
    return s;
  }
}
