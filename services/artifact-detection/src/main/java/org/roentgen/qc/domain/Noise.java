package org.roentgen.qc.domain;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Pixel noise: Immerkaer's estimator (J. Immerkaer, "Fast noise variance estimation", Computer
 * Vision and Image Understanding 64(2), 1996): the mean absolute response to a mask that cancels
 * every linear trend, times sqrt(pi/2)/6, taken over the flattest half of the region (lowest
 * gradient after a 1-pixel Gaussian) so that edges and texture do not count as noise. The responses
 * are computed once per image; each region then costs one masked mean. They do not change when the
 * image is inverted.
 */
final class Noise {
  private final Mat response;
  private final Mat grad;
  private final Rect inner;
  private final Mats mats;

  Noise(Mat image, Mats mats) {
    this(image, null, mats);
  }

  /**
   * @param fineGradients the x and y Sobel gradients of the image after a 1-pixel Gaussian, when
   *     the caller has them (the sharpness check uses the same), else null
   */
  Noise(Mat image, Mat[] fineGradients, Mats mats) {
    this.mats = mats;
    Mat kernel = mats.add(new Mat(1, 3, CvType.CV_32F));
    kernel.put(0, 0, 1, -2, 1);
    Mat full = mats.mat();
    // The mask is separable: [1 -2 1] across times [1 -2 1] down.
    Imgproc.sepFilter2D(image, full, CvType.CV_32F, kernel, kernel);
    Core.absdiff(full, new Scalar(0), full);
    Mat[] g = fineGradients != null ? fineGradients : fineGradients(image, mats);
    Mat gradFull = mats.mat();
    Core.magnitude(g[0], g[1], gradFull);
    // The mask's 3x3 response is wrong on the image border: a one-pixel frame is left out.
    inner =
        image.rows() > 2 && image.cols() > 2
            ? new Rect(1, 1, image.cols() - 2, image.rows() - 2)
            : new Rect(0, 0, image.cols(), image.rows());
    response = full.submat(inner);
    grad = gradFull.submat(inner);
  }

  /** The noise sigma of the image inside {@code mask} (CV_8UC1, or null for all of it). */
  double sigma(Mat mask) {
    Mat region = mask == null ? null : mask.submat(inner);
    float[] g = Stats.sortedSample(Stats.sampled(grad, region));
    if (g.length < 16) {
      return Double.NaN;
    }
    double flatLimit = Stats.quantile(g, 0.5);
    Mat flat = mats.mat();
    Core.compare(grad, new Scalar(flatLimit), flat, Core.CMP_LE);
    if (region != null) {
      Core.bitwise_and(flat, region, flat);
    }
    if (Core.countNonZero(flat) < 16) {
      return Double.NaN;
    }
    return Math.sqrt(Math.PI / 2) / 6 * Core.mean(response, flat).val[0];
  }

  /**
   * The x and y Sobel gradients of the image after a 1-pixel Gaussian, and that smoothed image
   * (third).
   */
  static Mat[] fineGradients(Mat image, Mats mats) {
    Mat smooth = mats.mat();
    Imgproc.GaussianBlur(image, smooth, new Size(0, 0), 1.0);
    Mat gx = mats.mat();
    Mat gy = mats.mat();
    Imgproc.Sobel(smooth, gx, CvType.CV_32F, 1, 0);
    Imgproc.Sobel(smooth, gy, CvType.CV_32F, 0, 1);
    return new Mat[] {gx, gy, smooth};
  }

  /** One-off: the noise sigma of {@code image} inside {@code mask}. */
  static double sigma(Mat image, Mat mask, Mats mats) {
    return new Noise(image, mats).sigma(mask);
  }
}
