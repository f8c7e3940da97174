package org.roentgen.qc.domain;

import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The transmission map of a synthetic body part (1 = air, lower = more attenuation): an elliptic
 * body whose thickness falls off towards the skin, soft-tissue texture, sometimes two lung-like
 * regions, and one to three long bones with a dense cortex and trabecular texture. All sizes in mm,
 * drawn at the given native spacing. No patient data: everything comes from the random seed.
 */
final class PhantomAnatomy {
  private PhantomAnatomy() {}

  /** The transmission (CV_32FC1) and the body mask (CV_8UC1) of a new anatomy. */
  record Map(Mat transmission, Mat body) {
    void release() {
      transmission.release();
      body.release();
    }
  }

  static Map draw(int cols, int rows, double spacing, Random rnd) {
    Mat body = Mat.zeros(rows, cols, CvType.CV_8UC1);
    Point centre =
        new Point(
            cols * (0.5 + 0.1 * (rnd.nextDouble() - 0.5)),
            rows * (0.5 + 0.1 * (rnd.nextDouble() - 0.5)));
    Size axes =
        new Size(cols * (0.26 + 0.14 * rnd.nextDouble()), rows * (0.30 + 0.30 * rnd.nextDouble()));
    double angle = 30 * (rnd.nextDouble() - 0.5);
    Imgproc.ellipse(
        body,
        new RotatedRect(centre, new Size(axes.width * 2, axes.height * 2), angle),
        new Scalar(255),
        -1);
    // Thickness: distance to the skin, normalised, as a dome.
    Mat distance = new Mat();
    Imgproc.distanceTransform(body, distance, Imgproc.DIST_L2, 5);
    double max = Core.minMaxLoc(distance).maxVal;
    Mat thickness = new Mat();
    distance.convertTo(thickness, CvType.CV_32F, 1 / Math.max(1, max));
    Core.sqrt(thickness, thickness);
    double mu = 0.6 + 0.6 * rnd.nextDouble();
    Mat t = new Mat();
    thickness.convertTo(t, CvType.CV_32F, -mu);
    Core.exp(t, t);
    // The skin: a step of 12-18% at the body's edge.
    Mat transmission = new Mat(rows, cols, CvType.CV_32FC1, new Scalar(1));
    double skin = 0.82 + 0.06 * rnd.nextDouble();
    Mat inside = new Mat();
    t.convertTo(inside, CvType.CV_32F, skin);
    inside.copyTo(transmission, body);
    // Soft-tissue texture: smooth variation of +-5% and fine structure (vessels, fat) of +-3%.
    multiplyTexture(transmission, body, 8 / spacing, 0.05, rnd);
    multiplyTexture(transmission, body, 1 / spacing, 0.03, rnd);
    if (rnd.nextBoolean()) {
      lungs(transmission, body, centre, axes, angle, rnd);
    }
    int bones = 1 + rnd.nextInt(3);
    for (int i = 0; i < bones; i++) {
      bone(transmission, body, centre, axes, spacing, rnd);
    }
    distance.release();
    thickness.release();
    t.release();
    inside.release();
    return new Map(transmission, body);
  }

  private static void lungs(
      Mat transmission, Mat body, Point c, Size axes, double angle, Random rnd) {
    for (int side = -1; side <= 1; side += 2) {
      Mat region = Mat.zeros(transmission.size(), CvType.CV_8UC1);
      Point p = new Point(c.x + side * axes.width * 0.45, c.y - axes.height * 0.1);
      Imgproc.ellipse(
          region,
          new RotatedRect(p, new Size(axes.width * 0.6, axes.height * 1.1), angle),
          new Scalar(255),
          -1);
      Core.bitwise_and(region, body, region);
      Mat lifted = new Mat();
      transmission.convertTo(lifted, CvType.CV_32F, 1.4 + 0.2 * rnd.nextDouble());
      Core.min(lifted, new Scalar(0.95), lifted);
      lifted.copyTo(transmission, region);
      region.release();
      lifted.release();
    }
  }

  private static void bone(
      Mat transmission, Mat body, Point c, Size axes, double spacing, Random rnd) {
    double width = (12 + 16 * rnd.nextDouble()) / spacing;
    double length = (60 + 140 * rnd.nextDouble()) / spacing;
    Point p =
        new Point(
            c.x + axes.width * 0.5 * (rnd.nextDouble() - 0.5),
            c.y + axes.height * 0.5 * (rnd.nextDouble() - 0.5));
    double angle = 180 * rnd.nextDouble();
    RotatedRect shape = new RotatedRect(p, new Size(width, length), angle);
    Mat outer = Mat.zeros(transmission.size(), CvType.CV_8UC1);
    Imgproc.ellipse(outer, shape, new Scalar(255), -1);
    Core.bitwise_and(outer, body, outer);
    Mat innerMask = Mat.zeros(transmission.size(), CvType.CV_8UC1);
    double cortex = (1.5 + 1.5 * rnd.nextDouble()) / spacing;
    Imgproc.ellipse(
        innerMask,
        new RotatedRect(
            p, new Size(Math.max(2, width - 2 * cortex), Math.max(2, length - 2 * cortex)), angle),
        new Scalar(255),
        -1);
    Core.bitwise_and(innerMask, outer, innerMask);
    // Bone passes 55-75% of what the tissue around it passes; the cortex a further 70-80%.
    Mat denser = new Mat();
    transmission.convertTo(denser, CvType.CV_32F, 0.55 + 0.2 * rnd.nextDouble());
    denser.copyTo(transmission, outer);
    Mat cortexRing = new Mat();
    Core.subtract(outer, innerMask, cortexRing);
    transmission.convertTo(denser, CvType.CV_32F, 0.7 + 0.1 * rnd.nextDouble());
    denser.copyTo(transmission, cortexRing);
    multiplyTexture(transmission, innerMask, 0.5 / spacing, 0.08, rnd);
    outer.release();
    innerMask.release();
    denser.release();
    cortexRing.release();
  }

  /** Multiplies the masked region by 1 + amplitude x (Gaussian-smoothed noise of unit sigma). */
  static void multiplyTexture(Mat image, Mat mask, double sigmaPx, double amplitude, Random rnd) {
    Mat noise = new Mat(image.size(), CvType.CV_32FC1);
    Core.setRNGSeed(rnd.nextInt());
    Core.randn(noise, 0, 1);
    Imgproc.GaussianBlur(noise, noise, new Size(0, 0), Math.max(0.5, sigmaPx));
    org.opencv.core.MatOfDouble m = new org.opencv.core.MatOfDouble();
    org.opencv.core.MatOfDouble sd = new org.opencv.core.MatOfDouble();
    Core.meanStdDev(noise, m, sd);
    double s = sd.toArray()[0];
    noise.convertTo(noise, CvType.CV_32F, amplitude / Math.max(1e-9, s), 1);
    Mat product = new Mat();
    Core.multiply(image, noise, product);
    product.copyTo(image, mask);
    noise.release();
    product.release();
    m.release();
    sd.release();
  }
}
