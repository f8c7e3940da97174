package org.roentgen.qc.domain;

import java.util.Arrays;
import org.opencv.core.Mat;

/** Percentiles and robust spreads of float images, optionally inside a mask. */
final class Stats {
  /** At most this many values are sorted for a percentile (an even subsample of the rest). */
  private static final int SAMPLE = 32_768;

  private Stats() {}

  /** The values of a CV_32FC1 matrix where {@code mask} (CV_8UC1, or null) is non-zero. */
  static float[] values(Mat image, Mat mask) {
    Mat m = image.isContinuous() ? image : image.clone();
    float[] all = new float[(int) m.total()];
    m.get(0, 0, all);
    if (m != image) {
      m.release();
    }
    if (mask == null) {
      return all;
    }
    Mat k = mask.isContinuous() ? mask : mask.clone();
    byte[] inside = new byte[(int) k.total()];
    k.get(0, 0, inside);
    if (k != mask) {
      k.release();
    }
    int n = 0;
    for (byte b : inside) {
      if (b != 0) {
        n++;
      }
    }
    float[] out = new float[n];
    int j = 0;
    for (int i = 0; i < inside.length; i++) {
      if (inside[i] != 0) {
        out[j++] = all[i];
      }
    }
    return out;
  }

  /**
   * The values of an even sample of about 262,000 pixels where the mask is non-zero: image and mask
   * reduced alike by nearest neighbour (real pixels, same positions), so two images of the same
   * size give aligned samples. Small images give all their values.
   */
  static float[] sampled(Mat image, Mat mask) {
    long total = image.total();
    if (total <= 262_144) {
      return values(image, mask);
    }
    double f = Math.sqrt(262_144.0 / total);
    org.opencv.core.Size size =
        new org.opencv.core.Size(
            Math.max(1, Math.round(image.cols() * f)), Math.max(1, Math.round(image.rows() * f)));
    Mat small = new Mat();
    Mat smallMask = mask == null ? null : new Mat();
    try {
      org.opencv.imgproc.Imgproc.resize(
          image, small, size, 0, 0, org.opencv.imgproc.Imgproc.INTER_NEAREST);
      if (mask != null) {
        org.opencv.imgproc.Imgproc.resize(
            mask, smallMask, size, 0, 0, org.opencv.imgproc.Imgproc.INTER_NEAREST);
      }
      return values(small, smallMask);
    } finally {
      small.release();
      if (smallMask != null) {
        smallMask.release();
      }
    }
  }

  /** Sorted copy of the values, subsampled evenly to at most {@link #SAMPLE}. */
  static float[] sortedSample(float[] values) {
    float[] s;
    if (values.length <= SAMPLE) {
      s = values.clone();
    } else {
      s = new float[SAMPLE];
      double step = (double) values.length / SAMPLE;
      for (int i = 0; i < SAMPLE; i++) {
        s[i] = values[(int) (i * step)];
      }
    }
    Arrays.sort(s);
    return s;
  }

  /** The q-quantile (0..1) of sorted values, interpolated; NaN when there are none. */
  static double quantile(float[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
  }

  /** The median absolute deviation from the median, scaled to a Gaussian sigma (x 1.4826). */
  static double robustSigma(float[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    float[] s = sortedSample(values);
    double median = quantile(s, 0.5);
    float[] dev = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      dev[i] = (float) Math.abs(s[i] - median);
    }
    Arrays.sort(dev);
    return 1.4826 * quantile(dev, 0.5);
  }

  /**
   * The robust sigma of a large image's values from an even sample of about 65,000 of its pixels
   * (nearest-neighbour reduction picks real pixels), without copying the whole image.
   */
  static double robustSigmaSampled(Mat image) {
    if (image.total() <= 65_536) {
      return robustSigma(values(image, null));
    }
    double f = Math.sqrt(65_536.0 / image.total());
    Mat small = new Mat();
    try {
      org.opencv.imgproc.Imgproc.resize(
          image,
          small,
          new org.opencv.core.Size(
              Math.max(1, Math.round(image.cols() * f)), Math.max(1, Math.round(image.rows() * f))),
          0,
          0,
          org.opencv.imgproc.Imgproc.INTER_NEAREST);
      return robustSigma(values(small, null));
    } finally {
      small.release();
    }
  }
}
