package org.roentgen.archive.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a multipart/related body (RFC 2387) into its parts, for the tests' own checks. */
final class Multipart {
  record Part(Map<String, String> headers, byte[] body) {}

  private Multipart() {}

  static List<Part> parse(String contentType, byte[] body) {
    String boundary = null;
    for (String p : contentType.split(";")) {
      String s = p.strip();
      if (s.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        boundary = s.substring("boundary=".length()).replace("\"", "");
      }
    }
    if (boundary == null) {
      throw new IllegalArgumentException("no boundary in " + contentType);
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    if (at != 0) {
      throw new IllegalArgumentException("the body does not start with the boundary");
    }
    while (true) {
      int after = at + delimiter.length;
      if (body.length >= after + 2 && body[after] == '-' && body[after + 1] == '-') {
        return parts; // the closing delimiter
      }
      int headersStart = after + 2; // CRLF
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line :
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.US_ASCII)
              .split("\r\n")) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
      int start = headersEnd + 4;
      int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), start);
      if (next < 0) {
        throw new IllegalArgumentException("a part without its closing boundary");
      }
      byte[] b = new byte[next - start];
      System.arraycopy(body, start, b, 0, b.length);
      parts.add(new Part(headers, b));
      at = next + 2;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
