package org.roentgen.archive.dicomweb;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.roentgen.archive.index.Header;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;

/**
 * Renders one frame of an uncompressed monochrome image for display (WADO-RS rendered, PS3.18
 * 9.5.1.2 and 8.3.5.1): the stored values through the Modality LUT (rescale slope and intercept),
 * then a linear VOI window (the request's {@code window=center,width}, else the first window of the
 * header, else the range of the values), MONOCHROME1 inverted, scaled to the viewport, as JPEG or
 * PNG.
 */
final class Renderer {
  /** The window and size the client asked for; null fields for the defaults. */
  record Options(
      Double center, Double width, Integer viewportWidth, Integer viewportHeight, int quality) {

    /** Reads {@code window=center,width[,function]}, {@code viewport=w,h} and {@code quality}. */
    static Options parse(String window, String viewport, String quality) {
      Double c = null;
      Double w = null;
      if (window != null && !window.isBlank()) {
        String[] p = window.split(",");
        if (p.length < 2) {
          throw new IllegalArgumentException("window is center,width[,function]: " + window);
        }
        c = Double.valueOf(p[0].strip());
        w = Double.valueOf(p[1].strip());
        if (w < 1) {
          throw new IllegalArgumentException("the window width must be at least 1: " + window);
        }
        if (p.length > 2 && !p[2].strip().equalsIgnoreCase("linear")) {
          throw new IllegalArgumentException("only the linear window function is supported");
        }
      }
      Integer vw = null;
      Integer vh = null;
      if (viewport != null && !viewport.isBlank()) {
        String[] p = viewport.split(",");
        if (p.length != 2) {
          throw new IllegalArgumentException("viewport is width,height: " + viewport);
        }
        vw = Integer.valueOf(p[0].strip());
        vh = Integer.valueOf(p[1].strip());
        if (vw < 1 || vh < 1 || vw > 8192 || vh > 8192) {
          throw new IllegalArgumentException("viewport out of range: " + viewport);
        }
      }
      int q = quality == null || quality.isBlank() ? 90 : Integer.parseInt(quality.strip());
      if (q < 1 || q > 100) {
        throw new IllegalArgumentException("quality is 1 to 100: " + quality);
      }
      return new Options(c, w, vw, vh, q);
    }
  }

  private Renderer() {}

  /** True for images whose frame the renderer can read as bytes of the stored object. */
  static boolean supports(Header h, String transferSyntax) {
    String pi = h.text(Tag.PhotometricInterpretation);
    Integer bits = h.integer(Tag.BitsAllocated);
    Integer samples = h.integer(Tag.SamplesPerPixel);
    return (UID.ExplicitVRLittleEndian.equals(transferSyntax)
            || UID.ImplicitVRLittleEndian.equals(transferSyntax))
        && ("MONOCHROME1".equals(pi) || "MONOCHROME2".equals(pi))
        && (samples == null || samples == 1)
        && bits != null
        && (bits == 8 || bits == 16);
  }

  /**
   * The frame as an image file.
   *
   * @param pixels the frame's stored values, little endian
   * @param mediaType image/jpeg or image/png
   */
  static byte[] render(Header h, byte[] pixels, Options o, String mediaType) throws IOException {
    int rows = h.integer(Tag.Rows);
    int cols = h.integer(Tag.Columns);
    int bits = h.integer(Tag.BitsAllocated);
    Integer stored = h.integer(Tag.BitsStored);
    boolean signed = Integer.valueOf(1).equals(h.integer(Tag.PixelRepresentation));
    double slope = h.number(Tag.RescaleSlope) == null ? 1 : h.number(Tag.RescaleSlope);
    double intercept = h.number(Tag.RescaleIntercept) == null ? 0 : h.number(Tag.RescaleIntercept);
    int storedBits = stored == null ? bits : stored;
    int n = rows * cols;
    double[] values = new double[n];
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      int raw;
      if (bits == 8) {
        raw = pixels[i] & 0xFF;
      } else {
        raw = (pixels[2 * i] & 0xFF) | ((pixels[2 * i + 1] & 0xFF) << 8);
      }
      raw &= (1 << storedBits) - 1;
      if (signed && (raw & (1 << (storedBits - 1))) != 0) {
        raw -= 1 << storedBits;
      }
      double v = raw * slope + intercept;
      values[i] = v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double center;
    double width;
    if (o.center() != null) {
      center = o.center();
      width = o.width();
    } else if (h.number(Tag.WindowCenter) != null && h.number(Tag.WindowWidth) != null) {
      center = h.number(Tag.WindowCenter);
      width = Math.max(1, h.number(Tag.WindowWidth));
    } else {
      center = (min + max) / 2;
      width = Math.max(1, max - min);
    }
    boolean invert = "MONOCHROME1".equals(h.text(Tag.PhotometricInterpretation));
    BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
    byte[] out = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    // PS3.3 C.11.2.1.2.1, linear: below c - 0.5 - (w-1)/2 black, above c - 0.5 + (w-1)/2 white.
    double low = center - 0.5 - (width - 1) / 2;
    double high = center - 0.5 + (width - 1) / 2;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      int y;
      if (v <= low) {
        y = 0;
      } else if (v > high) {
        y = 255;
      } else {
        y = (int) Math.round(((v - (center - 0.5)) / (width - 1) + 0.5) * 255);
        y = Math.max(0, Math.min(255, y));
      }
      out[i] = (byte) (invert ? 255 - y : y);
    }
    BufferedImage shown = scale(image, o);
    return encode(shown, mediaType, o.quality());
  }

  private static BufferedImage scale(BufferedImage image, Options o) {
    if (o.viewportWidth() == null) {
      return image;
    }
    double f =
        Math.min(
            (double) o.viewportWidth() / image.getWidth(),
            (double) o.viewportHeight() / image.getHeight());
    int w = Math.max(1, (int) Math.round(image.getWidth() * f));
    int h = Math.max(1, (int) Math.round(image.getHeight() * f));
    BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = scaled.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    return scaled;
  }

  private static byte[] encode(BufferedImage image, String mediaType, int quality)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String format = mediaType.toLowerCase(Locale.ROOT).endsWith("png") ? "png" : "jpeg";
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
    ImageWriter writer = writers.next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format.equals("jpeg")) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
