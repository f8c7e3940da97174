package org.roentgen.qc.domain;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Pixel noise: Immerkaer's estimator (J. Immerkaer, "Fast noise variance estimation", Computer
 * Vision and Image Understanding 64(2), 1996): the mean absolute response to a mask that cancels
 * every linear trend, times sqrt(pi/2)/6, taken over the flattest half of the region (lowest
 * gradient after a 1.5-pixel Gaussian) so that edges and texture do not count as noise.
 */
final class Noise {
  private Noise() {}

  /** The noise sigma of {@code image} (CV_32FC1) inside {@code mask} (CV_8UC1 or null). */
  static double sigma(Mat image, Mat mask, Mats mats) {
    Mat kernel = mats.add(new Mat(3, 3, CvType.CV_32F));
    kernel.put(0, 0, 1, -2, 1, -2, 4, -2, 1, -2, 1);
    Mat response = mats.mat();
    Imgproc.filter2D(image, response, CvType.CV_32F, kernel);
    Core.absdiff(response, new Scalar(0), response);
    Mat smooth = mats.mat();
    Imgproc.GaussianBlur(image, smooth, new Size(0, 0), 1.5);
    Mat gx = mats.mat();
    Mat gy = mats.mat();
    Imgproc.Sobel(smooth, gx, CvType.CV_32F, 1, 0);
    Imgproc.Sobel(smooth, gy, CvType.CV_32F, 0, 1);
    Mat grad = mats.mat();
    Core.magnitude(gx, gy, grad);
    Mat region = mats.mat();
    if (mask == null) {
      region.create(image.size(), CvType.CV_8UC1);
      region.setTo(new Scalar(255));
    } else {
      mask.copyTo(region);
    }
    // The mask's 3x3 response is wrong on the image border: leave a one-pixel frame out.
    Imgproc.rectangle(
        region,
        new org.opencv.core.Point(0, 0),
        new org.opencv.core.Point(image.cols() - 1, image.rows() - 1),
        new Scalar(0),
        1);
    if (Core.countNonZero(region) < 16) {
      return Double.NaN;
    }
    float[] g = Stats.sortedSample(Stats.values(grad, region));
    double flatLimit = Stats.quantile(g, 0.5);
    Mat flat = mats.mat();
    Core.compare(grad, new Scalar(flatLimit), flat, Core.CMP_LE);
    Core.bitwise_and(flat, region, flat);
    if (Core.countNonZero(flat) < 16) {
      return Double.NaN;
    }
    return Math.sqrt(Math.PI / 2) / 6 * Core.mean(response, flat).val[0];
  }
}
