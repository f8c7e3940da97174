package org.roentgen.qc.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.roentgen.contracts.InstanceQc.Box;

/**
 * Makes radiograph-like images with ground truth (see {@link Phantom}). The detector model: the
 * signal is linear in exposure, s = 0.22 x E x transmission as a share of the detector range (E = 1
 * is the nominal exposure; a clean image has E in [0.75, 1.33]); quantum noise of sigma sqrt(2e-5 x
 * s) plus electronic noise of 3e-4; a 0.6-pixel Gaussian detector blur; a 6% heel effect;
 * collimation on 70% of images with 3% scatter behind the blades. The header's exposure index is
 * the anatomy's median signal / 2.2e-4 (the default calibration), within 8%. Stored as MONOCHROME1
 * (value = s) or MONOCHROME2 (value = 1 - s), 12 to 16 bits, explicit VR little endian.
 */
final class PhantomGenerator {
  static final double AIR = 0.22;
  static final double QUANTUM = 2e-5;
  static final double ELECTRONIC = 3e-4;
  static final double CALIBRATION = 2.2e-4;

  private static final int[][] SIZES = {{1024, 1024}, {1152, 896}, {896, 1152}};
  private static final double[] SPACINGS = {0.14, 0.16, 0.2};

  /** The image being built: its signal, where the body is, and what was injected. */
  static final class Build {
    final Random rnd;
    final int cols;
    final int rows;
    final double spacing;
    final int bitsStored;
    final boolean monochrome1;
    double exposure;
    Mat signal;
    Mat body;
    Rect field;
    double eiFactor = 1;
    boolean invert;
    final List<Box> boxes = new ArrayList<>();

    Build(Random rnd) {
      this(rnd, SIZES[rnd.nextInt(SIZES.length)], SPACINGS[rnd.nextInt(SPACINGS.length)]);
    }

    Build(Random rnd, int[] size, double spacing) {
      this.rnd = rnd;
      cols = size[0];
      rows = size[1];
      this.spacing = spacing;
      bitsStored = 12 + 2 * rnd.nextInt(3);
      monochrome1 = rnd.nextBoolean();
      exposure = 0.75 + 0.58 * rnd.nextDouble();
    }

    double px(double mm) {
      return mm / spacing;
    }

    /** The body's median signal (transmission x exposure, no noise). */
    double anatomySignal() {
      float[] v = Stats.values(signal, body);
      return Stats.quantile(Stats.sortedSample(v), 0.5);
    }
  }

  private PhantomGenerator() {}

  /** A clean anatomy at a random exposure, collimated or not; the signal is noise-free. */
  static Build anatomy(Random rnd) {
    return anatomy(new Build(rnd));
  }

  /** As {@link #anatomy(Random)}, at a given size and spacing (the benchmark's 2048 x 2048). */
  static Build anatomy(Random rnd, int cols, int rows, double spacing) {
    return anatomy(new Build(rnd, new int[] {cols, rows}, spacing));
  }

  private static Build anatomy(Build b) {
    OpenCvNative.load();
    Random rnd = b.rnd;
    PhantomAnatomy.Map map = PhantomAnatomy.draw(b.cols, b.rows, b.spacing, rnd);
    b.body = map.body();
    b.signal = map.transmission();
    b.field = new Rect(0, 0, b.cols, b.rows);
    if (rnd.nextDouble() < 0.7) {
      int left = margin(b.cols, rnd);
      int right = margin(b.cols, rnd);
      int top = margin(b.rows, rnd);
      int bottom = margin(b.rows, rnd);
      b.field = new Rect(left, top, b.cols - left - right, b.rows - top - bottom);
    }
    return b;
  }

  private static int margin(int side, Random rnd) {
    return rnd.nextDouble() < 0.2 ? 0 : (int) (side * (0.03 + 0.12 * rnd.nextDouble()));
  }

