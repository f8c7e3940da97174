package org.roentgen.dicom.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.roentgen.dicom.data.Bytes;

/**
 * The byte source of a {@link DicomInputStream}: a read-ahead buffer over a stream that knows its
 * offset, and the stream's length when it is a file, so that lengths read from the input are
 * checked before anything is allocated for them.
 */
final class InputBuffer {
  /** Largest piece read at once for a value whose length cannot be checked in advance. */
  private static final int CHUNK = 1 << 24;

  private InputStream in;
  private byte[] buf;
  private int pos;
  private int lim;
  private long base;
  private long knownLength;

  /** True over a caller's array: it is never compacted or grown, and there is nothing more. */
  private boolean fixed;

  /**
   * @param knownLength the stream's length, or -1 when unknown
   */
  InputBuffer(InputStream in, long knownLength) {
    this.in = in;
    this.buf = new byte[1 << 16];
    this.knownLength = knownLength;
  }

  /** Reads {@code length} bytes of {@code bytes} from {@code offset}, without copying them. */
  InputBuffer(byte[] bytes, int offset, int length) {
    this.in = InputStream.nullInputStream();
    this.buf = bytes;
    this.pos = offset;
    this.lim = offset + length;
    this.base = -offset;
    this.knownLength = length;
    this.fixed = true;
  }

  /** Offset of the next byte to be read. */
  long position() {
    return base + pos;
  }

  /** The stream's length, or -1 when unknown. */
  long knownLength() {
    return knownLength;
  }

  /** Makes at least {@code n} bytes available if the stream has them; returns how many are. */
  int fill(int n) throws IOException {
    int avail = lim - pos;
    if (avail >= n || fixed) {
      return avail;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, avail);
      base += pos;
      pos = 0;
      lim = avail;
    }
    if (buf.length < n) {
      buf = Arrays.copyOf(buf, n);
    }
    while (lim < n) {
      int r = in.read(buf, lim, buf.length - lim);
      if (r < 0) {
        break;
      }
      lim += r;
    }
    return lim - pos;
  }

  /** Like {@link #fill}, but fewer than {@code n} bytes is a truncated element header. */
  void require(int n, long offset, int tag) throws IOException {
    if (fill(n) < n) {
      throw new DicomParseException("truncated element header", offset, tag);
    }
  }

  /** The available byte {@code k} ahead of the position. */
  byte at(int k) {
    return buf[pos + k];
  }

  int u16(int k, boolean bigEndian) {
    return Bytes.u16(buf, pos + k, bigEndian);
  }

  long u32(int k, boolean bigEndian) {
    return Bytes.i32(buf, pos + k, bigEndian) & 0xFFFFFFFFL;
  }

  int tag(boolean bigEndian) {
    return Bytes.tag(buf, pos, bigEndian);
  }

  void advance(int n) {
    pos += n;
  }

  /** True when every byte available (trailing padding of a file) is zero. */
  boolean availableAllZero() {
    for (int i = pos; i < lim; i++) {
      if (buf[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads {@code length} value bytes. With an unknown stream length, reads in chunks so that a
   * length that lies ends in a truncation error, not in a huge allocation.
   */
  byte[] readBytes(long length, long valueOffset, int tag) throws IOException {
    int n = (int) length;
    if (n <= lim - pos) {
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }
    byte[] b = new byte[knownLength >= 0 ? n : Math.min(n, CHUNK)];
    int have = lim - pos;
    System.arraycopy(buf, pos, b, 0, have);
    pos = lim;
    while (have < n) {
      if (have == b.length) {
        b = Arrays.copyOf(b, (int) Math.min(n, (long) b.length * 2));
      }
      int r = in.read(b, have, b.length - have);
      if (r < 0) {
        throw new DicomParseException(
            "value of " + n + " bytes truncated after " + have, valueOffset, tag);
      }
      have += r;
      base += r;
    }
    return b;
  }

  /** Skips {@code n} bytes. */
  void skip(long n) throws IOException {
    long inBuf = Math.min(n, lim - pos);
    pos += (int) inBuf;
    long left = n - inBuf;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new DicomParseException(
              "value truncated: " + left + " bytes missing", position(), 0);
        }
        s = 1;
      }
      left -= s;
      base += s;
    }
  }

  /** Reads what is buffered, else straight from the stream. */
  int readRaw(byte[] b, int off, int len) throws IOException {
    if (pos < lim) {
      int n = Math.min(len, lim - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }
    int r = in.read(b, off, len);
    if (r > 0) {
      base += r;
    }
    return r;
  }

  /**
   * From here on, reads the inflated form of the rest of the stream (PS3.5 A.5, deflate without
   * zlib header); offsets count inflated bytes and the length is no longer known.
   */
  void startInflating() {
    byte[] rest = Arrays.copyOfRange(buf, pos, lim);
    fixed = false;
    buf = new byte[1 << 16];
    InputStream chained =
        new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(rest), in);
    in = new InflatedStream(new InflaterInputStream(chained, new Inflater(true), 1 << 16));
    base += pos;
    pos = 0;
    lim = 0;
    knownLength = -1;
  }

  void close() throws IOException {
    in.close();
  }

  /**
   * Broken or truncated deflate data is a {@link DicomParseException} at the inflated offset
   * reached, like any other broken input.
   */
  private final class InflatedStream extends java.io.FilterInputStream {
    InflatedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (java.util.zip.ZipException | EOFException e) {
        throw broken(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (java.util.zip.ZipException | EOFException e) {
        throw broken(e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (java.util.zip.ZipException | EOFException e) {
        throw broken(e);
      }
    }

    private DicomParseException broken(IOException e) {
      DicomParseException p =
          new DicomParseException("broken deflated data (" + e.getMessage() + ")", position(), 0);
      p.initCause(e);
      return p;
    }
  }
}
