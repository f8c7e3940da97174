package org.roentgen.ingest.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Streams the parts of a multipart body (RFC 2046 section 5.1, as STOW-RS sends it: PS3.18 10.5)
 * one at a time, each body a stream ending at the next boundary, so no part is held in memory. Read
 * or abandon a part's body before asking for the next part.
 */
final class MultipartRelated {
  /** One part: its headers (names lower-case) and its body. */
  record Part(Map<String, String> headers, InputStream body) {}

  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buf;
  private int pos;
  private int limit;
  private boolean done;
  private BodyStream current;

  MultipartRelated(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buf = new byte[64 * 1024 + delimiter.length];
    // The first boundary may start the body without a preceding CRLF: pretend there was one.
    buf[0] = '\r';
    buf[1] = '\n';
    limit = 2;
  }

  /** The boundary parameter of a multipart Content-Type, or null. */
  static String boundaryOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length()).strip();
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        return b.isEmpty() || b.length() > 70 ? null : b;
      }
    }
    return null;
  }

  /** The next part, or null after the closing boundary. */
  Part next() throws IOException {
    if (done) {
      return null;
    }
    if (current != null) {
      current.transferTo(java.io.OutputStream.nullOutputStream());
    } else {
      // Skip the preamble up to the first delimiter.
      BodyStream preamble = new BodyStream();
      preamble.transferTo(java.io.OutputStream.nullOutputStream());
    }
    // After a delimiter: "--" closes the body, else transport padding and CRLF.
    int a = readByte();
    int b = readByte();
    if (a == '-' && b == '-') {
      done = true;
      return null;
    }
    if (a < 0 || b < 0) {
      throw new MultipartException("body ends before the closing boundary");
    }
    if (!(a == '\r' && b == '\n')) {
      // Transport padding (spaces, tabs) may follow the boundary before its CRLF.
      String rest = b == '\n' ? "" : readLine();
      String padding = (char) a + (b == '\n' ? "" : (char) b + rest);
      if (!padding.isBlank()) {
        throw new MultipartException("unexpected text after a boundary");
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int total = 0;
    for (String h = readLine(); !h.isEmpty(); h = readLine()) {
      total += h.length();
      if (total > MAX_HEADER_BYTES) {
        throw new MultipartException("part headers longer than " + MAX_HEADER_BYTES + " bytes");
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new MultipartException("malformed part header");
      }
      headers.put(
          h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
    }
    current = new BodyStream();
    return new Part(headers, current);
  }

  private int readByte() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xFF;
  }

  /** A line without its CRLF (or LF); "" for an empty line. */
  private String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = readByte();
      if (c < 0) {
        throw new MultipartException("body ends inside part headers");
      }
      if (c == '\n') {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
      if (sb.length() > MAX_HEADER_BYTES) {
        throw new MultipartException("part header line too long");
      }
      sb.append((char) c);
    }
  }

  /** Compacts the buffer and reads more; false at the end of the input. */
  private boolean fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      return false;
    }
    limit += n;
    return true;
  }

  /** Index of the delimiter in buf[pos, limit), or -1. */
  private int find() {
    outer:
    for (int i = pos; i <= limit - delimiter.length; i++) {
      for (int j = 0; j < delimiter.length; j++) {
        if (buf[i + j] != delimiter[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A part's body: the bytes up to the next delimiter, which it consumes. */
  private final class BodyStream extends InputStream {
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (ended) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      while (true) {
        int at = find();
        if (at == pos) {
          pos += delimiter.length;
          ended = true;
          return -1;
        }
        // Without a delimiter, all but a possible partial one at the end is body.
        int safe = at >= 0 ? at : limit - (delimiter.length - 1);
        if (safe > pos) {
          int n = Math.min(len, safe - pos);
          System.arraycopy(buf, pos, b, off, n);
          pos += n;
          return n;
        }
        if (!fill()) {
          throw new MultipartException("body ends before the closing boundary");
        }
      }
    }
  }

  /** A body that is not well-formed multipart. */
  static final class MultipartException extends IOException {
    MultipartException(String message) {
      super(message);
    }
  }
}