  /**
   * Turns the build into stored pixels: exposure and heel effect, collimation, detector blur, noise
   * (plus {@code extraNoise} sigma), quantisation, then {@code afterNoise} (defects, clipping),
   * inversion when asked.
   */
  static Phantom finish(
      Build b,
      Set<String> truth,
      String label,
      int grade,
      double extraNoise,
      java.util.function.Consumer<Mat> beforeNoise,
      java.util.function.Consumer<Mat> afterNoise) {
    Mat s = new Mat();
    b.signal.convertTo(s, CvType.CV_32F, AIR * b.exposure);
    double anatomy = median(s, b.body);
    Mat heel = new Mat(b.rows, b.cols, CvType.CV_32FC1);
    float[] row = new float[b.cols];
    for (int y = 0; y < b.rows; y++) {
      java.util.Arrays.fill(row, (float) (1 + 0.06 * ((double) y / b.rows - 0.5)));
      heel.put(y, 0, row);
    }
    Core.multiply(s, heel, s);
    heel.release();
    if (b.field.width < b.cols || b.field.height < b.rows) {
      Mat outside = new Mat(b.rows, b.cols, CvType.CV_8UC1, new Scalar(255));
      outside.submat(b.field).setTo(new Scalar(0));
      s.setTo(new Scalar(AIR * b.exposure * 0.03), outside);
      outside.release();
    }
    if (beforeNoise != null) {
      beforeNoise.accept(s);
    }
    Imgproc.GaussianBlur(s, s, new Size(0, 0), 0.6);
    Mat sigma = new Mat();
    Core.max(s, new Scalar(0), sigma);
    sigma.convertTo(sigma, CvType.CV_32F, QUANTUM);
    Core.add(sigma, new Scalar(ELECTRONIC * ELECTRONIC + extraNoise * extraNoise), sigma);
    Core.sqrt(sigma, sigma);
    Mat noise = new Mat(s.size(), CvType.CV_32FC1);
    Core.setRNGSeed(b.rnd.nextInt());
    Core.randn(noise, 0, 1);
    Core.multiply(noise, sigma, noise);
    Core.add(s, noise, s);
    noise.release();
    sigma.release();
    Core.min(s, new Scalar(0.995), s);
    Core.max(s, new Scalar(0.0015), s);
    if (afterNoise != null) {
      afterNoise.accept(s);
    }
    Phantom p = encode(b, s, anatomy, truth, label, grade);
    s.release();
    b.signal.release();
    b.body.release();
    return p;
  }

  static double median(Mat image, Mat mask) {
    return Stats.quantile(Stats.sortedSample(Stats.values(image, mask)), 0.5);
  }

  private static Phantom encode(
      Build b, Mat s, double anatomy, Set<String> truth, String label, int grade) {
    int max = (1 << b.bitsStored) - 1;
    float[] v = new float[b.cols * b.rows];
    s.get(0, 0, v);
    ByteBuffer out = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      double stored = b.monochrome1 ? x : 1 - x;
      int raw = (int) Math.round(Math.max(0, Math.min(1, stored)) * max);
      if (b.invert) {
        raw = max - raw;
      }
      out.putShort((short) raw);
    }
    out.flip();
    double ei = anatomy / CALIBRATION * (1 + 0.16 * (b.rnd.nextDouble() - 0.5)) * b.eiFactor;
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    put(h, "00280010", "US", b.rows);
    put(h, "00280011", "US", b.cols);
    put(h, "00280100", "US", 16);
    put(h, "00280101", "US", b.bitsStored);
    put(h, "00280102", "US", b.bitsStored - 1);
    put(h, "00280103", "US", 0);
    put(h, "00280002", "US", 1);
    h.putObject("00280004")
        .put("vr", "CS")
        .putArray("Value")
        .add(b.monochrome1 ? "MONOCHROME1" : "MONOCHROME2");
    h.putObject("00181164").put("vr", "DS").putArray("Value").add(b.spacing).add(b.spacing);
    h.putObject("00181411").put("vr", "DS").putArray("Value").add(Math.round(ei * 10) / 10.0);
    h.putObject("00081010").put("vr", "SH").putArray("Value").add("PHANTOM_ROOM_1");
    h.putObject("00180015").put("vr", "CS").putArray("Value").add("CHEST");
    h.putObject("00185101").put("vr", "CS").putArray("Value").add("PA");
    ImageHeader header = ImageHeader.fromDicomJson(h, PixelDecoder.EXPLICIT_LE);
    return new Phantom(header, out, truth, List.copyOf(b.boxes), label, grade);
  }

  private static void put(ObjectNode h, String tag, String vr, int value) {
    h.putObject(tag).put("vr", vr).putArray("Value").add(value);
  }
}
