package org.roentgen.qc.domain;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.roentgen.contracts.InstanceQc.ThresholdSource;

/**
 * Blank images, exposure from the pixels and its agreement with the header's exposure index, and
 * saturation. See services/artifact-detection/README.md for each check's reference and defaults.
 */
final class ExposureChecks {
  private ExposureChecks() {}

  /**
   * Blank or near-blank: the structure in the field, the 99th percentile of the gradient after a
   * 0.4 mm Gaussian, in units of the pixel noise. Noise alone gives about 0.15; anatomy gives tens.
   * True when blank.
   */
  static boolean blank(Prepared p, Results r, double noiseSigma, double quantum, Mats mats) {
    long start = System.nanoTime();
    Mat field = p.workingField();
    // The 4-pixel Gaussian on a half-size copy (2 pixels there); the gradient then spans two
    // working pixels per step, so it is halved to stay per working pixel.
    Mat smooth = mats.mat();
    Imgproc.resize(field, smooth, new Size(0, 0), 0.5, 0.5, Imgproc.INTER_AREA);
    Imgproc.GaussianBlur(smooth, smooth, new Size(0, 0), 2.0);
    Mat gx = mats.mat();
    Mat gy = mats.mat();
    Imgproc.Sobel(smooth, gx, CvType.CV_32F, 1, 0, 3, 0.0625);
    Imgproc.Sobel(smooth, gy, CvType.CV_32F, 0, 1, 3, 0.0625);
    Mat grad = mats.mat();
    Core.magnitude(gx, gy, grad);
    int m = Math.min(2, Math.min(grad.rows(), grad.cols()) / 4);
    Mat inner = grad.submat(m, grad.rows() - m, m, grad.cols() - m);
    double p99 = Stats.quantile(Stats.sortedSample(Stats.sampled(inner, null)), 0.99);
    double noise = Double.isFinite(noiseSigma) ? Math.max(noiseSigma, quantum) : quantum;
    double score = p99 / noise;
    r.metric("blank.structure", score);
    boolean blank = false;
    if (r.enabled(CheckIds.BLANK)) {
      double t = r.threshold(CheckIds.BLANK);
      if (score < t) {
        blank = true;
        r.finding(
            CheckIds.BLANK,
            score,
            t,
            ThresholdSource.DEFAULT,
            p.fieldBox(),
            String.format(
                "no structure in the exposed field: edges reach %.2f times the pixel noise, below %.2f (blank or near-blank image)",
                score, t));
      }
    }
    r.time(CheckIds.BLANK, start);
    return blank;
  }

  /**
   * Exposure from the pixels: the median detector signal (1 - display brightness, as a share of the
   * detector's range) in the anatomy; under- and over-exposure against absolute limits; then the
   * signal per unit of the header's exposure index against the detector's calibration (the
   * station's history once it has enough, else the configured value).
   */
  static double exposure(Prepared p, Results r) {
    long start = System.nanoTime();
    Mat field = p.coarse != null ? p.coarse : p.workingField();
    Mat anatomy = p.coarse != null ? p.coarseAnatomy : p.anatomy;
    float[] display = Stats.sortedSample(Stats.sampled(field, anatomy));
    double median = 1 - Stats.quantile(display, 0.5);
    r.metric("exposure.signal-median", median);
    r.metric("exposure.signal-p05", 1 - Stats.quantile(display, 0.95));
    r.metric("exposure.signal-p95", 1 - Stats.quantile(display, 0.05));
    if (r.enabled(CheckIds.EXPOSURE_UNDER) && median < r.threshold(CheckIds.EXPOSURE_UNDER)) {
      double t = r.threshold(CheckIds.EXPOSURE_UNDER);
      r.finding(
          CheckIds.EXPOSURE_UNDER,
          median,
          t,
          ThresholdSource.DEFAULT,
          null,
          String.format(
              "median signal in the anatomy is %.1f%% of the detector range, below %.1f%% (underexposed: noisy, a repeat may be needed)",
              100 * median, 100 * t));
    }
    if (r.enabled(CheckIds.EXPOSURE_OVER) && median > r.threshold(CheckIds.EXPOSURE_OVER)) {
      double t = r.threshold(CheckIds.EXPOSURE_OVER);
      r.finding(
          CheckIds.EXPOSURE_OVER,
          median,
          t,
          ThresholdSource.DEFAULT,
          null,
          String.format(
              "median signal in the anatomy is %.1f%% of the detector range, above %.1f%% (overexposed: more dose than the image needs, ALARA)",
              100 * median, 100 * t));
    }
    r.time("exposure", start);
    start = System.nanoTime();
    indexMismatch(p, r, median);
    r.time(CheckIds.EXPOSURE_INDEX_MISMATCH, start);
    return median;
  }

