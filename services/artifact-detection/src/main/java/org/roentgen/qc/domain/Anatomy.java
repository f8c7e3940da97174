package org.roentgen.qc.domain;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Separates the anatomy from the direct exposure (air) inside the field, and says whether the
 * image's polarity looks inverted.
 *
 * <p>The field's brightness is split in two by Otsu's threshold. Air, outside the body, carries no
 * structure, only noise; anatomy is textured and edged. So the class with less band-pass energy
 * (difference of Gaussians, 0.3 and 1 mm at the working spacing) is the air, and air must be the
 * darker class in a correctly encoded radiograph (PS3.3 C.7.6.3.1.2: MONOCHROME1 shows its lowest
 * value white). A collimated border, where no X-rays arrived, must be brighter than the field. Each
 * available cue votes 0 (as expected) or 1 (inverted); the score is their mean.
 */
final class Anatomy {
  /** The two classes count as separated when their means differ by this share of the spread. */
  static final double MIN_SEPARATION = 0.3;

  /** A class needs this share of the field to count. */
  static final double MIN_CLASS_SHARE = 0.05;

  /** One class has less structure than the other when below it by this factor. */
  static final double STRUCTURE_RATIO = 1.25;

  /**
   * @param separated true when air and anatomy were told apart
   * @param invertedScore 0 (polarity as expected) .. 1 (inverted), NaN when nothing could tell
   */
  record Result(boolean separated, double invertedScore, double threshold, boolean airIsBright) {}

  private Anatomy() {}

  /**
   * Classifies the field (display values, CV_32FC1) and judges the polarity.
   *
   * @param collimationSign +1 when the collimated border is brighter than the field, -1 darker, 0
   *     no border
   */
  static Result classify(
      Mat field, double lo, double hi, int collimationSign, Noise noise, Mats mats) {
    // Otsu's threshold over the pixels inside the range: clipped pixels carry no information.
    float[] values = Stats.sampled(field, null);
    double threshold = otsu(values, lo, hi);
    Mat bright = mats.mat();
    Imgproc.threshold(field, bright, threshold, 255, Imgproc.THRESH_BINARY);
    bright.convertTo(bright, CvType.CV_8U);
    Mat dark = mats.mat();
    Core.bitwise_not(bright, dark);
    double total = field.total();
    double brightShare = Core.countNonZero(bright) / total;
    double meanBright = brightShare > 0 ? Core.mean(field, bright).val[0] : Double.NaN;
    double meanDark = brightShare < 1 ? Core.mean(field, dark).val[0] : Double.NaN;
    boolean separated =
        brightShare >= MIN_CLASS_SHARE
            && brightShare <= 1 - MIN_CLASS_SHARE
            && meanBright - meanDark >= MIN_SEPARATION * (hi - lo);
    double votes = 0;
    int cues = 0;
    boolean airIsBright = false;
    if (separated) {
      Mat bandPass = bandPass(field, mats);
      double structureBright = structure(bandPass, bright, noise, mats);
      double structureDark = structure(bandPass, dark, noise, mats);
      if (structureBright * STRUCTURE_RATIO < structureDark) {
        votes += 1;
        cues++;
        airIsBright = true;
      } else if (structureDark * STRUCTURE_RATIO < structureBright) {
        cues++;
      }
    }
    if (collimationSign != 0) {
      votes += collimationSign < 0 ? 1 : 0;
      cues++;
    }
    return new Result(separated, cues == 0 ? Double.NaN : votes / cues, threshold, airIsBright);
  }

  /**
   * Otsu's threshold (N. Otsu, IEEE SMC 9(1), 1979) of the values within (lo, hi), on 256 bins:
   * values at or beyond either end (clipped) are left out.
   */
  static double otsu(float[] values, double lo, double hi) {
    if (!(hi > lo)) {
      return lo;
    }
    long[] hist = new long[256];
    long n = 0;
    double scale = 255.999 / (hi - lo);
    for (float v : values) {
      if (v > lo && v < hi) {
        hist[(int) ((v - lo) * scale)]++;
        n++;
      }
    }
    if (n == 0) {
      return (lo + hi) / 2;
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
      long above = n - below;
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

  /**
   * Mean absolute band-pass response inside the class, away from its borders, in units of the
   * class's own pixel noise: noise alone gives the same small value whatever its level, so air
   * scores low even where its quantum noise is the image's highest.
   */
  private static double structure(Mat bandPass, Mat classMask, Noise noise, Mats mats) {
    Mat inner = mats.mat();
    Mat kernel = mats.add(Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(7, 7)));
    Imgproc.erode(classMask, inner, kernel);
    if (Core.countNonZero(inner) < 50) {
      return Double.NaN;
    }
    return Core.mean(bandPass, inner).val[0] / Math.max(1e-6, noise.sigma(inner));
  }

  /** |G(1) - G(3)| of the half-size field (0.4 and 1.2 mm). */
  private static Mat bandPass(Mat field, Mats mats) {
    Mat fine = mats.mat();
    Imgproc.GaussianBlur(field, fine, new Size(0, 0), 1);
    Mat coarse = mats.mat();
    Imgproc.GaussianBlur(field, coarse, new Size(0, 0), 3);
    Core.subtract(fine, coarse, fine);
    Core.absdiff(fine, new Scalar(0), fine);
    return fine;
  }

  /**
   * The anatomy mask (CV_8UC1, 255 inside) of a polarity-corrected field: the brighter class,
   * opened to drop specks, keeping the parts of at least 5% of the field; the whole field when air
   * and anatomy were not separated.
   */
  static Mat mask(Mat field, double threshold, boolean separated, Mats mats) {
    Mat mask = mats.mat();
    if (!separated) {
      mask.create(field.size(), CvType.CV_8UC1);
      mask.setTo(new Scalar(255));
      return mask;
    }
    Imgproc.threshold(field, mask, threshold, 255, Imgproc.THRESH_BINARY);
    mask.convertTo(mask, CvType.CV_8U);
    Mat kernel = mats.add(Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(5, 5)));
    Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, kernel);
    Mat labels = mats.mat();
    Mat stats = mats.mat();
    Mat centroids = mats.mat();
    int n =
        Imgproc.connectedComponentsWithStatsWithAlgorithm(
            mask, labels, stats, centroids, 8, CvType.CV_32S, Imgproc.CCL_SPAGHETTI);
    double minArea = 0.05 * field.total();
    Mat keep = mats.add(Mat.zeros(field.size(), CvType.CV_8UC1));
    Mat part = mats.mat();
    int largest = 0;
    int largestArea = 0;
    for (int i = 1; i < n; i++) {
      int area = (int) stats.get(i, Imgproc.CC_STAT_AREA)[0];
      if (area > largestArea) {
        largestArea = area;
        largest = i;
      }
      if (area >= minArea) {
        Core.compare(labels, new Scalar(i), part, Core.CMP_EQ);
        Core.bitwise_or(keep, part, keep);
      }
    }
    if (Core.countNonZero(keep) == 0 && largest > 0) {
      Core.compare(labels, new Scalar(largest), keep, Core.CMP_EQ);
    }
    if (Core.countNonZero(keep) == 0) {
      keep.setTo(new Scalar(255));
    }
    return keep;
  }
}
