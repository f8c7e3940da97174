package org.roentgen.dicom.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The detector of the synthetic radiographs: turns an attenuation map into stored pixels the way a
 * linear flat panel does. The signal, as a share of the detector range, is {@code AIR} x the
 * exposure x the transmission exp(-a), with a 6% heel effect along the columns; behind the
 * collimator blades only 3% scatter arrives. A 0.6-pixel Gaussian blurs it (the scintillator),
 * quantum noise of variance {@code QUANTUM} x signal and electronic noise of sigma {@code
 * ELECTRONIC} are added, and the value stored is (1 - signal) x (2^bits - 1): MONOCHROME2, bright
 * where the body attenuates (PixelIntensityRelationshipSign -1). Nothing clips: the signal stays
 * within 0.0015 and 0.995 of the range.
 *
 * <p>The exposure index (IEC 62494-1) is the median signal of the anatomy divided by {@code
 * CALIBRATION}, the anatomy being, as a QC reader finds it, the brighter of the two classes Otsu's
 * threshold makes of the exposed field.
 */
final class ClinicalDetector {
  /** The signal of unattenuated beam at the nominal exposure (share of the range). */
  static final double AIR = 0.22;

  static final double QUANTUM = 2e-5;
  static final double ELECTRONIC = 3e-4;

  /** Median anatomy signal per unit of exposure index. */
  static final double CALIBRATION = 2.2e-4;

  private static final double SCATTER = 0.03;
  private static final int ROWS_PER_TASK = 64;
  private static final double HEEL = 0.06;
  private static final double BLUR_SIGMA = 0.6;
  private static final double LOW = 0.0015;
  private static final double HIGH = 0.995;

  /** Standard normal quantiles at 65536 equally likely positions: 16 random bits, one sample. */
  private static final float[] NORMAL = normalTable();

  /** exp(-a) for a from 0 to 12 in steps of 1/1024, interpolated. */
  private static final int EXP_STEPS = 1024;

  private static final float[] EXP = expTable();

  /** The exposed field: pixels x0 <= x < x1, y0 <= y < y1. */
  record Field(int x0, int y0, int x1, int y1) {
    boolean contains(int x, int y) {
      return x >= x0 && x < x1 && y >= y0 && y < y1;
    }
  }

  /**
   * What the detector made: the stored pixels, the anatomy's median signal, and a window (stored
   * values) from the field's 0.5th to 99.5th percentile.
   */
  record Exposed(byte[] pixels, double anatomySignal, int windowLow, int windowHigh) {}

  private ClinicalDetector() {}

  /**
   * Exposes the map: signal, blur, noise, encoding as 16-bit little endian words of {@code bits}
   * bits.
   */
  static Exposed expose(
      ClinicalCanvas c, Field field, double exposure, int bits, SplittableRandom rnd) {
    int w = c.width;
    int h = c.height;
    float[] s = new float[w * h];
    double air = AIR * exposure;
    for (int y = 0; y < h; y++) {
      double rowAir = air * (1 + HEEL * ((double) y / h - 0.5));
      float scatter = (float) (rowAir * SCATTER);
      int o = y * w;
      for (int x = 0; x < w; x++) {
        s[o + x] = field.contains(x, y) ? (float) (rowAir * exp(c.a[o + x])) : scatter;
      }
    }
    blur(s, w, h);
    float[] sorted = fieldSample(s, w, field);
    double threshold = otsu(sorted);
    double anatomy = median(sorted, threshold);
    int max = (1 << bits) - 1;
    // The window shows the anatomy, the air beside it just dark.
    double top = Math.min(quantile(sorted, 0.995), threshold * 1.15);
    int windowLow = (int) Math.round((1 - top) * max);
    int windowHigh = (int) Math.round((1 - quantile(sorted, 0.002)) * max);
    byte[] out = new byte[w * h * 2];
    long noiseSeed = rnd.nextLong();
    // Rows in parallel, each with its own random numbers: the same pixels whatever the threads.
    IntStream.range(0, (h + ROWS_PER_TASK - 1) / ROWS_PER_TASK)
        .parallel()
        .forEach(
            task -> {
              int from = task * ROWS_PER_TASK;
              noise(s, out, w, from, Math.min(h, from + ROWS_PER_TASK), max, noiseSeed);
            });
    return new Exposed(out, anatomy, windowLow, windowHigh);
  }

  /** Noise and encoding of rows [from, to). */
  private static void noise(
      float[] s, byte[] out, int w, int from, int to, int max, long noiseSeed) {
    float[] z = new float[w];
    SplittableRandom rnd = new SplittableRandom(noiseSeed ^ (0x9E3779B97F4A7C15L * (from + 1L)));
    for (int y = from; y < to; y++) {
      gaussians(rnd, z, 0, w);
      int o = y * w;
      for (int x = 0; x < w; x++) {
        double v = s[o + x];
        double sigma = Math.sqrt(QUANTUM * Math.max(0, v) + ELECTRONIC * ELECTRONIC);
        v += sigma * z[x];
        v = v < LOW ? LOW : v > HIGH ? HIGH : v;
        int stored = (int) ((1 - v) * max + 0.5);
        int p = 2 * (o + x);
        out[p] = (byte) stored;
        out[p + 1] = (byte) (stored >>> 8);
      }
    }
  }

  /** exp(-a), from the table. */
  static double exp(double a) {
    if (a <= 0) {
      return 1;
    }
    double f = a * EXP_STEPS;
    int i = (int) f;
    if (i >= EXP.length - 1) {
      return EXP[EXP.length - 1];
    }
    double t = f - i;
    return EXP[i] + t * (EXP[i + 1] - EXP[i]);
  }

