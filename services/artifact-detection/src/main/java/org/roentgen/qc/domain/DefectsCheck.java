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
 * Detector defects at native resolution. Lines: each pixel against the median of itself and its two
 * neighbours across the line's direction; a column (row) where at least 30% of the pixels differ
 * the same way by more than the threshold times the residuals' robust sigma is a dead, stuck or
 * mis-calibrated line. When more than 5% of lines qualify the pattern is periodic (grid lines), not
 * a defect. Clusters: the image against its 5x5 median; groups of 3 or more pixels more than 6
 * robust sigma away, whose surrounding ring is smooth (standard deviation under 3 sigma) and which
 * differ from that ring by more than 6 sigma.
 */
final class DefectsCheck {
  static final double LINE_COVERAGE = 0.5;
  static final double MAX_LINE_SHARE = 0.05;
  static final double CLUSTER_SIGMA = 6;
  static final double CLUSTER_CONTRAST = 10;
  static final int CLUSTER_MIN_PIXELS = 3;
  static final int MAX_FINDINGS = 20;
  static final int MAX_CANDIDATES = 400;

  /** One defect: a line (column or row) or a cluster, in native field coordinates. */
  record Defect(String kind, Rect where, double score) {}

  private DefectsCheck() {}

  /**
   * @param withLines false when the image has periodic lines (grid lines): its columns or rows then
   *     differ from their neighbours by design, and only clusters are looked for
   */
  static List<Defect> find(Mat nativeField, double sigmas, boolean withLines, Mats mats) {
    List<Defect> out = new ArrayList<>();
    if (nativeField.rows() < 16 || nativeField.cols() < 16) {
      return out;
    }
    if (withLines) {
      lines(nativeField, true, sigmas, out, mats);
      lines(nativeField, false, sigmas, out, mats);
    }
    clusters(nativeField, out, mats);
    return out.size() > MAX_FINDINGS ? out.subList(0, MAX_FINDINGS) : out;
  }

  /** The largest line coverage, for the metric. */
  static double lineScore(List<Defect> defects) {
    return defects.stream()
        .filter(d -> !d.kind().equals("cluster"))
        .mapToDouble(Defect::score)
        .max()
        .orElse(0);
  }

