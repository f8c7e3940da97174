package org.roentgen.qc.domain;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Foreign objects (metal): compact regions that stop nearly all X-rays, inside the anatomy. The
 * score is the region's attenuation relative to the anatomy, ln(median anatomy signal / region
 * signal), an optical density that does not depend on the exposure: bone stays below about 1.4 (it
 * passes a quarter of what soft tissue passes or more), metal exceeds 2. Regions of at least 4
 * mm^2, not elongated (bounding box at most 8:1), filling at least 12% of their box (a ring does),
 * not touching the field's edge, with their centre in the anatomy (side markers lie in the air
 * beside it).
 */
final class ForeignObjectCheck {
  static final double MIN_AREA_MM2 = 8;
  static final double MAX_ASPECT = 8;
  static final double MIN_FILL = 0.12;
  static final int MAX_OBJECTS = 10;

  /** One object: where in the working field, and its optical density. */
  record Found(Rect where, double density) {}

  private ForeignObjectCheck() {}

  /**
   * @param signal the working field's signal (1 - display brightness, polarity corrected) after a
   *     1-pixel Gaussian; read, not changed
   * @param anatomy the anatomy mask of the field
   * @param anatomySignal the median signal (1 - brightness) in the anatomy
   */
  static List<Found> find(
      Mat signal,
      Mat anatomy,
      double anatomySignal,
      double threshold,
      double spacingMm,
      Mats mats) {
    List<Found> out = new ArrayList<>();
    if (!(anatomySignal > 0) || signal.rows() < 16 || signal.cols() < 16) {
      return out;
    }
    double limit = anatomySignal * Math.exp(-threshold);
    double airSignal = Stats.quantile(Stats.sortedSample(Stats.sampled(signal, null)), 0.995);
    Mat candidate = mats.mat();
    Imgproc.threshold(signal, candidate, limit, 255, Imgproc.THRESH_BINARY_INV);
    Mat mask = mats.mat();
    candidate.convertTo(mask, CvType.CV_8U);
    Mat near = anatomy;
    Mat labels = mats.mat();
    Mat stats = mats.mat();
    Mat centroids = mats.mat();
    int n =
        Imgproc.connectedComponentsWithStatsWithAlgorithm(
            mask, labels, stats, centroids, 8, CvType.CV_32S, Imgproc.CCL_SPAGHETTI);
    double minArea = MIN_AREA_MM2 / (spacingMm * spacingMm);
    double maxArea = 0.2 * signal.total();
    Mat component = mats.mat();
    for (int c = 1; c < n; c++) {
      int area = (int) stats.get(c, Imgproc.CC_STAT_AREA)[0];
      int x = (int) stats.get(c, Imgproc.CC_STAT_LEFT)[0];
      int y = (int) stats.get(c, Imgproc.CC_STAT_TOP)[0];
      int w = (int) stats.get(c, Imgproc.CC_STAT_WIDTH)[0];
      int h = (int) stats.get(c, Imgproc.CC_STAT_HEIGHT)[0];
      if (area < minArea || area > maxArea) {
        continue;
      }
      if (x <= 1 || y <= 1 || x + w >= signal.cols() - 1 || y + h >= signal.rows() - 1) {
        continue;
      }
      double aspect = (double) Math.max(w, h) / Math.min(w, h);
      if (aspect > MAX_ASPECT || area < MIN_FILL * w * h) {
        continue;
      }
      int cx = (int) Math.round(centroids.get(c, 0)[0]);
      int cy = (int) Math.round(centroids.get(c, 1)[0]);
      Rect where = new Rect(x, y, w, h);
      if (near.get(cy, cx)[0] == 0 && !tissueAround(signal, where, airSignal, mats)) {
        continue;
      }
      Core.compare(labels.submat(where), new Scalar(c), component, Core.CMP_EQ);
      double regionSignal = Math.max(1e-6, Core.mean(signal.submat(where), component).val[0]);
      out.add(new Found(where, Math.log(anatomySignal / regionSignal)));
    }
    out.sort((a, b) -> Double.compare(b.density(), a.density()));
    return out.size() > MAX_OBJECTS ? out.subList(0, MAX_OBJECTS) : out;
  }

  /**
   * True when the ring around the box (2 to 6 pixels out) is mostly tissue: its median signal below
   * 75% of the field's air level. A side marker lies in air; a foreign object on or in the body is
   * surrounded by tissue even where the anatomy classes leave it out.
   */
  private static boolean tissueAround(Mat signal, Rect r, double airSignal, Mats mats) {
    Rect outer = new Rect(r.x - 6, r.y - 6, r.width + 12, r.height + 12);
    if (outer.x < 0
        || outer.y < 0
        || outer.x + outer.width > signal.cols()
        || outer.y + outer.height > signal.rows()) {
      return false;
    }
    Mat ring = mats.add(new Mat(outer.size(), CvType.CV_8UC1, new Scalar(255)));
    ring.submat(new Rect(4, 4, r.width + 4, r.height + 4)).setTo(new Scalar(0));
    float[] values = Stats.sortedSample(Stats.sampled(signal.submat(outer), ring));
    return Stats.quantile(values, 0.5) < 0.75 * airSignal;
  }
}
