package org.roentgen.qc.domain;

import java.util.Arrays;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

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
    sort(s);
    return s;
  }

  /**
   * Sorts in place, in the order of {@link Arrays#sort(float[])} for every value but NaN: a
   * least-significant-digit radix sort of the IEEE bit patterns, mapped so that their unsigned
   * order is the numbers' order (three passes of 11 bits; several times faster than a comparison
   * sort on the sample sizes used here, where sorting was a sixth of the time spent per image).
   */
  static void sort(float[] values) {
    int n = values.length;
    if (n < 256) {
      Arrays.sort(values);
      return;
    }
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToRawIntBits(values[i]);
      keys[i] = bits ^ ((bits >> 31) | 0x80000000);
    }
    int[] buffer = new int[n];
    int[] count = new int[2048];
    for (int shift = 0; shift < 32; shift += 11) {
      Arrays.fill(count, 0);
      for (int k : keys) {
        count[(k >>> shift) & 2047]++;
      }
      int sum = 0;
      for (int d = 0; d < 2048; d++) {
        int c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (int k : keys) {
        buffer[count[(k >>> shift) & 2047]++] = k;
      }
      int[] t = keys;
      keys = buffer;
      buffer = t;
    }
    for (int i = 0; i < n; i++) {
      int k = keys[i];
      values[i] = Float.intBitsToFloat(k < 0 ? k ^ 0x80000000 : ~k);
    }
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
    sort(dev);
    return 1.4826 * quantile(dev, 0.5);
  }

  /**
   * The robust sigma of a large image's values from an even sample of about 65,000 of its pixels
   * (nearest-neighbour reduction picks real pixels), without copying the whole image.
   */
  static double robustSigmaSampled(Mat image) {
    return robustSigma(small(image));
  }

  /** The median of an image of any depth, from the same even sample of about 65,000 pixels. */
  static double medianSampled(Mat image) {
    return quantile(sortedSample(small(image)), 0.5);
  }

  /** An even sample of about 65,000 pixels of a single-channel image, as floats. */
  private static float[] small(Mat image) {
    Mat small = new Mat();
    try {
      if (image.total() <= 65_536) {
        image.convertTo(small, CvType.CV_32F);
      } else {
        double f = Math.sqrt(65_536.0 / image.total());
        Imgproc.resize(
            image,
            small,
            new Size(
                Math.max(1, Math.round(image.cols() * f)),
                Math.max(1, Math.round(image.rows() * f))),
            0,
            0,
            Imgproc.INTER_NEAREST);
        small.convertTo(small, CvType.CV_32F);
      }
      return values(small, null);
    } finally {
      small.release();
    }
  }

  /**
   * {@code Core.reduce} of a single-channel matrix to one row (dim 0: each column reduced) or, for
   * dim 1, each row reduced, also delivered as one row: OpenCV vectorises the reduction down the
   * columns but not the one along each row, which is some twenty times slower, so rows are reduced
   * as the columns of the transposed matrix.
   */
  static void reduce(Mat src, Mat dst, int dim, int rtype, int ddepth) {
    if (dim == 0) {
      Core.reduce(src, dst, 0, rtype, ddepth);
      return;
    }
    Mat transposed = new Mat();
    try {
      Core.transpose(src, transposed);
      Core.reduce(transposed, dst, 0, rtype, ddepth);
    } finally {
      transposed.release();
    }
  }
}