  private static void lines(Mat full, boolean columns, double sigmas, List<Defect> out, Mats mats) {
    // A line runs the whole way: every 4th pixel along it tells its coverage as well as all do.
    Mat field = mats.mat();
    org.opencv.core.Size along =
        columns
            ? new org.opencv.core.Size(full.cols(), Math.max(8, full.rows() / 4))
            : new org.opencv.core.Size(Math.max(8, full.cols() / 4), full.rows());
    Imgproc.resize(full, field, along, 0, 0, Imgproc.INTER_NEAREST);
    int w = field.cols();
    int h = field.rows();
    Mat a = columns ? field.colRange(0, w - 2) : field.rowRange(0, h - 2);
    Mat b = columns ? field.colRange(1, w - 1) : field.rowRange(1, h - 1);
    Mat c = columns ? field.colRange(2, w) : field.rowRange(2, h);
    Mat lo = mats.mat();
    Mat hi = mats.mat();
    Core.min(a, b, lo);
    Core.max(a, b, hi);
    Core.min(hi, c, hi);
    Mat median = mats.mat();
    Core.max(lo, hi, median);
    Mat residual = mats.mat();
    Core.subtract(b, median, residual);
    double sigma = Math.max(1e-5, Stats.robustSigmaSampled(residual));
    Mat above = mats.mat();
    Mat below = mats.mat();
    Core.compare(residual, new Scalar(sigmas * sigma), above, Core.CMP_GT);
    Core.compare(residual, new Scalar(-sigmas * sigma), below, Core.CMP_LT);
    Mat upCount = mats.mat();
    Mat downCount = mats.mat();
    int dim = columns ? 0 : 1;
    // 255 per pixel beyond the limit: the sums are divided by 255 below.
    Stats.reduce(above, upCount, dim, Core.REDUCE_SUM, CvType.CV_32F);
    Stats.reduce(below, downCount, dim, Core.REDUCE_SUM, CvType.CV_32F);
    int n = (int) upCount.total();
    float[] up = new float[n];
    float[] down = new float[n];
    upCount.reshape(1, 1).get(0, 0, up);
    downCount.reshape(1, 1).get(0, 0, down);
    int length = columns ? h : w;
    List<Defect> found = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double coverage = Math.max(up[i], down[i]) / 255.0 / length;
      if (coverage >= LINE_COVERAGE) {
        int at = i + 1;
        Rect where = columns ? new Rect(at, 0, 1, full.rows()) : new Rect(0, at, full.cols(), 1);
        found.add(new Defect(columns ? "column" : "row", where, coverage));
      }
    }
    if (found.size() <= Math.max(1, MAX_LINE_SHARE * n)) {
      out.addAll(found);
    }
  }

  private static void clusters(Mat field, List<Defect> out, Mats mats) {
    // On 16-bit copies: the 5x5 median is a third faster than on floats, and 1/65535 of the range
    // is far below any detector's noise.
    Mat quantised = mats.mat();
    field.convertTo(quantised, CvType.CV_16U, 65535);
    Mat median = mats.mat();
    Imgproc.medianBlur(quantised, median, 5);
    Mat absResidual = mats.mat();
    Core.absdiff(quantised, median, absResidual);
    // A median filter's residual is centred on zero: its median absolute value is the MAD.
    double sigmaQ = Math.max(65535 * 1e-5, 1.4826 * Stats.medianSampled(absResidual));
    double sigma = sigmaQ / 65535;
    Mat mask = mats.mat();
    Core.compare(absResidual, new Scalar(CLUSTER_SIGMA * sigmaQ), mask, Core.CMP_GT);
    int[] all = Components.of(mask, mats);
    int n = all.length / Components.FIELDS;
    if (n == 0) {
      return;
    }
    // Pixels at either end of the range: a clipped region's ragged edge is saturation, not defects.
    float[] sample = Stats.sampled(field, null);
    int clipped = 0;
    for (float v : sample) {
      if (v <= 1e-6f || v >= 1 - 1e-6f) {
        clipped++;
      }
    }
    double clippedShare = sample.length == 0 ? 0 : (double) clipped / sample.length;
    // At most MAX_CANDIDATES of cluster size, the largest first, are tested further (a noisy image
    // can have thousands of specks, a detector a few).
    List<int[]> candidates = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      int x = all[c * Components.FIELDS];
      int y = all[c * Components.FIELDS + 1];
      int w = all[c * Components.FIELDS + 2];
      int h = all[c * Components.FIELDS + 3];
      int area = all[c * Components.FIELDS + 4];
      // single pixels; one-pixel lines (the line search's); large regions are not clusters
      if (area >= CLUSTER_MIN_PIXELS && w >= 2 && h >= 2 && w <= 12 && h <= 12) {
        candidates.add(new int[] {x, y, w, h, area});
      }
    }
    candidates.sort((p, q) -> Integer.compare(q[4], p[4]));
    for (int[] k : candidates.subList(0, Math.min(MAX_CANDIDATES, candidates.size()))) {
      if (out.size() >= MAX_FINDINGS) {
        break;
      }
      int x = k[0];
      int y = k[1];
      int w = k[2];
      int h = k[3];
      int area = k[4];
      Rect around = new Rect(x - 8, y - 8, w + 16, h + 16);
      if (around.x < 0
          || around.y < 0
          || around.x + around.width > field.cols()
          || around.y + around.height > field.rows()) {
        continue;
      }
      float[] patch = new float[around.width * around.height];
      field.submat(around).get(0, 0, patch);
      Defect d = cluster(patch, around.width, x, y, w, h, area, sigma, clippedShare);
      if (d != null) {
        out.add(d);
      }
    }
  }

  /**
   * Tests one candidate from the 8-pixel neighbourhood around its box ({@code patch}, row-major,
   * {@code stride} wide, the box at (8, 8)): the ring 1 to 2 pixels out must be smooth and the box
   * must differ from it; clipped boxes in images with clipping, or among clipped pixels, are left
   * to the saturation check.
   */
  private static Defect cluster(
      float[] patch,
      int stride,
      int x,
      int y,
      int w,
      int h,
      int area,
      double sigma,
      double clippedShare) {
    int boxClipped = 0;
    int nearClipped = 0;
    double boxSum = 0;
    double ringSum = 0;
    double ringSquares = 0;
    int ringCount = 0;
    int rows = patch.length / stride;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < stride; c++) {
        float v = patch[r * stride + c];
        boolean end = v <= 1e-6f || v >= 1 - 1e-6f;
        int dx = c < 8 ? 8 - c : c >= 8 + w ? c - (8 + w - 1) : 0;
        int dy = r < 8 ? 8 - r : r >= 8 + h ? r - (8 + h - 1) : 0;
        int distance = Math.max(dx, dy);
        if (distance == 0) {
          boxSum += v;
          boxClipped += end ? 1 : 0;
        } else {
          nearClipped += end ? 1 : 0;
          if (distance == 2) {
            ringSum += v;
            ringSquares += (double) v * v;
            ringCount++;
          }
        }
      }
    }
    if (nearClipped + boxClipped > 2 * area) {
      return null; // the ragged edge of a clipped region
    }
    if (boxClipped * 2 > w * h && clippedShare > 0.001) {
      return null; // a clipped speck in an image with clipping
    }
    double ringMean = ringSum / ringCount;
    double ringStd = Math.sqrt(Math.max(0, ringSquares / ringCount - ringMean * ringMean));
    double contrast = Math.abs(boxSum / (w * h) - ringMean) / sigma;
    if (ringStd < 3 * sigma && contrast > CLUSTER_CONTRAST) {
      return new Defect("cluster", new Rect(x, y, w, h), contrast);
    }
    return null;
  }
}