  private static void indexMismatch(Prepared p, Results r, double signal) {
    ImageHeader h = p.header;
    Double ei = h.exposureIndex();
    if ((ei == null || !(ei > 0))
        && h.targetExposureIndex() != null
        && h.deviationIndex() != null) {
      // IEC 62494-1: DI = 10 log10(EI / EI_T)
      ei = h.targetExposureIndex() * Math.pow(10, h.deviationIndex() / 10);
    }
    if (ei == null || !(ei > 0) || !(signal > 0)) {
      return;
    }
    double perEi = signal / ei;
    r.metric("exposure.signal-per-ei", perEi);
    var baseline = r.baselineMedian("exposure.signal-per-ei");
    double expected = baseline.orElse(r.signalPerExposureIndex());
    ThresholdSource source =
        baseline.isPresent() ? ThresholdSource.BASELINE : ThresholdSource.DEFAULT;
    double db = 10 * Math.log10(perEi / expected);
    r.metric("exposure.index-mismatch-db", db);
    double t = r.threshold(CheckIds.EXPOSURE_INDEX_MISMATCH);
    if (r.enabled(CheckIds.EXPOSURE_INDEX_MISMATCH) && Math.abs(db) > t) {
      r.finding(
          CheckIds.EXPOSURE_INDEX_MISMATCH,
          Math.abs(db),
          t,
          source,
          null,
          String.format(
              "the pixels show %.1f dB %s signal than the header's exposure index %.0f implies (limit %.1f dB): EI, DI or the detector calibration is wrong",
              Math.abs(db), db > 0 ? "more" : "less", ei, t));
    }
  }

  /**
   * Saturation and clipping: the share of the field's pixels at either end of the stored range
   * (native pixels, the values as decoded).
   */
  static void saturation(Prepared p, Results r, Mats mats) {
    long start = System.nanoTime();
    DecodedImage img = p.image;
    Mat field = img.values().submat(p.fieldNative);
    double eps = (img.high() - img.low()) * 1e-6;
    Mat inside = mats.mat();
    Core.inRange(field, new Scalar(img.low() + eps), new Scalar(img.high() - eps), inside);
    Mat ends = mats.mat();
    Core.bitwise_not(inside, ends);
    int n = Core.countNonZero(ends);
    double share = (double) n / field.total();
    r.metric("saturation.fraction", share);
    double t = r.threshold(CheckIds.SATURATION);
    if (r.enabled(CheckIds.SATURATION) && share > t) {
      MatOfPoint points = mats.add(new MatOfPoint());
      Core.findNonZero(ends, points);
      Rect box = Imgproc.boundingRect(points);
      r.finding(
          CheckIds.SATURATION,
          share,
          t,
          ThresholdSource.DEFAULT,
          p.nativeBoxOfNativeField(box),
          String.format(
              "%.2f%% of the field is at the end of the detector range, above %.2f%% (saturated or clipped: no information there)",
              100 * share, 100 * t));
    }
    r.time(CheckIds.SATURATION, start);
  }
}
