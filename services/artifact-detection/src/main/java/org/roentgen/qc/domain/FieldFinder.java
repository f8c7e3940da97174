package org.roentgen.qc.domain;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Finds the exposed field: the rectangle inside the collimator blades. A blade's edge is a straight
 * step in brightness that crosses the whole image at one position; the search looks for it in the
 * outer 45% of each side, in eight bands across the image, and takes a position only where every
 * band has the step, in the same direction, of at least {@link #MIN_STEP} of the image's brightness
 * spread. The body's outline, curved and interrupted, does not pass that test.
 */
final class FieldFinder {
  /** A blade edge's step: at least this share of the 1st-99th percentile spread. */
  static final double MIN_STEP = 0.25;

  private static final int BANDS = 8;

  /**
   * The field and, per side, the step sign found (+1: outside brighter, -1: outside darker, 0: no
   * blade on that side).
   */
  record Field(Rect rect, int[] signs, double outsideMean, double insideMean) {
    boolean collimated() {
      for (int s : signs) {
        if (s != 0) {
          return true;
        }
      }
      return false;
    }
  }

  private FieldFinder() {}

  /** Finds the field of a display image (CV_32FC1, 0 dark .. 1 bright). */
  static Field find(Mat display, double spread, int edgeWidth) {
    int w = display.cols();
    int h = display.rows();
    int k = Math.max(2, edgeWidth);
    double minStep = Math.max(1e-4, MIN_STEP * spread);
    float[][] colBands = bands(display, true);
    float[][] rowBands = bands(display, false);
    int[] signs = new int[4];
    int left = edge(colBands, k, minStep, true, signs, 0);
    int right = edge(colBands, k, minStep, false, signs, 1);
    int top = edge(rowBands, k, minStep, true, signs, 2);
    int bottom = edge(rowBands, k, minStep, false, signs, 3);
    if (right - left < w / 4) {
      left = 0;
      right = w;
      signs[0] = signs[1] = 0;
    }
    if (bottom - top < h / 4) {
      top = 0;
      bottom = h;
      signs[2] = signs[3] = 0;
    }
    Rect rect = new Rect(left, top, right - left, bottom - top);
    double inside = Core.mean(display.submat(rect)).val[0];
    double total = Core.sumElems(display).val[0];
    double insideSum = inside * rect.area();
    double outsideArea = (double) w * h - rect.area();
    double outside = outsideArea > 0 ? (total - insideSum) / outsideArea : inside;
    return new Field(rect, signs, outside, inside);
  }

  /** Per band, the mean of each column (columns=true) or of each row, of that band. */
  private static float[][] bands(Mat display, boolean columns) {
    int across = columns ? display.rows() : display.cols();
    int along = columns ? display.cols() : display.rows();
    float[][] out = new float[BANDS][along];
    Mat reduced = new Mat();
    try {
      for (int b = 0; b < BANDS; b++) {
        int from = b * across / BANDS;
        int to = Math.max(from + 1, (b + 1) * across / BANDS);
        Mat band = columns ? display.rowRange(from, to) : display.colRange(from, to);
        Stats.reduce(band, reduced, columns ? 0 : 1, Core.REDUCE_AVG, CvType.CV_32F);
        reduced.get(0, 0, out[b]);
      }
    } finally {
      reduced.release();
    }
    return out;
  }

  /**
   * The blade position on one side (the first inside index from the start, or the end index from
   * the end), or the image edge when there is none; records the step's sign in signs[slot].
   */
  private static int edge(
      float[][] bands, int k, double minStep, boolean fromStart, int[] signs, int slot) {
    int n = bands[0].length;
    int limit = (int) (n * 0.45);
    double best = 0;
    int bestAt = -1;
    int bestSign = 0;
    double[][] prefix = new double[bands.length][n + 1];
    for (int b = 0; b < bands.length; b++) {
      for (int i = 0; i < n; i++) {
        prefix[b][i + 1] = prefix[b][i] + bands[b][i];
      }
    }
    for (int j = k; j <= limit; j++) {
      int x = fromStart ? j : n - j;
      // outside: [x-k, x) from the start, [x, x+k) from the end
      double weakest = Double.MAX_VALUE;
      int sign = 0;
      boolean same = true;
      // The first and last bands are left out: beyond a perpendicular blade they are all border.
      for (int b = 1; b < bands.length - 1 && same; b++) {
        double before = (prefix[b][x] - prefix[b][x - k]) / k;
        double after =
            (prefix[b][Math.min(n, x + k)] - prefix[b][x]) / Math.max(1, Math.min(k, n - x));
        double outside = fromStart ? before : after;
        double inside = fromStart ? after : before;
        double step = outside - inside;
        int s = step > 0 ? 1 : -1;
        if (b == 1) {
          sign = s;
        } else if (s != sign) {
          same = false;
        }
        weakest = Math.min(weakest, Math.abs(step));
      }
      if (same && weakest > best) {
        best = weakest;
        bestAt = x;
        bestSign = sign;
      }
    }
    if (bestAt < 0 || best < minStep) {
      signs[slot] = 0;
      return fromStart ? 0 : n;
    }
    signs[slot] = bestSign;
    return bestAt;
  }
}
