package org.roentgen.qc.domain;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.roentgen.contracts.InstanceQc.Box;
import org.roentgen.contracts.InstanceQc.ThresholdSource;
import org.roentgen.contracts.InstanceQc.Verdict;

/**
 * The checks on one decoded image, in order: the image is turned into display brightness and
 * resampled to the working spacing; the exposed field is found; a blank field ends the checks; then
 * polarity (and the image is corrected if inverted), the anatomy, exposure, saturation, blur,
 * noise, grid lines, detector defects and foreign objects; last the preview.
 */
final class ImageChecks {
  private ImageChecks() {}

  static Analysis run(
      ImageHeader header,
      DecodedImage image,
      QcSettings settings,
      Baselines baselines,
      long decodeNanos) {
    Results r = new Results(settings, baselines, header.station(), header.protocol());
    r.nanos.put("decode", decodeNanos);
    try (Mats mats = new Mats()) {
      long start = System.nanoTime();
      Prepared p = Preparation.prepare(header, image, settings, mats);
      r.time("prepare", start);
      Box field = p.fieldBox();
      boolean small = Math.min(p.working.rows(), p.working.cols()) < Preparation.MIN_SIDE;
      double[] window = Preparation.window(p, mats);
      if (small) {
        p.anatomy = full(p.workingField(), mats);
        ExposureChecks.exposure(p, r);
        ExposureChecks.saturation(p, r, mats);
      } else {
        structural(p, r, settings, mats);
      }
      start = System.nanoTime();
      // The preview shows the image as stored: the working copy (a quarter of the native pixels
      // or fewer) unless the polarity check turned it.
      Analysis.PreviewImage preview =
          PreviewRenderer.render(
              p.nativeDisplay == p.nativeDisplayAsStored ? p.working : p.nativeDisplayAsStored,
              image.columns(),
              image.rows(),
              field,
              r.findings,
              settings.previewSize(),
              window[0],
              window[1],
              mats);
      r.time("preview", start);
      return new Analysis(
          Verdict.of(r.findings), null, r.metrics, r.findings, field, preview, r.nanos);
    }
  }

  private static void structural(Prepared p, Results r, QcSettings settings, Mats mats) {
    double quantum = 1 / Math.max(1, p.image.high() - p.image.low());
    long start = System.nanoTime();
    Mat[] fineGradients = Noise.fineGradients(p.workingField(), mats);
    Noise fieldNoise = new Noise(p.workingField(), fineGradients, mats);
    double noise = fieldNoise.sigma(null);
    r.time("noise-estimate", start);
    if (ExposureChecks.blank(p, r, noise, quantum, mats)) {
      ExposureChecks.saturation(p, r, mats);
      return;
    }
    start = System.nanoTime();
    // Polarity and anatomy need no fine detail: they run on a half-size copy of the working field
    // (0.4 mm), a quarter of the pixels; the anatomy mask is then brought back to full size.
    Mat coarse = mats.mat();
    Imgproc.resize(p.workingField(), coarse, new Size(0, 0), 0.5, 0.5, Imgproc.INTER_AREA);
    if (Math.min(coarse.rows(), coarse.cols()) < 16) {
      p.workingField().copyTo(coarse);
    }
    p.coarse = coarse;
    float[] sorted = Stats.sortedSample(Stats.sampled(coarse, null));
    Anatomy.Result polarity =
        Anatomy.classify(
            coarse,
            Math.max(Stats.quantile(sorted, 0.005), 1e-3),
            Math.min(Stats.quantile(sorted, 0.995), 1 - 1e-3),
            p.collimationSign,
            new Noise(coarse, mats),
            mats);
    double threshold = polarity.threshold();
    boolean turned = false;
    r.metric("inverted.score", polarity.invertedScore());
    if (r.enabled(CheckIds.INVERTED)
        && Double.isFinite(polarity.invertedScore())
        && polarity.invertedScore() >= r.threshold(CheckIds.INVERTED)) {
      r.finding(
          CheckIds.INVERTED,
          polarity.invertedScore(),
          r.threshold(CheckIds.INVERTED),
          ThresholdSource.DEFAULT,
          null,
          "the image's polarity is inverted: "
              + (polarity.airIsBright() ? "the air beside the body is brighter than the body" : "")
              + (polarity.airIsBright() && p.collimationSign < 0 ? " and " : "")
              + (p.collimationSign < 0 ? "the collimated border is darker than the field" : "")
              + " (PhotometricInterpretation "
              + p.header.photometricInterpretation()
              + " does not match the pixels)");
      invert(p.working);
      invert(coarse);
      p.nativeDisplay = mats.mat();
      p.nativeDisplayAsStored.copyTo(p.nativeDisplay);
      invert(p.nativeDisplay);
      threshold = 1 - threshold;
      turned = true;
    }
    p.coarseAnatomy = Anatomy.mask(coarse, threshold, polarity.separated(), mats);
    // Clipped pixels carry no signal to measure: never anatomy.
    Mat unclipped = mats.mat();
    Core.inRange(coarse, new Scalar(0.002), new Scalar(0.998), unclipped);
    Core.bitwise_and(p.coarseAnatomy, unclipped, p.coarseAnatomy);
    p.anatomy = mats.mat();
    Imgproc.resize(
        p.coarseAnatomy, p.anatomy, p.workingField().size(), 0, 0, Imgproc.INTER_NEAREST);
    r.time(CheckIds.INVERTED, start);
    double signal = ExposureChecks.exposure(p, r);
    ExposureChecks.saturation(p, r, mats);
    sharpness(p, r, fineGradients, mats);
    noise(p, r, signal, fieldNoise);
    boolean periodic = grid(p, r, mats);
    defects(p, r, periodic, mats);
    foreignObjects(p, r, signal, fineGradients[2], turned, mats);
  }

