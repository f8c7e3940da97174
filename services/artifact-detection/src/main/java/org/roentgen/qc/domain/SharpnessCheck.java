package org.roentgen.qc.domain;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Blur and motion: at the strongest edges, the gradient after a fine Gaussian (0.2 mm) over the
 * gradient after a coarse one (0.5 mm). For an edge blurred by sigma_b the ratio is sqrt(sigma_b^2
 * + 2.5^2) / sqrt(sigma_b^2 + 1) (in working pixels): about 2 for a sharp detector, falling towards
 * 1 as blur grows, whatever the edge's contrast. Taken separately across columns and across rows,
 * and the lower of the two kept, so motion in one direction shows. Noise inflates the fine gradient
 * only where edges are weak, so only the top 2% of edges count.
 */
final class SharpnessCheck {
  static final double COARSE_SIGMA = 2.5;
  static final double EDGE_QUANTILE = 0.95;
  static final double RATIO_QUANTILE = 0.9;

  private SharpnessCheck() {}

  /** The sharpness of the working field (polarity does not matter). */
  /**
   * @param fine the x and y Sobel gradients of the field after the fine Gaussian ({@link
   *     Noise#fineGradients}); the sign does not matter
   */
  static double sharpness(Mat field, Mat[] fine, Mats mats) {
    int m = 6;
    if (field.rows() < 4 * m || field.cols() < 4 * m) {
      return Double.NaN;
    }
    Mat coarse = mats.mat();
    Imgproc.GaussianBlur(field, coarse, new Size(0, 0), COARSE_SIGMA);
    double across = ratio(fine[0], coarse, 1, 0, m, mats);
    double down = ratio(fine[1], coarse, 0, 1, m, mats);
    return Math.min(across, down);
  }

  private static double ratio(Mat fineGradient, Mat coarse, int dx, int dy, int m, Mats mats) {
    Mat gc = mats.mat();
    Imgproc.Sobel(coarse, gc, CvType.CV_32F, dx, dy);
    Mat f = fineGradient.submat(m, fineGradient.rows() - m, m, fineGradient.cols() - m);
    Mat c = gc.submat(m, gc.rows() - m, m, gc.cols() - m);
    // Magnitudes of the samples only (the same positions in both): the sign does not matter.
    float[] cv = abs(Stats.sampled(c, null));
    float[] fv = abs(Stats.sampled(f, null));
    double limit = Stats.quantile(Stats.sortedSample(cv), EDGE_QUANTILE);
    if (!(limit > 0)) {
      return Double.NaN;
    }
    int n = 0;
    for (float v : cv) {
      if (v >= limit) {
        n++;
      }
    }
    float[] ratios = new float[n];
    int j = 0;
    for (int i = 0; i < cv.length; i++) {
      if (cv[i] >= limit) {
        ratios[j++] = fv[i] / cv[i];
      }
    }
    Stats.sort(ratios);
    return Stats.quantile(ratios, RATIO_QUANTILE);
  }

  private static float[] abs(float[] values) {
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.abs(values[i]);
    }
    return values;
  }
}
