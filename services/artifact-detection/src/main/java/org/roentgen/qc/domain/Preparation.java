package org.roentgen.qc.domain;

import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Makes a decoded image ready for the checks ({@link Prepared}): display brightness, the working
 * spacing, the exposed field; and the preview's window.
 */
final class Preparation {
  /** Below this many working pixels a side, only the pixel-value checks run. */
  static final int MIN_SIDE = 64;

  /** Collimator blade edges are this wide (mm): the field is taken this far inside them. */
  static final double EDGE_MM = 3;

  private Preparation() {}

  static Prepared prepare(ImageHeader header, DecodedImage image, QcSettings settings, Mats mats) {
    double lo = image.low();
    double hi = image.high();
    double span = hi > lo ? hi - lo : 1;
    // Display brightness in one pass: MONOCHROME1 shows its lowest value white.
    Mat display = mats.mat();
    if (image.monochrome1()) {
      image.values().convertTo(display, org.opencv.core.CvType.CV_32F, -1 / span, 1 + lo / span);
    } else {
      image.values().convertTo(display, org.opencv.core.CvType.CV_32F, 1 / span, -lo / span);
    }
    double[] spacing = header.pixelSpacingMm();
    double nativeSpacing =
        spacing == null ? settings.assumedSpacingMm() : (spacing[0] + spacing[1]) / 2;
    double scale = nativeSpacing / settings.workingSpacingMm();
    Mat working = mats.mat();
    int w = Math.max(1, (int) Math.round(display.cols() * scale));
    int h = Math.max(1, (int) Math.round(display.rows() * scale));
    if (Math.abs(scale - 1) < 0.02) {
      display.copyTo(working);
      scale = 1;
    } else {
      Imgproc.resize(
          display,
          working,
          new Size(w, h),
          0,
          0,
          scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
      scale = (double) working.cols() / display.cols();
    }
    Prepared p = new Prepared(header, image, scale, settings.workingSpacingMm());
    p.nativeDisplay = display;
    // The same matrix until the polarity check inverts the working copy (then it is copied first).
    p.nativeDisplayAsStored = display;
    p.working = working;
    Rect fieldWorking = new Rect(0, 0, working.cols(), working.rows());
    if (Math.min(working.rows(), working.cols()) >= MIN_SIDE) {
      float[] sorted = Stats.sortedSample(Stats.sampled(working, null));
      double spread = Stats.quantile(sorted, 0.99) - Stats.quantile(sorted, 0.01);
      int edge = (int) Math.round(EDGE_MM / settings.workingSpacingMm());
      FieldFinder.Field f = FieldFinder.find(working, spread, edge);
      fieldWorking = shrink(f.rect(), f.signs(), edge, working);
      p.collimationSign = collimationSign(f);
    }
    p.fieldWorking = fieldWorking;
    p.fieldNative = p.toNative(fieldWorking);
    return p;
  }

  /** +1 when the border beyond the blades is brighter than the field, -1 darker, 0 none. */
  private static int collimationSign(FieldFinder.Field f) {
    if (!f.collimated()) {
      return 0;
    }
    return f.outsideMean() > f.insideMean() ? 1 : -1;
  }

  private static Rect shrink(Rect r, int[] signs, int edge, Mat image) {
    int left = r.x + (signs[0] != 0 ? edge : 0);
    int right = r.x + r.width - (signs[1] != 0 ? edge : 0);
    int top = r.y + (signs[2] != 0 ? edge : 0);
    int bottom = r.y + r.height - (signs[3] != 0 ? edge : 0);
    if (right - left < 8 || bottom - top < 8) {
      return r;
    }
    return new Rect(left, top, right - left, bottom - top);
  }

  /** The preview's window: the field's 0.5 and 99.5 percentiles of the image as stored. */
  static double[] window(Prepared p, Mats mats) {
    Mat field = p.nativeDisplayAsStored.submat(p.fieldNative);
    float[] sorted = Stats.sortedSample(Stats.sampled(field, null));
    double lo = Stats.quantile(sorted, 0.005);
    double hi = Stats.quantile(sorted, 0.995);
    return hi > lo ? new double[] {lo, hi} : new double[] {0, 1};
  }
}