  private static void sharpness(Prepared p, Results r, Mat[] fineGradients, Mats mats) {
    long start = System.nanoTime();
    double s = SharpnessCheck.sharpness(p.workingField(), fineGradients, mats);
    r.metric("sharpness", s);
    Results.Threshold t = r.lowIsBad(CheckIds.BLUR, "sharpness");
    if (r.enabled(CheckIds.BLUR) && Double.isFinite(s) && s < t.value()) {
      r.finding(
          CheckIds.BLUR,
          s,
          t.value(),
          t.source(),
          null,
          String.format(
              "edges are soft: sharpness %.2f below %.2f%s (blur or patient motion)",
              s,
              t.value(),
              t.source() == ThresholdSource.BASELINE
                  ? ", this station and protocol's usual low"
                  : ""));
    }
    r.time(CheckIds.BLUR, start);
  }

  private static void noise(Prepared p, Results r, double signal, Noise fieldNoise) {
    long start = System.nanoTime();
    double sigma = fieldNoise.sigma(p.anatomy);
    double relative = signal > 0 ? sigma / signal : Double.NaN;
    r.metric("noise.sigma", sigma);
    r.metric("noise.relative-sigma", relative);
    Results.Threshold t = r.highIsBad(CheckIds.NOISE, "noise.relative-sigma");
    if (r.enabled(CheckIds.NOISE) && Double.isFinite(relative) && relative > t.value()) {
      r.finding(
          CheckIds.NOISE,
          relative,
          t.value(),
          t.source(),
          null,
          String.format(
              "noise is %.1f%% of the signal in the anatomy, above %.1f%%%s (quantum mottle or electronic noise)",
              100 * relative,
              100 * t.value(),
              t.source() == ThresholdSource.BASELINE
                  ? ", this station and protocol's usual high"
                  : ""));
    }
    r.time(CheckIds.NOISE, start);
  }

  /** True when periodic lines were found (then line defects are not looked for). */
  private static boolean grid(Prepared p, Results r, Mats mats) {
    long start = System.nanoTime();
    GridLinesCheck.Peak peak = GridLinesCheck.measure(p.nativeField(), mats);
    r.metric("grid.peak-ratio", peak.ratio());
    double t = r.threshold(CheckIds.GRID_LINES);
    if (r.enabled(CheckIds.GRID_LINES) && peak.ratio() > t) {
      r.finding(
          CheckIds.GRID_LINES,
          peak.ratio(),
          t,
          ThresholdSource.DEFAULT,
          p.fieldBox(),
          String.format(
              "periodic %s lines at %.3f cycles per pixel stand %.0f times above the spectrum around them (grid lines or moire)",
              peak.direction() == 0 ? "vertical" : "horizontal",
              peak.cyclesPerPixel(),
              peak.ratio()));
    }
    r.time(CheckIds.GRID_LINES, start);
    return peak.ratio() > t;
  }

