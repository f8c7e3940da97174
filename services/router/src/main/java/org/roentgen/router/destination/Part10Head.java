package org.roentgen.router.destination;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomParseException;
import org.roentgen.dicom.io.TransferSyntax;

/**
 * The start of a Part 10 stream (PS3.10 7.1), read far enough to hold the file meta information
 * and, when asked, the data set up to a tag; the bytes read stay in front of the rest of the stream
 * so that nothing is read twice. The head grows from 8 KiB to at most {@link #MAX_HEAD} bytes.
 */
final class Part10Head {
  /** The most read ahead: file meta information is a few hundred bytes. */
  static final int MAX_HEAD = 1 << 20;

  private static final int FIRST = 8192;

  private final byte[] bytes;
  private final int length;
  private final boolean whole;
  private final Attributes meta;
  private final Attributes header;
  private final TransferSyntax transferSyntax;
  private final int datasetOffset;
  private final InputStream rest;

  private Part10Head(
      byte[] bytes,
      int length,
      boolean whole,
      Attributes meta,
      Attributes header,
      TransferSyntax ts,
      int datasetOffset,
      InputStream rest) {
    this.bytes = bytes;
    this.length = length;
    this.whole = whole;
    this.meta = meta;
    this.header = header;
    this.transferSyntax = ts;
    this.datasetOffset = datasetOffset;
    this.rest = rest;
  }

  /**
   * Reads the file meta information of {@code in}.
   *
   * @throws DicomParseException when it is not a Part 10 stream or its meta information is longer
   *     than {@link #MAX_HEAD}
   * @throws IOException when {@code in} fails
   */
  static Part10Head read(InputStream in) throws IOException {
    return read(in, -1, FIRST);
  }

  /**
   * Reads the file meta information and the data set before {@code stopTag} (e.g. up to the series
   * UID) when it lies within {@code limit} bytes; {@link #header()} is null when it does not.
   */
  static Part10Head readHeader(InputStream in, int stopTag, int limit) throws IOException {
    return read(in, stopTag, limit);
  }

  private static Part10Head read(InputStream in, int stopTag, int limit) throws IOException {
    int cap = Math.max(MAX_HEAD, limit);
    byte[] buf = new byte[FIRST];
    int n = in.readNBytes(buf, 0, buf.length);
    while (true) {
      boolean eof = n < buf.length;
      DicomInputStream d = DicomInputStream.of(buf, 0, n);
      Attributes meta;
      long offset;
      try {
        meta = d.readFileMetaInformation();
        offset = d.position();
        if (meta == null) {
          throw new DicomParseException("no file meta information (not a Part 10 file)", 0, 0);
        }
      } catch (DicomParseException e) {
        if (eof || buf.length >= cap || !startsLikePart10(buf, n)) {
          throw e;
        }
        meta = null;
        offset = n;
      }
      // Parsing stopped before the end of the bytes read, or at the end of the stream: complete.
      if (meta != null && (offset < n || eof)) {
        Attributes header = stopTag == -1 ? null : headerBefore(buf, n, stopTag, eof);
        if (stopTag == -1 || header != null || eof || buf.length >= limit) {
          return new Part10Head(
              buf,
              n,
              eof,
              meta,
              header,
              d.transferSyntax(),
              (int) offset,
              PayloadFailures.marked(in));
        }
      } else if (buf.length >= cap) {
        throw new DicomParseException("file meta information longer than " + cap + " bytes", 0, 0);
      }
      // Once the meta information is complete, only the header's limit bounds the read-ahead.
      int most = meta != null && stopTag != -1 ? limit : cap;
      buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 4, most));
      n += in.readNBytes(buf, n, buf.length - n);
    }
  }

  /** The preamble's "DICM" (PS3.10 7.1): a longer head may still parse. */
  private static boolean startsLikePart10(byte[] b, int n) {
    return n >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
  }

  /** The data set before {@code stopTag} when the bytes hold all of it, else null. */
  private static Attributes headerBefore(byte[] buf, int n, int stopTag, boolean eof) {
    DicomInputStream d = DicomInputStream.of(buf, 0, n).stopBefore(stopTag);
    try {
      d.readFileMetaInformation();
      Attributes ds = d.readDataset();
      // Read to the end of the bytes without reaching the tag: more may follow in the stream.
      return d.stoppedAt() != null || eof ? ds : null;
    } catch (IOException | RuntimeException e) {
      // cut short by the end of the bytes (deflated data cannot be read past them at all)
      return null;
    }
  }

  Attributes meta() {
    return meta;
  }

  /** The data set before the stop tag of {@link #readHeader}, or null. */
  Attributes header() {
    return header;
  }

  TransferSyntax transferSyntax() {
    return transferSyntax;
  }

  /** Where the data set starts in the stream (after the meta information). */
  int datasetOffset() {
    return datasetOffset;
  }

  /** True when the head holds the whole stream. */
  boolean whole() {
    return whole;
  }

  /**
   * The data set: the bytes after the meta information, then the rest of the stream, whose read
   * failures are {@link PayloadFailures.ReadException}s.
   */
  InputStream dataset() {
    return new SequenceInputStream(
        new ByteArrayInputStream(bytes, datasetOffset, length - datasetOffset), rest);
  }

  /** The whole stream from its first byte, read failures marked as in {@link #dataset()}. */
  InputStream all() {
    return new SequenceInputStream(new ByteArrayInputStream(bytes, 0, length), rest);
  }
}
