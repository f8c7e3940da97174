package org.roentgen.dicom.data;

/** Reads and writes binary numbers in either byte order, and swaps values between them. */
public final class Bytes {
  private Bytes() {}

  public static int u16(byte[] b, int off, boolean bigEndian) {
    return bigEndian
        ? ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF)
        : (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
  }

  public static int i32(byte[] b, int off, boolean bigEndian) {
    return bigEndian
        ? ((b[off] & 0xFF) << 24)
            | ((b[off + 1] & 0xFF) << 16)
            | ((b[off + 2] & 0xFF) << 8)
            | (b[off + 3] & 0xFF)
        : (b[off] & 0xFF)
            | ((b[off + 1] & 0xFF) << 8)
            | ((b[off + 2] & 0xFF) << 16)
            | ((b[off + 3] & 0xFF) << 24);
  }

  public static long i64(byte[] b, int off, boolean bigEndian) {
    long a = i32(b, off, bigEndian) & 0xFFFFFFFFL;
    long c = i32(b, off + 4, bigEndian) & 0xFFFFFFFFL;
    return bigEndian ? (a << 32) | c : (c << 32) | a;
  }

  /** Reads a tag (group, element) as one int, group in the high half. */
  public static int tag(byte[] b, int off, boolean bigEndian) {
    return (u16(b, off, bigEndian) << 16) | u16(b, off + 2, bigEndian);
  }

  public static void put16(byte[] b, int off, int v, boolean bigEndian) {
    if (bigEndian) {
      b[off] = (byte) (v >> 8);
      b[off + 1] = (byte) v;
    } else {
      b[off] = (byte) v;
      b[off + 1] = (byte) (v >> 8);
    }
  }

  public static void put32(byte[] b, int off, int v, boolean bigEndian) {
    if (bigEndian) {
      b[off] = (byte) (v >> 24);
      b[off + 1] = (byte) (v >> 16);
      b[off + 2] = (byte) (v >> 8);
      b[off + 3] = (byte) v;
    } else {
      b[off] = (byte) v;
      b[off + 1] = (byte) (v >> 8);
      b[off + 2] = (byte) (v >> 16);
      b[off + 3] = (byte) (v >> 24);
    }
  }

  public static void put64(byte[] b, int off, long v, boolean bigEndian) {
    if (bigEndian) {
      put32(b, off, (int) (v >>> 32), true);
      put32(b, off + 4, (int) v, true);
    } else {
      put32(b, off, (int) v, false);
      put32(b, off + 4, (int) (v >>> 32), false);
    }
  }

  public static void putTag(byte[] b, int off, int tag, boolean bigEndian) {
    put16(b, off, tag >>> 16, bigEndian);
    put16(b, off + 2, tag & 0xFFFF, bigEndian);
  }

  /**
   * Reverses the byte order of each {@code unit}-byte word in place (unit 1: nothing to do). A
   * trailing partial word is left as it is.
   */
  public static void swap(byte[] b, int off, int len, int unit) {
    if (unit <= 1) {
      return;
    }
    int end = off + len - len % unit;
    for (int i = off; i < end; i += unit) {
      for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
        byte t = b[lo];
        b[lo] = b[hi];
        b[hi] = t;
      }
    }
  }

  /** Returns a copy of {@code b} with each {@code unit}-byte word reversed. */
  public static byte[] swapped(byte[] b, int unit) {
    byte[] c = b.clone();
    swap(c, 0, c.length, unit);
    return c;
  }
}