  private static void defects(Prepared p, Results r, boolean periodic, Mats mats) {
    long start = System.nanoTime();
    double t = r.threshold(CheckIds.DETECTOR_DEFECT);
    List<DefectsCheck.Defect> found = DefectsCheck.find(p.nativeField(), t, !periodic, mats);
    r.metric("defect.line-score", DefectsCheck.lineScore(found));
    r.metric("defect.count", found.size());
    if (r.enabled(CheckIds.DETECTOR_DEFECT)) {
      for (DefectsCheck.Defect d : found) {
        boolean cluster = d.kind().equals("cluster");
        r.finding(
            CheckIds.DETECTOR_DEFECT,
            d.score(),
            cluster ? DefectsCheck.CLUSTER_SIGMA : DefectsCheck.LINE_COVERAGE,
            ThresholdSource.DEFAULT,
            p.nativeBoxOfNativeField(d.where()),
            cluster
                ? String.format(
                    "a cluster of %dx%d pixels differs from its surroundings by %.0f noise sigma (dead or stuck pixels)",
                    d.where().width, d.where().height, d.score())
                : String.format(
                    "a %s differs from its neighbours by more than %.0f noise sigma along %.0f%% of its length (dead, stuck or mis-calibrated %s)",
                    d.kind(), t, 100 * d.score(), d.kind()));
      }
    }
    r.time(CheckIds.DETECTOR_DEFECT, start);
  }

  private static void foreignObjects(
      Prepared p, Results r, double signal, Mat smooth, boolean turned, Mats mats) {
    long start = System.nanoTime();
    double t = r.threshold(CheckIds.FOREIGN_OBJECT);
    double factor = 1;
    // 1 - the polarity-corrected brightness, smoothed: the noise estimate's smoothed copy serves,
    // taken as it is when the polarity was turned (1 - (1 - x) = x).
    Mat smoothSignal = smooth;
    if (!turned) {
      smoothSignal = mats.mat();
      smooth.convertTo(smoothSignal, -1, -1, 1);
    }
    List<ForeignObjectCheck.Found> found =
        ForeignObjectCheck.find(smoothSignal, p.anatomy, signal, t, p.workingSpacingMm, mats);
    r.metric("foreign-object.count", found.size());
    if (r.enabled(CheckIds.FOREIGN_OBJECT)) {
      for (ForeignObjectCheck.Found f : found) {
        r.finding(
            CheckIds.FOREIGN_OBJECT,
            f.density(),
            t,
            ThresholdSource.DEFAULT,
            p.nativeBoxOfWorkingField(scale(f.where(), factor)),
            String.format(
                "a compact object of %.0f x %.0f mm inside the anatomy stops %.0f%% of the X-rays that reach the anatomy around it (metal: jewellery, clips, buttons?)",
                f.where().width * p.workingSpacingMm * factor,
                f.where().height * p.workingSpacingMm * factor,
                100 * (1 - Math.exp(-f.density()))));
      }
    }
    r.time(CheckIds.FOREIGN_OBJECT, start);
  }

  /**
   * The anatomy's parts, each as its convex hull: holes (lungs, an object that stops everything)
   * and bays of the outline belong to the body; the air beside it does not.
   */
  private static Mat filled(Mat anatomy, Mats mats) {
    java.util.List<org.opencv.core.MatOfPoint> contours = new java.util.ArrayList<>();
    Mat hierarchy = mats.mat();
    Imgproc.findContours(
        anatomy, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
    java.util.List<org.opencv.core.MatOfPoint> hulls = new java.util.ArrayList<>();
    for (org.opencv.core.MatOfPoint c : contours) {
      org.opencv.core.MatOfInt index = new org.opencv.core.MatOfInt();
      Imgproc.convexHull(c, index);
      org.opencv.core.Point[] points = c.toArray();
      int[] at = index.toArray();
      org.opencv.core.Point[] hull = new org.opencv.core.Point[at.length];
      for (int i = 0; i < at.length; i++) {
        hull[i] = points[at[i]];
      }
      hulls.add(new org.opencv.core.MatOfPoint(hull));
      index.release();
      c.release();
    }
    Mat out = mats.add(Mat.zeros(anatomy.size(), org.opencv.core.CvType.CV_8UC1));
    Imgproc.drawContours(out, hulls, -1, new Scalar(255), -1);
    hulls.forEach(Mat::release);
    return out;
  }

  private static Mat full(Mat field, Mats mats) {
    Mat m = mats.mat();
    m.create(field.size(), org.opencv.core.CvType.CV_8UC1);
    m.setTo(new Scalar(255));
    return m;
  }

  private static Rect scale(Rect r, double f) {
    return new Rect(
        (int) Math.floor(r.x * f),
        (int) Math.floor(r.y * f),
        (int) Math.ceil(r.width * f),
        (int) Math.ceil(r.height * f));
  }

  static void invert(Mat m) {
    m.convertTo(m, -1, -1, 1);
  }
}
