package org.roentgen.platform.objectstore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts and SHA-256-hashes the bytes read through it, and tells a listener once, at the first end
 * of stream, the size and digest.
 */
final class DigestingInputStream extends FilterInputStream {
  private final MessageDigest sha256;
  private final ObjectStore.StreamEndListener onEnd;
  private long count;
  private String hex;

  DigestingInputStream(InputStream in) {
    this(in, null);
  }

  DigestingInputStream(InputStream in, ObjectStore.StreamEndListener onEnd) {
    super(in);
    this.onEnd = onEnd;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      sha256.update((byte) b);
      count++;
    } else {
      ended();
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      sha256.update(b, off, n);
      count += n;
    } else if (n < 0) {
      ended();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes would be missing from the digest: read them instead.
    byte[] scratch = new byte[8192];
    long done = 0;
    while (done < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  long count() {
    return count;
  }

  private void ended() {
    if (hex == null) {
      hex = HexFormat.of().formatHex(sha256.digest());
      if (onEnd != null) {
        onEnd.streamEnded(count, hex);
      }
    }
  }

  /** The digest of everything read, lower-case hex; ends the digest (call at the end). */
  String sha256Hex() {
    ended();
    return hex;
  }

  /** Hashes a whole stream. */
  static String sha256Of(InputStream in) throws IOException {
    DigestingInputStream d = new DigestingInputStream(in);
    byte[] buf = new byte[64 * 1024];
    while (d.read(buf, 0, buf.length) >= 0) {
      // digest on the way
    }
    return d.sha256Hex();
  }
}
