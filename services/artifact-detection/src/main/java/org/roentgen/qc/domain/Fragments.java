package org.roentgen.qc.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;
import org.roentgen.qc.domain.PixelDecoder.NotAnalysableException;

/** Reads encapsulated pixel data (PS3.5 A.4): items of fragments after a basic offset table. */
final class Fragments {
  private static final int ITEM = 0xFFFEE000;
  private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;

  private Fragments() {}

  /**
   * The bytes of the single frame: every fragment after the basic offset table, joined, up to the
   * sequence delimitation item or the end of the value.
   */
  static byte[] firstFrame(ByteBuffer value) throws NotAnalysableException {
    ByteBuffer b = value.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, b.remaining()));
    boolean offsetTable = true;
    while (b.remaining() >= 8) {
      int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
      long length = b.getInt() & 0xFFFFFFFFL;
      if (tag == SEQUENCE_DELIMITER) {
        break;
      }
      if (tag != ITEM) {
        throw new NotAnalysableException(
            NotAnalysedReason.DECODE_FAILED,
            String.format(
                "encapsulated pixel data: (%04X,%04X) where an item was expected at byte %d",
                tag >>> 16, tag & 0xFFFF, b.position() - 8));
      }
      if (length > b.remaining()) {
        throw new NotAnalysableException(
            NotAnalysedReason.DECODE_FAILED,
            "encapsulated pixel data: an item of "
                + length
                + " bytes where "
                + b.remaining()
                + " remain");
      }
      if (!offsetTable) {
        byte[] fragment = new byte[(int) length];
        b.get(fragment);
        out.write(fragment, 0, fragment.length);
      } else {
        b.position(b.position() + (int) length);
        offsetTable = false;
      }
    }
    if (out.size() == 0) {
      throw new NotAnalysableException(
          NotAnalysedReason.DECODE_FAILED, "encapsulated pixel data without a fragment");
    }
    return out.toByteArray();
  }

  /**
   * The sample precision of a JPEG stream's start-of-frame (baseline, extended or progressive
   * Huffman), -1 when there is none, or minus the marker (e.g. -0xC3) for a lossless, hierarchical
   * or arithmetic-coded frame.
   */
  static int jpegPrecision(byte[] jpeg) {
    int i = 2;
    if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
      return -1;
    }
    while (i + 4 < jpeg.length) {
      if ((jpeg[i] & 0xFF) != 0xFF) {
        i++;
        continue;
      }
      int marker = jpeg[i + 1] & 0xFF;
      if (marker == 0xFF) {
        i++;
        continue;
      }
      int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
      boolean sof =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) {
        if (marker > 0xC2) {
          return -marker; // lossless, hierarchical or arithmetic: a process the decoder does not
          // read
        }
        return i + 4 < jpeg.length ? jpeg[i + 4] & 0xFF : -1;
      }
      if (marker == 0xDA) {
        return -1;
      }
      i += 2 + length;
    }
    return -1;
  }

  /**
   * Makes the signed components of a JPEG 2000 codestream read as unsigned, in place, and returns
   * the offset that gives the signed values back (2^(depth-1)), or 0 when no component is signed.
   * The coded data is the same for both: only the DC level shift of ISO/IEC 15444-1 G.1.2 differs,
   * so the decoder then returns each value plus 2^(depth-1). OpenCV's JPEG 2000 reader refuses
   * signed components; this reads them. -1 when there is no SIZ marker segment.
   */
  static int unsignJ2k(byte[] j2k) {
    int siz = -1;
    for (int i = 0; i + 1 < j2k.length && i < 4096; i++) {
      if ((j2k[i] & 0xFF) == 0xFF && (j2k[i + 1] & 0xFF) == 0x51) {
        siz = i;
        break;
      }
    }
    // SIZ: marker, Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz, XTsiz, YTsiz, XTOsiz, YTOsiz (2 + 2 + 2 +
    // 8 * 4 bytes), Csiz (2), then Ssiz, XRsiz, YRsiz per component.
    int csizAt = siz + 38;
    if (siz < 0 || csizAt + 2 > j2k.length) {
      return -1;
    }
    int components = ((j2k[csizAt] & 0xFF) << 8) | (j2k[csizAt + 1] & 0xFF);
    int offset = 0;
    for (int c = 0; c < components; c++) {
      int at = csizAt + 2 + 3 * c;
      if (at >= j2k.length) {
        return -1;
      }
      int ssiz = j2k[at] & 0xFF;
      if ((ssiz & 0x80) != 0) {
        j2k[at] = (byte) (ssiz & 0x7F);
        offset = 1 << (ssiz & 0x7F);
      }
    }
    return offset;
  }
}
