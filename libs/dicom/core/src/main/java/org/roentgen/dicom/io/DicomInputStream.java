package org.roentgen.dicom.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.BulkData;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Fragments;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * Reads DICOM Part 10 files (PS3.10 section 7) and bare datasets (PS3.5 section 7) from a stream,
 * in every uncompressed transfer syntax and with encapsulated pixel data (PS3.5 A.4).
 *
 * <p>Reading can stop before a tag (typically Pixel Data) so that a header is read without touching
 * the bulk of the file: {@link #stoppedAt()} then gives the offset and length of the element where
 * reading stopped, and the stream is positioned at its value. Values longer than a threshold can be
 * left in the file as {@link BulkData} references.
 *
 * <p>Broken input gets a {@link DicomParseException} naming the offset and tag; a length that runs
 * past the end of the input is detected before anything is allocated for it.
 */
public final class DicomInputStream implements Closeable {
  /** Undefined length, PS3.5 7.1.1. */
  static final int UNDEFINED_LENGTH = -1;

  private static final int MAX_DEPTH = 64;

  /** Stop value for reading group 0002 only. */
  private static final int META_ONLY = 0x00020000;

  private final InputBuffer b;
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
    this(in, -1);
  }

  private DicomInputStream(InputStream in, long knownLength) {
    this.b = new InputBuffer(in, knownLength);
  }

  private DicomInputStream(InputBuffer b) {
    this.b = b;
  }

  /**
   * Reads {@code length} bytes of {@code bytes} from {@code offset} (a header already in memory, a
   * command set, a query identifier) without copying them; offsets count from {@code offset}.
   */
  public static DicomInputStream of(byte[] bytes, int offset, int length) {
    return new DicomInputStream(new InputBuffer(bytes, offset, length));
  }

  /** Reads a file; lengths are checked against the file size, bulk data may reference it. */
  public static DicomInputStream open(Path file) throws IOException {
    DicomInputStream d = new DicomInputStream(Files.newInputStream(file), Files.size(file));
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
    return b.position();
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
    boolean preamble = b.fill(132) >= 132 && isDicm(128);
    if (preamble) {
      b.advance(132);
    } else if (b.fill(4) >= 4 && isDicm(0)) {
      b.advance(4);
    }
    if (b.fill(6) >= 6 && b.u16(0, false) == 0x0002) {
      fileMeta = new Attributes(false, 12);
      boolean explicit = isVrCode(b.at(4), b.at(5));
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

  /** "DICM" (PS3.10 7.1) at {@code k} bytes ahead. */
  private boolean isDicm(int k) {
    return b.at(k) == 'D' && b.at(k + 1) == 'I' && b.at(k + 2) == 'C' && b.at(k + 3) == 'M';
  }

  private TransferSyntax detectSyntax() throws IOException {
    if (b.fill(8) < 8) {
      return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    }
    boolean explicit = isVrCode(b.at(4), b.at(5));
    int groupLe = b.u16(0, false);
    int groupBe = b.u16(0, true);
    boolean bigEndian = groupBe < groupLe && groupLe != 0x0008;
    if (!explicit) {
      return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }
    return bigEndian
        ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN
        : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
  }

  private static boolean isVrCode(byte a, byte b) {
    return VR.ofCode(((a & 0xFF) << 8) | (b & 0xFF)) != null;
  }

  private void startInflating() {
    b.startInflating();
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
      Attributes ds,
      long end,
      boolean untilDelimiter,
      boolean explicit,
      boolean be,
      int depth,
      int stop)
      throws IOException {
    boolean topLevel = end == Long.MAX_VALUE && !untilDelimiter;
    while (position() < end) {
      if (topLevel && b.fill(1) == 0) {
        return;
      }
      long start = position();
      if (b.fill(8) < 8) {
        if (topLevel && b.fill(1) > 0 && b.availableAllZero()) {
          return;
        }
        throw new DicomParseException("truncated element header", start, 0);
      }
      int tag = b.tag(be);
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

  private ElementHeader readHeader(boolean explicit, boolean be) throws IOException {
    long start = position();
    b.require(8, start, 0);
    int tag = b.tag(be);
    VR vr;
    long length;
    if ((tag >>> 16) == 0xFFFE) {
      vr = null;
      length = b.u32(4, be);
      b.advance(8);
    } else if (explicit) {
      int code = ((b.at(4) & 0xFF) << 8) | (b.at(5) & 0xFF);
      vr = VR.ofCode(code);
      if (vr == null) {
        throw new DicomParseException(
            "unknown VR '" + printable(b.at(4)) + printable(b.at(5)) + "'", start, tag);
      }
      if (vr.isShortLength()) {
        length = b.u16(6, be);
        b.advance(8);
      } else {
        b.require(12, start, tag);
        length = b.u32(8, be);
        b.advance(12);
      }
    } else {
      length = b.u32(4, be);
      vr = ElementDictionary.vrOf(tag);
      b.advance(8);
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
      ds.append(tag, vr, b.readBytes(h.length(), h.valueOffset(), h.tag()));
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
      if (b.fill(8) < 8) {
        throw new DicomParseException("truncated sequence", start, 0);
      }
      int tag = b.tag(be);
      long itemLength = b.u32(4, be);
      b.advance(8);
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
      if (!undefined && b.knownLength() >= 0 && position() + itemLength > b.knownLength()) {
        throw new DicomParseException(
            "item length " + itemLength + " exceeds the remaining bytes", start, tag);
      }
      long itemEnd = undefined ? Long.MAX_VALUE : position() + itemLength;
      readElements(item, itemEnd, undefined, explicit, be, depth, -1);
      if (!undefined && position() != itemEnd) {
        throw new DicomParseException(
            "an element runs " + (position() - itemEnd) + " bytes past the end of its item",
            start,
            tag);
      }
    }
    if (length >= 0 && position() != end) {
      throw new DicomParseException(
          "an item runs " + (position() - end) + " bytes past the end of its sequence",
          position(),
          0);
    }
  }

  private Fragments readFragments(VR vr, boolean be) throws IOException {
    Fragments f = new Fragments(vr, 4);
    while (true) {
      long start = position();
      if (b.fill(8) < 8) {
        throw new DicomParseException("truncated encapsulated pixel data", start, Tag.PixelData);
      }
      int tag = b.tag(be);
      long len = b.u32(4, be);
      b.advance(8);
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
        f.add(b.readBytes(len, h.valueOffset(), h.tag()));
      }
    }
  }

  private void checkRemaining(ElementHeader h) throws DicomParseException {
    boolean leftInFile = uri != null && h.length() > bulkDataThreshold;
    if (h.length() > Integer.MAX_VALUE - 8 && !leftInFile) {
      throw new DicomParseException(
          "value length " + h.length() + " too large to hold", h.valueOffset(), h.tag());
    }
    long known = b.knownLength();
    if (known >= 0 && h.valueOffset() + h.length() > known) {
      throw new DicomParseException(
          "value length "
              + h.length()
              + " exceeds the "
              + (known - h.valueOffset())
              + " remaining bytes",
          h.valueOffset(),
          h.tag());
    }
  }

  /** Skips {@code n} bytes of the stream. */
  public void skip(long n) throws IOException {
    b.skip(n);
  }

  /**
   * An input stream over the next {@code length} bytes (for instance the pixel data value after
   * {@link #stoppedAt()}), without reading them into memory.
   */
  public InputStream valueStream(long length) {
    return new BoundedValueStream(this, length);
  }

  int readRaw(byte[] bytes, int off, int len) throws IOException {
    return b.readRaw(bytes, off, len);
  }

  @Override
  public void close() throws IOException {
    b.close();
  }
}
