package org.roentgen.qc.domain;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Grid lines and moire: periodic lines show as a narrow peak in the spectrum of the field's column
 * (or row) means. The profile of the central field (at most 1024 native pixels each way) has its
 * trend removed (a 101-pixel moving average), is Hann-windowed and transformed; each frequency from
 * 0.02 cycles/pixel to Nyquist is compared with the median of its neighbours (excluding the peak's
 * own lobe). A sinusoid stands hundreds of times above its neighbours; anatomy's smooth spectrum
 * and noise stay within a few times.
 */
final class GridLinesCheck {
  static final int MAX_SIDE = 1024;
  static final int TREND = 101;
  static final double MIN_FREQUENCY = 0.02;

  /** The peak ratio and where: direction 0 lines along columns (varying across x), 1 rows. */
  record Peak(double ratio, double cyclesPerPixel, int direction) {}

  private GridLinesCheck() {}

  static Peak measure(Mat nativeField, Mats mats) {
    int w = Math.min(MAX_SIDE, nativeField.cols());
    int h = Math.min(MAX_SIDE, nativeField.rows());
    Rect centre = new Rect((nativeField.cols() - w) / 2, (nativeField.rows() - h) / 2, w, h);
    Mat region = nativeField.submat(centre);
    Peak across = peak(profile(region, 0, mats), 0, mats);
    Peak down = peak(profile(region, 1, mats), 1, mats);
    return across.ratio() >= down.ratio() ? across : down;
  }

  private static float[] profile(Mat region, int dim, Mats mats) {
    Mat reduced = mats.mat();
    Stats.reduce(region, reduced, dim, Core.REDUCE_AVG, CvType.CV_32F);
    float[] p = new float[(int) reduced.total()];
    reduced.reshape(1, 1).get(0, 0, p);
    return p;
  }

  private static Peak peak(float[] p, int direction, Mats mats) {
    int n = p.length;
    if (n < 64) {
      return new Peak(0, 0, direction);
    }
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + p[i];
    }
    int half = TREND / 2;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      int a = Math.max(0, i - half);
      int b = Math.min(n, i + half + 1);
      double trend = (prefix[b] - prefix[a]) / (b - a);
      double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
      x[i] = (float) ((p[i] - trend) * hann);
    }
    Mat signal = mats.add(new Mat(1, n, CvType.CV_32F));
    signal.put(0, 0, x);
    Mat spectrum = mats.mat();
    Core.dft(signal, spectrum, Core.DFT_COMPLEX_OUTPUT, 0);
    float[] c = new float[2 * n];
    spectrum.get(0, 0, c);
    int bins = n / 2;
    double[] mag = new double[bins + 1];
    for (int k = 0; k <= bins; k++) {
      mag[k] = Math.hypot(c[2 * k], c[2 * k + 1]);
    }
    int from = Math.max(3, (int) Math.ceil(MIN_FREQUENCY * n));
    int reach = Math.max(8, n / 32);
    double best = 0;
    int bestAt = 0;
    double[] neighbours = new double[2 * reach];
    for (int k = from; k <= bins; k++) {
      int m = 0;
      for (int j = k - reach; j <= k + reach; j++) {
        if (Math.abs(j - k) > 2 && j >= from && j <= bins) {
          neighbours[m++] = mag[j];
        }
      }
      if (m < 4) {
        continue;
      }
      java.util.Arrays.sort(neighbours, 0, m);
      double background = neighbours[m / 2];
      double ratio = background > 0 ? mag[k] / background : 0;
      if (ratio > best) {
        best = ratio;
        bestAt = k;
      }
    }
    return new Peak(best, (double) bestAt / n, direction);
  }
}