  /** Fills {@code out[from, to)} with standard normal samples (four per random long). */
  static void gaussians(SplittableRandom rnd, float[] out, int from, int to) {
    int i = from;
    while (i < to) {
      long bits = rnd.nextLong();
      for (int k = 0; k < 4 && i < to; k++, i++) {
        out[i] = NORMAL[(int) (bits & 0xFFFF)];
        bits >>>= 16;
      }
    }
  }

  /** About 65536 pixels of the field on a regular grid, sorted. */
  private static float[] fieldSample(float[] s, int w, Field f) {
    long area = (long) (f.x1() - f.x0()) * (f.y1() - f.y0());
    int step = (int) Math.max(1, Math.round(Math.sqrt(area / 65536.0)));
    int n = ((f.x1() - f.x0() + step - 1) / step) * ((f.y1() - f.y0() + step - 1) / step);
    float[] v = new float[n];
    int k = 0;
    for (int y = f.y0(); y < f.y1(); y += step) {
      for (int x = f.x0(); x < f.x1(); x += step) {
        v[k++] = s[y * w + x];
      }
    }
    v = Arrays.copyOf(v, k);
    Arrays.sort(v);
    return v;
  }

  private static double quantile(float[] sorted, double q) {
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }

  /** The median of the anatomy: the sorted sample's values below the threshold. */
  private static double median(float[] v, double threshold) {
    int count = 0;
    while (count < v.length && v[count] < threshold) {
      count++;
    }
    return count == 0 ? v[v.length / 2] : v[count / 2];
  }

  /**
   * Otsu's threshold (256 bins between the 0.5th and 99.5th percentiles) of the field's noise-free
   * signal (a sorted sample): the anatomy is the lower-signal class, as a QC reader finds it.
   */
  static double otsu(float[] v) {
    double lo = quantile(v, 0.005);
    double hi = quantile(v, 0.995);
    if (!(hi > lo)) {
      return hi;
    }
    long[] hist = new long[256];
    double scale = 255.999 / (hi - lo);
    long total = 0;
    for (float x : v) {
      if (x > lo && x < hi) {
        hist[(int) ((x - lo) * scale)]++;
        total++;
      }
    }
    double sumAll = 0;
    for (int i = 0; i < 256; i++) {
      sumAll += i * (double) hist[i];
    }
    double sumBelow = 0;
    long below = 0;
    double best = -1;
    int bestAt = 127;
    for (int t = 0; t < 255; t++) {
      below += hist[t];
      sumBelow += t * (double) hist[t];
      long above = total - below;
      if (below == 0 || above == 0) {
        continue;
      }
      double m0 = sumBelow / below;
      double m1 = (sumAll - sumBelow) / above;
      double between = (double) below * above * (m0 - m1) * (m0 - m1);
      if (between > best) {
        best = between;
        bestAt = t;
      }
    }
    return lo + (bestAt + 1) / scale;
  }

  /** The 0.6-pixel Gaussian, separable, five taps, edges repeated. */
  private static void blur(float[] s, int w, int h) {
    double e1 = Math.exp(-1 / (2 * BLUR_SIGMA * BLUR_SIGMA));
    double e2 = Math.exp(-4 / (2 * BLUR_SIGMA * BLUR_SIGMA));
    double sum = 1 + 2 * e1 + 2 * e2;
    float k0 = (float) (1 / sum);
    float k1 = (float) (e1 / sum);
    float k2 = (float) (e2 / sum);
    float[] line = new float[Math.max(w, h) + 4];
    for (int y = 0; y < h; y++) {
      int o = y * w;
      System.arraycopy(s, o, line, 2, w);
      line[0] = line[1] = s[o];
      line[w + 2] = line[w + 3] = s[o + w - 1];
      for (int x = 0; x < w; x++) {
        s[o + x] =
            k0 * line[x + 2] + k1 * (line[x + 1] + line[x + 3]) + k2 * (line[x] + line[x + 4]);
      }
    }
    float[] prev2 = new float[w];
    float[] prev1 = new float[w];
    float[] cur = new float[w];
    System.arraycopy(s, 0, prev2, 0, w);
    System.arraycopy(s, 0, prev1, 0, w);
    for (int y = 0; y < h; y++) {
      System.arraycopy(s, y * w, cur, 0, w);
      int n1 = Math.min(h - 1, y + 1) * w;
      int n2 = Math.min(h - 1, y + 2) * w;
      int o = y * w;
      for (int x = 0; x < w; x++) {
        s[o + x] = k0 * cur[x] + k1 * (prev1[x] + s[n1 + x]) + k2 * (prev2[x] + s[n2 + x]);
      }
      float[] t = prev2;
      prev2 = prev1;
      prev1 = cur;
      cur = t;
    }
  }

  private static float[] normalTable() {
    float[] t = new float[1 << 16];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) inverseNormal((i + 0.5) / t.length);
    }
    return t;
  }

  private static float[] expTable() {
    float[] t = new float[12 * EXP_STEPS + 1];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) Math.exp(-(double) i / EXP_STEPS);
    }
    return t;
  }

  /** The standard normal quantile (P. J. Acklam's rational approximation, relative error 1e-9). */
  static double inverseNormal(double p) {
    double[] a = {
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    };
    double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    double[] c = {
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    };
    double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    if (p < 0.02425) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - 0.02425) {
      return -inverseNormal(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
