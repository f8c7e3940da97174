package org.roentgen.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartRelatedTest {
  private static final String BOUNDARY = "roentgen-boundary-42";

  private static byte[] body(List<byte[]> parts, String preamble, String padding)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(preamble.getBytes(StandardCharsets.US_ASCII));
    for (byte[] p : parts) {
      out.write(
          ("--" + BOUNDARY + padding + "\r\nContent-Type: application/dicom\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(p);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** Reads in odd-sized chunks so that delimiters straddle buffer refills. */
  private static InputStream trickle(byte[] b) {
    return new ByteArrayInputStream(b) {
      @Override
      public synchronized int read(byte[] buf, int off, int len) {
        return super.read(buf, off, Math.min(len, 997));
      }
    };
  }

  @Test
  void partsStreamOutExactlyEvenWithNearDelimitersInside() throws IOException {
    Random r = new Random(5);
    List<byte[]> parts = new ArrayList<>();
    for (int size : new int[] {0, 1, 70, 200_000, 3}) {
      byte[] p = new byte[size];
      r.nextBytes(p);
      parts.add(p);
    }
    // A part that contains the delimiter minus its last byte, and CRLF-dash sequences.
    parts.add(
        ("x\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "y\r\n-\r\n--")
            .getBytes(StandardCharsets.US_ASCII));
    MultipartRelated m =
        new MultipartRelated(trickle(body(parts, "preamble to ignore\r\n", " \t")), BOUNDARY);
    for (byte[] expected : parts) {
      MultipartRelated.Part p = m.next();
      assertThat(p).isNotNull();
      assertThat(p.headers()).containsEntry("content-type", "application/dicom");
      assertThat(p.body().readAllBytes()).isEqualTo(expected);
    }
    assertThat(m.next()).isNull();
  }

  @Test
  void anUnreadPartIsSkippedAndATruncatedBodyIsAnError() throws IOException {
    List<byte[]> parts = List.of(new byte[5000], "second".getBytes(StandardCharsets.US_ASCII));
    MultipartRelated m = new MultipartRelated(trickle(body(parts, "", "")), BOUNDARY);
    m.next();
    assertThat(m.next().body().readAllBytes()).isEqualTo(parts.get(1));

    byte[] whole = body(parts, "", "");
    byte[] cut = java.util.Arrays.copyOf(whole, 3000);
    MultipartRelated broken = new MultipartRelated(new ByteArrayInputStream(cut), BOUNDARY);
    MultipartRelated.Part first = broken.next();
    assertThatThrownBy(() -> first.body().readAllBytes())
        .isInstanceOf(MultipartRelated.MultipartException.class)
        .hasMessageContaining("closing boundary");
  }

  @Test
  void boundaryParameterIsFoundQuotedOrNot() {
    assertThat(
            MultipartRelated.boundaryOf(
                "multipart/related; type=\"application/dicom\"; boundary=\"a b\""))
        .isEqualTo("a b");
    assertThat(MultipartRelated.boundaryOf("multipart/related;boundary=xyz;type=application/dicom"))
        .isEqualTo("xyz");
    assertThat(MultipartRelated.boundaryOf("multipart/related")).isNull();
  }
}
