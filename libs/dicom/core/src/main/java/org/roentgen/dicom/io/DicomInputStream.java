package org.roentgen.dicom.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.BulkData;
import org.roentgen.dicom.data.Bytes;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Fragments;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * Reads DICOM Part 10 files (PS3.10 section 7) and bare datasets (PS3.5 section 7) from a stream,
 * in every uncompressed transfer syntax and with encapsulated pixel data (PS3.5 A.4).
 *
 * <p>Reading can stop before a tag (typically Pixel Data) so that a header is read without
 * touching the bulk of the file: {@link #stoppedAt()} then gives the offset and length of the
 * element where reading stopped, and the stream is positioned at its value. Values longer than a
 * threshold can be left in the file as {@link BulkData} references.
 *
 * <p>Broken input gets a {@link DicomParseException} naming the offset and tag; a length that
 * runs past the end of the input is detected before anything is allocated for it.
 */
public final class DicomInputStream implements Closeable {
  /** Undefined length, PS3.5 7.1.1. */
  static final int UNDEFINED_LENGTH = -1;

  private static final int MAX_DEPTH = 64;
  /** Stop value for reading group 0002 only. */
  private static final int META_ONLY = 0x00020000;
  private static final int CHUNK = 1 << 24;

  private InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private long base;
  private long knownLength;
  private String uri;

  private TransferSyntax ts;
  private Attributes fileMeta;
  private boolean metaRead;
  private int stopTag = -1;
  private long bulkDataThreshold = Long.MAX_VALUE;
  private ElementHeader stoppedAt;

  /** Header of one data element: its tag, VR, the stream offset of its value and its length. */
  public record ElementHeader(int tag, VR vr, long valueOffset, long length) {
    /** True for an undefined length (encapsulated pixel data, sequences). */
    public boolean undefinedLength() {
      return length == 0xFFFFFFFFL;
    }
  }

  /** Reads from any stream; the stream's length is unknown. */
  public DicomInputStream(InputStream in) {
    this.in = in;
    this.knownLength = -1;
  }

  /** Reads a file; lengths are checked against the file size, bulk data may reference it. */
  public static DicomInputStream open(Path file) throws IOException {
    DicomInputStream d = new DicomInputStream(Files.newInputStream(file));
    d.knownLength = Files.size(file);
    d.uri = file.toUri().toString();
    return d;
  }

  /** Stops the top-level read before the first element whose tag is {@code tag} or greater. */
  public DicomInputStream stopBefore(int tag) {
    this.stopTag = tag;
    return this;
  }

  /**
   * Leaves values longer than {@code bytes} in the file as {@link BulkData} references. Only
   * effective when reading a file through {@link #open}, in a syntax that is not deflated.
   */
  public DicomInputStream bulkDataThreshold(long bytes) {
    this.bulkDataThreshold = bytes;
    return this;
  }

  /** Forces the transfer syntax of a bare dataset (no file meta information). */
  public DicomInputStream transferSyntax(TransferSyntax syntax) {
    this.ts = syntax;
    return this;
  }

  public TransferSyntax transferSyntax() {
    return ts;
  }

  /** The element before which reading stopped, or null when the dataset was read to its end. */
  public ElementHeader stoppedAt() {
    return stoppedAt;
  }

  /** Offset in the (inflated, for deflate) stream of the next byte to be read. */
  public long position() {
    return base + pos;
  }

  // ---- file meta information ---------------------------------------------------------------

  /**
   * Reads the 128-byte preamble, "DICM" and the File Meta Information (PS3.10 7.1), if present.
   * Returns null for a bare dataset, whose transfer syntax is then detected from its first bytes.
   */
  public Attributes readFileMetaInformation() throws IOException {
    if (metaRead) {
      return fileMeta;
    }
    metaRead = true;
    boolean preamble = fill(132) >= 132 && buf[128] == 'D' && buf[129] == 'I' && buf[130] == 'C' && buf[131] == 'M';
    if (preamble) {
      pos += 132;
    } else if (fill(4) >= 4 && buf[0] == 'D' && buf[1] == 'I' && buf[2] == 'C' && buf[3] == 'M') {
      pos += 4;
    }
    if (fill(6) >= 6 && Bytes.u16(buf, pos, false) == 0x0002) {
      fileMeta = new Attributes(false, 12);
      boolean explicit = isVrCode(buf[pos + 4], buf[pos + 5]);
      readElements(fileMeta, Long.MAX_VALUE, false, explicit, false, 0, META_ONLY);
      String tsUid = fileMeta.getString(Tag.TransferSyntaxUID);
      if (ts == null) {
        ts = tsUid != null && !tsUid.isEmpty() ? TransferSyntax.of(tsUid) : detectSyntax();
      }
    } else if (preamble) {
      fileMeta = null;
    }
    if (ts == null) {
      ts = detectSyntax();
    }
    if (ts.deflated()) {
      startInflating();
    }
    return fileMeta;
  }

  private TransferSyntax detectSyntax() throws IOException {
    if (fill(8) < 8) {
      return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    }
    boolean explicit = isVrCode(buf[pos + 4], buf[pos + 5]);
    int groupLe = Bytes.u16(buf, pos, false);
    int groupBe = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    boolean bigEndian = groupBe < groupLe && groupLe != 0x0008;
    if (!explicit) {
      return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }
    return bigEndian ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
  }

  private static boolean isVrCode(byte a, byte b) {
    return VR.ofCode(((a & 0xFF) << 8) | (b & 0xFF)) != null;
  }

  private void startInflating() {
    byte[] rest = Arrays.copyOfRange(buf, pos, lim);
    InputStream raw = in;
    InputStream chained = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(rest), raw);
    in = new InflatedStream(new InflaterInputStream(chained, new Inflater(true), 1 << 16));
    base += pos;
    pos = 0;
    lim = 0;
    knownLength = -1;
    uri = null;
  }

  // ---- dataset -----------------------------------------------------------------------------

  /** Reads the dataset (after the file meta information, which is read first if needed). */
  public Attributes readDataset() throws IOException {
    readFileMetaInformation();
    Attributes ds = new Attributes(ts.bigEndian(), 64);
    readElements(ds, Long.MAX_VALUE, false, ts.explicitVR(), ts.bigEndian(), 0, stopTag);
    return ds;
  }

  /**
   * Reads elements into {@code ds} until {@code end}, an item delimiter (when {@code
   * untilDelimiter}), the end of input (top level), or a tag at or past {@code stop}.
   */
  private void readElements(
      Attributes ds, long end, boolean untilDelimiter, boolean explicit, boolean be, int depth, int stop)
      throws IOException {
    boolean topLevel = end == Long.MAX_VALUE && !untilDelimiter;
    while (position() < end) {
      if (topLevel && fill(1) == 0) {
        return;
      }
      long start = position();
      if (fill(8) < 8) {
        if (topLevel && fill(1) > 0 && allZero()) {
          return;
        }
        throw new DicomParseException("truncated element header", start, 0);
      }
      int tag = Bytes.tag(buf, pos, be);
      if (stop == META_ONLY) {
        if ((tag >>> 16) != 0x0002) {
          return;
        }
      } else if (topLevel && stop != -1 && Integer.compareUnsigned(tag, stop) >= 0) {
        stoppedAt = readHeader(explicit, be);
        return;
      }
      ElementHeader h = readHeader(explicit, be);
      if (tag == Tag.ItemDelimitationItem) {
        if (untilDelimiter) {
          return;
        }
        continue;
      }
      if ((tag >>> 16) == 0xFFFE) {
        // Item, Sequence Delimitation or no defined tag at all: none is a data element (PS3.5 7.5).
        throw new DicomParseException("unexpected item tag in dataset", start, tag);
      }
      readValue(ds, h, explicit, be, depth);
    }
  }

  private boolean allZero() {
    for (int i = pos; i < lim; i++) {
      if (buf[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private ElementHeader readHeader(boolean explicit, boolean be) throws IOException {
    long start = position();
    require(8, start, 0);
    int tag = Bytes.tag(buf, pos, be);
    VR vr;
    long length;
    if ((tag >>> 16) == 0xFFFE) {
      vr = null;
      length = (Bytes.i32(buf, pos + 4, be) & 0xFFFFFFFFL);
      pos += 8;
    } else if (explicit) {
      int code = ((buf[pos + 4] & 0xFF) << 8) | (buf[pos + 5] & 0xFF);
      vr = VR.ofCode(code);
      if (vr == null) {
        throw new DicomParseException(
            "unknown VR '" + printable(buf[pos + 4]) + printable(buf[pos + 5]) + "'", start, tag);
      }
      if (vr.isShortLength()) {
        length = Bytes.u16(buf, pos + 6, be);
        pos += 8;
      } else {
        require(12, start, tag);
        length = (Bytes.i32(buf, pos + 8, be) & 0xFFFFFFFFL);
        pos += 12;
      }
    } else {
      length = (Bytes.i32(buf, pos + 4, be) & 0xFFFFFFFFL);
      vr = ElementDictionary.vrOf(tag);
      pos += 8;
    }
    return new ElementHeader(tag, vr, position(), length);
  }

  private static String printable(byte b) {
    return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b & 0xFF);
  }

  private void readValue(Attributes ds, ElementHeader h, boolean explicit, boolean be, int depth)
      throws IOException {
    int tag = h.tag();
    VR vr = explicit ? h.vr() : ElementDictionary.vrOf(tag, ds);
    if (h.undefinedLength()) {
      if (isPixelData(tag) && vr != VR.SQ && vr != VR.UN) {
        ds.append(tag, vr == VR.OW ? VR.OB : vr, readFragments(vr == VR.OW ? VR.OB : vr, be));
      } else if (vr == VR.SQ || vr == VR.UN || !explicit) {
        boolean innerExplicit = vr == VR.UN ? false : explicit;
        boolean innerBe = vr == VR.UN ? false : be;
        Sequence s = ds.newSequence(tag, 1);
        readItems(s, -1, innerExplicit, innerBe, depth + 1);
      } else {
        throw new DicomParseException("undefined length for VR " + vr, h.valueOffset(), tag);
      }
      return;
    }
    if (vr == VR.SQ) {
      Sequence s = ds.newSequence(tag, 1);
      readItems(s, h.length(), explicit, be, depth + 1);
      return;
    }
    checkRemaining(h);
    if ((tag & 0xFFFF) == 0 && (tag >>> 16) > 0x0002) {
      // Group length (gggg,0000) in a dataset: retired (PS3.5 7.2); not kept, as DCMTK's JSON.
      skip(h.length());
    } else if (h.length() > bulkDataThreshold && uri != null) {
      ds.append(tag, vr, new BulkData(uri, h.valueOffset(), h.length(), be));
      skip(h.length());
    } else {
      ds.append(tag, vr, readBytes(h.length(), h));
    }
  }

  private static boolean isPixelData(int tag) {
    return tag == Tag.FloatPixelData
        || tag == Tag.DoubleFloatPixelData
        || ((tag & 0xFF00FFFF) == 0x7F000010); // Pixel Data and the retired 7Fxx groups
  }

  private void readItems(Sequence s, long length, boolean explicit, boolean be, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new DicomParseException("sequences nested deeper than " + MAX_DEPTH, position(), 0);
    }
    long end = length < 0 ? Long.MAX_VALUE : position() + length;
    while (position() < end) {
      long start = position();
      if (fill(8) < 8) {
        throw new DicomParseException("truncated sequence", start, 0);
      }
      int tag = Bytes.tag(buf, pos, be);
      long itemLength = (Bytes.i32(buf, pos + 4, be) & 0xFFFFFFFFL);
      pos += 8;
      if (tag == Tag.SequenceDelimitationItem) {
        if (length < 0) {
          return;
        }
        continue;
      }
      if (tag != Tag.Item) {
        throw new DicomParseException("expected an item in a sequence", start, tag);
      }
      Attributes item = s.addItem();
      boolean undefined = itemLength == 0xFFFFFFFFL;
      if (!undefined && knownLength >= 0 && position() + itemLength > knownLength) {
        throw new DicomParseException("item length " + itemLength + " exceeds the remaining bytes", start, tag);
      }
      readElements(item, undefined ? Long.MAX_VALUE : position() + itemLength, undefined, explicit, be, depth, -1);
    }
  }

  private Fragments readFragments(VR vr, boolean be) throws IOException {
    Fragments f = new Fragments(vr, 4);
    while (true) {
      long start = position();
      if (fill(8) < 8) {
        throw new DicomParseException("truncated encapsulated pixel data", start, Tag.PixelData);
      }
      int tag = Bytes.tag(buf, pos, be);
      long len = (Bytes.i32(buf, pos + 4, be) & 0xFFFFFFFFL);
      pos += 8;
      if (tag == Tag.SequenceDelimitationItem) {
        return f;
      }
      if (tag != Tag.Item) {
        throw new DicomParseException("expected a fragment item", start, tag);
      }
      ElementHeader h = new ElementHeader(tag, VR.OB, position(), len);
      checkRemaining(h);
      if (len > bulkDataThreshold && uri != null) {
        f.add(new BulkData(uri, h.valueOffset(), len, be));
        skip(len);
      } else {
        f.add(readBytes(len, h));
      }
    }
  }

  private void checkRemaining(ElementHeader h) throws DicomParseException {
    boolean leftInFile = uri != null && h.length() > bulkDataThreshold;
    if (h.length() > Integer.MAX_VALUE - 8 && !leftInFile) {
      throw new DicomParseException("value length " + h.length() + " too large to hold", h.valueOffset(), h.tag());
    }
    if (knownLength >= 0 && h.valueOffset() + h.length() > knownLength) {
      throw new DicomParseException(
          "value length " + h.length() + " exceeds the " + (knownLength - h.valueOffset()) + " remaining bytes",
          h.valueOffset(), h.tag());
    }
  }

  // ---- buffer ------------------------------------------------------------------------------

  /**
   * Reads {@code length} value bytes. With an unknown stream length, reads in chunks so that a
   * length that lies ends in a truncation error, not in a huge allocation.
   */
  private byte[] readBytes(long length, ElementHeader h) throws IOException {
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
            "value of " + n + " bytes truncated after " + have, h.valueOffset(), h.tag());
      }
      have += r;
      base += r;
    }
    return b;
  }

  /** Skips {@code n} bytes of the stream. */
  public void skip(long n) throws IOException {
    long inBuf = Math.min(n, lim - pos);
    pos += (int) inBuf;
    long left = n - inBuf;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new DicomParseException("value truncated: " + left + " bytes missing", position(), 0);
        }
        s = 1;
      }
      left -= s;
      base += s;
    }
  }

  /**
   * An input stream over the next {@code length} bytes (for instance the pixel data value after
   * {@link #stoppedAt()}), without reading them into memory.
   */
  public InputStream valueStream(long length) {
    return new BoundedValueStream(this, length);
  }

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

  private void require(int n, long offset, int tag) throws IOException {
    if (fill(n) < n) {
      throw new DicomParseException("truncated element header", offset, tag);
    }
  }

  /** Makes at least {@code n} bytes available in the buffer if the stream has them. */
  private int fill(int n) throws IOException {
    int avail = lim - pos;
    if (avail >= n) {
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

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * The inflated dataset of a deflated syntax (PS3.5 A.5): broken or truncated deflate data is a
   * {@link DicomParseException} at the inflated offset reached, like any other broken input.
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
      DicomParseException p = new DicomParseException("broken deflated data (" + e.getMessage() + ")", position(), 0);
      p.initCause(e);
      return p;
    }
  }
}
