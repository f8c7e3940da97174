package org.roentgen.qc.domain;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
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
    Mat kernel = mats.add(new Mat(3, 3, CvType.CV_32F));
    kernel.put(0, 0, 1, -2, 1, -2, 4, -2, 1, -2, 1);
    response = mats.mat();
    Imgproc.filter2D(image, response, CvType.CV_32F, kernel);
    Core.absdiff(response, new Scalar(0), response);
    // The mask's 3x3 response is wrong on the image border: a one-pixel frame is left out.
    Imgproc.rectangle(
        response,
        new Point(0, 0),
        new Point(image.cols() - 1, image.rows() - 1),
        new Scalar(-1),
        1);
    Mat[] g = fineGradients != null ? fineGradients : fineGradients(image, mats);
    grad = mats.mat();
    Core.magnitude(g[0], g[1], grad);
  }

  /** The noise sigma of the image inside {@code mask} (CV_8UC1, or null for all of it). */
  double sigma(Mat mask) {
    Mat region = mats.mat();
    Core.compare(response, new Scalar(0), region, Core.CMP_GE);
    if (mask != null) {
      Core.bitwise_and(region, mask, region);
    }
    if (Core.countNonZero(region) < 16) {
      return Double.NaN;
    }
    float[] g = Stats.sortedSample(Stats.sampled(grad, region));
    double flatLimit = Stats.quantile(g, 0.5);
    Mat flat = mats.mat();
    Core.compare(grad, new Scalar(flatLimit), flat, Core.CMP_LE);
    Core.bitwise_and(flat, region, flat);
    if (Core.countNonZero(flat) < 16) {
      return Double.NaN;
    }
    return Math.sqrt(Math.PI / 2) / 6 * Core.mean(response, flat).val[0];
  }

  /** The x and y Sobel gradients of the image after a 1-pixel Gaussian. */
  static Mat[] fineGradients(Mat image, Mats mats) {
    Mat smooth = mats.mat();
    Imgproc.GaussianBlur(image, smooth, new Size(0, 0), 1.0);
    Mat gx = mats.mat();
    Mat gy = mats.mat();
    Imgproc.Sobel(smooth, gx, CvType.CV_32F, 1, 0);
    Imgproc.Sobel(smooth, gy, CvType.CV_32F, 0, 1);
    return new Mat[] {gx, gy};
  }

  /** One-off: the noise sigma of {@code image} inside {@code mask}. */
  static double sigma(Mat image, Mat mask, Mats mats) {
    return new Noise(image, mats).sigma(mask);
  }
}
