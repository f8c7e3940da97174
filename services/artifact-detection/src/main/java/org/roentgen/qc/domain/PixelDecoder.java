package org.roentgen.qc.domain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;

/**
 * Turns the value of Pixel Data (7FE0,0010), as stored, into a {@link DecodedImage}: uncompressed 8
 * and 16 bit (any bits stored and high bit, signed and unsigned, little and big endian), and the
 * compressed syntaxes OpenCV's codecs read (JPEG baseline and 8-bit extended, JPEG 2000). Anything
 * else fails with a {@link NotAnalysableException} that names the reason; nothing else is thrown
 * for any input.
 */
public final class PixelDecoder {
  static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
  static final String DEFLATED = "1.2.840.10008.1.2.1.99";
  static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
  static final String J2K_LOSSLESS = "1.2.840.10008.1.2.4.90";
  static final String J2K = "1.2.840.10008.1.2.4.91";

  /** Names of the syntaxes that are not read, for the reason given. */
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)"),
          Map.entry(
              "1.2.840.10008.1.2.4.70", "JPEG Lossless, first-order prediction (Process 14 SV1)"),
          Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
          Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
          Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"),
          Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Lossless"),
          Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component"),
          Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless"),
          Map.entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 Lossless RPCL"),
          Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"),
          Map.entry("1.2.840.10008.1.2.4.100", "MPEG-2"),
          Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264"),
          Map.entry("1.2.840.10008.1.2.4.110", "JPEG XL Lossless"),
          Map.entry(DEFLATED, "Deflated Explicit VR Little Endian"));

  /** The image could not be decoded; the reason goes into the QC block. */
  public static final class NotAnalysableException extends Exception {
    private final NotAnalysedReason reason;

    public NotAnalysableException(NotAnalysedReason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public NotAnalysedReason reason() {
      return reason;
    }
  }

  private PixelDecoder() {}

  /**
   * Decodes the first (only) frame.
   *
   * @param value the value of Pixel Data as stored: the pixels, or for encapsulated data the items
   *     (basic offset table and fragments) up to the sequence delimiter
   */
  public static DecodedImage decode(ImageHeader h, ByteBuffer value, boolean encapsulated)
      throws NotAnalysableException {
    OpenCvNative.load();
    if (value == null) {
      throw new NotAnalysableException(
          NotAnalysedReason.NO_PIXEL_DATA, "the object has no pixel data");
    }
    if (h.rows() <= 0 || h.columns() <= 0) {
      throw new NotAnalysableException(
          NotAnalysedReason.PIXEL_DATA_MISMATCH,
          "Rows " + h.rows() + " x Columns " + h.columns() + ": no image to analyse");
    }
    if (h.frames() != 1) {
      throw new NotAnalysableException(
          NotAnalysedReason.UNSUPPORTED_IMAGE_TYPE,
          h.frames() + " frames: the checks analyse single-frame radiographs");
    }
    String pi = h.photometricInterpretation() == null ? "" : h.photometricInterpretation();
    boolean mono = pi.equals("MONOCHROME1") || pi.equals("MONOCHROME2");
    if (!mono && !(encapsulated && (pi.equals("RGB") || pi.startsWith("YBR_")))) {
      throw new NotAnalysableException(
          NotAnalysedReason.UNSUPPORTED_IMAGE_TYPE,
          "PhotometricInterpretation '"
              + pi
              + "' ("
              + h.samplesPerPixel()
              + " samples"
              + (encapsulated ? "" : ", uncompressed")
              + "): the checks analyse monochrome images and compressed colour on its luma");
    }
    if (encapsulated) {
      return decodeCompressed(h, value);
    }
    String ts = h.transferSyntaxUid();
    if (!(IMPLICIT_LE.equals(ts) || EXPLICIT_LE.equals(ts) || EXPLICIT_BE.equals(ts))) {
      throw new NotAnalysableException(
          NotAnalysedReason.UNSUPPORTED_TRANSFER_SYNTAX,
          "transfer syntax "
              + NAMES.getOrDefault(ts, String.valueOf(ts))
              + ": pixel data that is not encapsulated must be in a native (uncompressed) syntax here");
    }
    return decodeNative(
        h, value, EXPLICIT_BE.equals(ts) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
  }

  private static DecodedImage decodeNative(ImageHeader h, ByteBuffer value, ByteOrder order)
      throws NotAnalysableException {
    int ba = h.bitsAllocated();
    int bs = h.bitsStored();
    if (ba != 8 && ba != 16) {
      throw new NotAnalysableException(
          NotAnalysedReason.UNSUPPORTED_IMAGE_TYPE,
          "BitsAllocated " + ba + ": the checks read 8 and 16 bit pixels");
    }
    if (bs < 1 || bs > ba || h.highBit() < bs - 1 || h.highBit() >= ba) {
      throw new NotAnalysableException(
          NotAnalysedReason.PIXEL_DATA_MISMATCH,
          "BitsStored " + bs + " and HighBit " + h.highBit() + " do not fit BitsAllocated " + ba);
    }
    long pixels = (long) h.rows() * h.columns();
    long needed = pixels * (ba / 8);
    long length = value.remaining();
    if (length < needed || length > needed + 1) {
      throw new NotAnalysableException(
          NotAnalysedReason.PIXEL_DATA_MISMATCH,
          "pixel data is "
              + length
              + " bytes; Rows "
              + h.rows()
              + " x Columns "
              + h.columns()
              + " x "
              + ba
              + " bits needs "
              + needed);
    }
    if (pixels > Integer.MAX_VALUE / 4) {
      throw new NotAnalysableException(
          NotAnalysedReason.UNSUPPORTED_IMAGE_TYPE, pixels + " pixels: too large to analyse");
    }
    int n = (int) pixels;
    int shift = h.highBit() - bs + 1;
    int mask = (1 << bs) - 1;
    boolean signed = h.pixelRepresentation() == 1;
    int signBit = 1 << (bs - 1);
    float slope = (float) h.rescaleSlope();
    float intercept = (float) h.rescaleIntercept();
    float[] out = new float[n];
    ByteBuffer b = value.duplicate().order(order);
    int base = b.position();
    for (int i = 0; i < n; i++) {
      int raw = ba == 8 ? b.get(base + i) & 0xFF : b.getShort(base + 2 * i) & 0xFFFF;
      int v = (raw >>> shift) & mask;
      if (signed && (v & signBit) != 0) {
        v -= 1 << bs;
      }
      out[i] = v * slope + intercept;
    }
    Mat m = new Mat(h.rows(), h.columns(), CvType.CV_32FC1);
    m.put(0, 0, out);
    double lo = signed ? -(1 << (bs - 1)) : 0;
    double hi = signed ? (1 << (bs - 1)) - 1 : mask;
    return range(
        m, lo, hi, h, "uncompressed " + ba + "/" + bs + (signed ? " signed" : " unsigned"));
  }

  private static DecodedImage range(Mat m, double lo, double hi, ImageHeader h, String stored) {
    double a = lo * h.rescaleSlope() + h.rescaleIntercept();
    double b = hi * h.rescaleSlope() + h.rescaleIntercept();
    return new DecodedImage(m, Math.min(a, b), Math.max(a, b), h.monochrome1(), stored);
  }

  private static DecodedImage decodeCompressed(ImageHeader h, ByteBuffer value)
      throws NotAnalysableException {
    String ts = h.transferSyntaxUid();
    boolean jpeg = JPEG_BASELINE.equals(ts) || JPEG_EXTENDED.equals(ts);
    boolean j2k = J2K_LOSSLESS.equals(ts) || J2K.equals(ts);
    if (!jpeg && !j2k) {
      throw new NotAnalysableException(
          NotAnalysedReason.UNSUPPORTED_TRANSFER_SYNTAX,
          "transfer syntax "
              + NAMES.getOrDefault(ts, String.valueOf(ts))
              + ": the decoder reads JPEG baseline, 8-bit JPEG extended and JPEG 2000");
    }
    byte[] frame = Fragments.firstFrame(value);
    if (jpeg) {
      int precision = Fragments.jpegPrecision(frame);
      if (precision == -1) {
        throw new NotAnalysableException(
            NotAnalysedReason.DECODE_FAILED, "the JPEG stream has no start-of-frame marker");
      }
      if (precision < 0) {
        throw new NotAnalysableException(
            NotAnalysedReason.UNSUPPORTED_TRANSFER_SYNTAX,
            String.format(
                "JPEG frame type SOF%d (marker FF%02X): OpenCV's JPEG decoder reads baseline and extended Huffman frames",
                -precision - 0xC0, -precision));
      }
      if (precision != 8) {
        throw new NotAnalysableException(
            NotAnalysedReason.UNSUPPORTED_TRANSFER_SYNTAX,
            precision + "-bit JPEG: OpenCV's JPEG decoder reads 8-bit JPEG only");
      }
    }
    int signedOffset = 0;
    if (j2k) {
      signedOffset = Fragments.unsignJ2k(frame);
      if (signedOffset < 0) {
        throw new NotAnalysableException(
            NotAnalysedReason.DECODE_FAILED, "the JPEG 2000 stream has no SIZ marker segment");
      }
    }
    MatOfByte encoded = new MatOfByte(frame);
    Mat decoded =
        Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_ANYDEPTH | Imgcodecs.IMREAD_ANYCOLOR);
    encoded.release();
    try {
      if (decoded.empty()) {
        throw new NotAnalysableException(
            NotAnalysedReason.DECODE_FAILED,
            (jpeg ? "JPEG" : "JPEG 2000") + " frame of " + frame.length + " bytes does not decode");
      }
      if (decoded.rows() != h.rows() || decoded.cols() != h.columns()) {
        throw new NotAnalysableException(
            NotAnalysedReason.PIXEL_DATA_MISMATCH,
            "the frame decodes to "
                + decoded.cols()
                + "x"
                + decoded.rows()
                + ", the header says "
                + h.columns()
                + "x"
                + h.rows());
      }
      if (decoded.channels() == 3) {
        Imgproc.cvtColor(decoded, decoded, Imgproc.COLOR_BGR2GRAY);
      } else if (decoded.channels() != 1) {
        throw new NotAnalysableException(
            NotAnalysedReason.UNSUPPORTED_IMAGE_TYPE, decoded.channels() + " decoded channels");
      }
      int depth = decoded.depth();
      double lo;
      double hi;
      if (depth == CvType.CV_8U) {
        lo = 0;
        hi = 255;
      } else if (depth == CvType.CV_16U && signedOffset > 0) {
        lo = -signedOffset;
        hi = signedOffset - 1;
      } else if (depth == CvType.CV_16U && h.pixelRepresentation() == 1) {
        // The header says signed, the codestream unsigned: the values are two's complement in
        // BitsStored bits (as DICOM readers take them); the upper half is negative.
        int bs = Math.max(2, Math.min(16, h.bitsStored()));
        Mat negative = new Mat();
        org.opencv.core.Core.compare(
            decoded,
            new org.opencv.core.Scalar(1 << (bs - 1)),
            negative,
            org.opencv.core.Core.CMP_GE);
        Mat signed = new Mat();
        decoded.convertTo(signed, CvType.CV_32F);
        org.opencv.core.Core.subtract(
            signed, new org.opencv.core.Scalar(1 << bs), signed, negative, CvType.CV_32F);
        negative.release();
        decoded.release();
        decoded = signed;
        lo = -(1 << (bs - 1));
        hi = (1 << (bs - 1)) - 1;
      } else if (depth == CvType.CV_16U) {
        int bs = Math.max(1, Math.min(16, h.bitsStored()));
        double max = org.opencv.core.Core.minMaxLoc(decoded).maxVal;
        while (bs < 16 && max > (1 << bs) - 1) {
          bs++;
        }
        lo = 0;
        hi = (1 << bs) - 1;
      } else if (depth == CvType.CV_16S) {
        int bs = Math.max(2, Math.min(16, h.bitsStored()));
        lo = -(1 << (bs - 1));
        hi = (1 << (bs - 1)) - 1;
      } else {
        throw new NotAnalysableException(
            NotAnalysedReason.UNSUPPORTED_IMAGE_TYPE,
            "decoded depth " + CvType.typeToString(decoded.type()));
      }
      Mat values = new Mat();
      // A signed component decoded as unsigned carries 2^(depth-1) more: taken off with the
      // rescale.
      decoded.convertTo(
          values,
          CvType.CV_32F,
          h.rescaleSlope(),
          h.rescaleIntercept() - (double) signedOffset * h.rescaleSlope());
      return range(values, lo, hi, h, jpeg ? "JPEG" : "JPEG 2000");
    } finally {
      decoded.release();
    }
  }
}
