package org.roentgen.qc.domain;

import java.util.Random;
import java.util.Set;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.roentgen.contracts.InstanceQc.Box;
import org.roentgen.qc.domain.PhantomGenerator.Build;

/**
 * The phantom set: clean images and each artifact at three strengths (grade 1 the weakest), with
 * their ground truth. Every strength is one a technologist would send back; grade 1 sits just past
 * what the default threshold allows.
 */
final class Phantoms {
  /** What can be injected: "clean" or a check id. */
  static final String CLEAN = "clean";

  private Phantoms() {}

  static Phantom make(String kind, int grade, long seed) {
    return make(kind, grade, seed, false);
  }

  /** As {@link #make}, at 2048 x 2048 and 0.14 mm (the benchmark's detector). */
  static Phantom make2048(String kind, int grade, long seed) {
    return make(kind, grade, seed, true);
  }

  private static Phantom make(String kind, int grade, long seed, boolean large) {
    Random rnd = new Random(seed);
    if (kind.equals(CheckIds.BLANK)) {
      return blank(grade, rnd, large);
    }
    Build b =
        large ? PhantomGenerator.anatomy(rnd, 2048, 2048, 0.14) : PhantomGenerator.anatomy(rnd);
    Set<String> truth = kind.equals(CLEAN) ? Set.of() : Set.of(kind);
    String label = kind.equals(CLEAN) ? CLEAN : kind + " grade " + grade;
    switch (kind) {
      case CLEAN -> {
        if (rnd.nextDouble() < 0.4) {
          marker(b);
        }
        return PhantomGenerator.finish(b, truth, label, 0, 0, null, null);
      }
      case CheckIds.INVERTED -> {
        b.invert = true;
        return PhantomGenerator.finish(b, truth, label, grade, 0, null, null);
      }
      case CheckIds.EXPOSURE_UNDER -> {
        b.exposure = new double[] {0.3, 0.22, 0.15}[grade - 1];
        return PhantomGenerator.finish(b, truth, label, grade, 0, null, null);
      }
      case CheckIds.EXPOSURE_OVER -> {
        b.exposure = new double[] {3.3, 3.8, 4.3}[grade - 1];
        return PhantomGenerator.finish(b, truth, label, grade, 0, null, null);
      }
      case CheckIds.EXPOSURE_INDEX_MISMATCH -> {
        double f = new double[] {2.8, 4, 6}[grade - 1];
        b.eiFactor = rnd.nextBoolean() ? f : 1 / f;
        return PhantomGenerator.finish(b, truth, label, grade, 0, null, null);
      }
      case CheckIds.SATURATION -> {
        double share = new double[] {0.015, 0.04, 0.1}[grade - 1];
        return PhantomGenerator.finish(
            b, truth, label, grade, 0, null, s -> clip(s, b.field, share));
      }
      case CheckIds.BLUR -> {
        return PhantomGenerator.finish(b, truth, label, grade, 0, s -> blur(s, b, grade), null);
      }
      case CheckIds.NOISE -> {
        double relative = new double[] {0.1, 0.14, 0.2}[grade - 1];
        double anatomy = PhantomGenerator.AIR * b.exposure * b.anatomySignal();
        // Resampling to 0.2 mm averages (0.2 / spacing)^2 native pixels into one.
        double sigma = relative * anatomy * Math.max(1, 0.2 / b.spacing);
        return PhantomGenerator.finish(b, truth, label, grade, sigma, null, null);
      }
      case CheckIds.GRID_LINES -> {
        return PhantomGenerator.finish(b, truth, label, grade, 0, s -> grid(s, b, grade), null);
      }
      case CheckIds.DETECTOR_DEFECT -> {
        return PhantomGenerator.finish(b, truth, label, grade, 0, null, s -> defect(s, b, grade));
      }
      case CheckIds.FOREIGN_OBJECT -> {
        metal(b, grade);
        return PhantomGenerator.finish(b, truth, label, grade, 0, null, null);
      }
      default -> throw new IllegalArgumentException(kind);
    }
  }

  /** Grade 1: no exposure at all; 2: exposure without a patient; 3: same, collimated. */
  private static Phantom blank(int grade, Random rnd, boolean large) {
    Build b =
        large ? PhantomGenerator.anatomy(rnd, 2048, 2048, 0.14) : PhantomGenerator.anatomy(rnd);
    b.signal.setTo(new Scalar(grade == 1 ? 0.005 / (PhantomGenerator.AIR * b.exposure) : 1));
    if (grade < 3) {
      b.field = new Rect(0, 0, b.cols, b.rows);
    }
    b.body.setTo(new Scalar(255));
    return PhantomGenerator.finish(
        b, Set.of(CheckIds.BLANK), "blank grade " + grade, grade, 0, null, null);
  }

  /** A lead side marker (an L of 10 x 14 mm) in a corner of the field where there is air. */
  private static void marker(Build b) {
    int size = (int) b.px(14);
    Rect[] corners = {
      new Rect(b.field.x + size / 2, b.field.y + size / 2, size, size),
      new Rect(b.field.x + b.field.width - 3 * size / 2, b.field.y + size / 2, size, size),
      new Rect(b.field.x + size / 2, b.field.y + b.field.height - 3 * size / 2, size, size)
    };
    for (Rect c : corners) {
      if (c.x < 0 || c.y < 0 || c.x + c.width > b.cols || c.y + c.height > b.rows) {
        continue;
      }
      if (Core.countNonZero(b.body.submat(c)) == 0) {
        int stroke = (int) b.px(3);
        b.signal.submat(new Rect(c.x, c.y, stroke, c.height)).setTo(new Scalar(0.03));
        b.signal
            .submat(new Rect(c.x, c.y + c.height - stroke, (int) b.px(10), stroke))
            .setTo(new Scalar(0.03));
        return;
      }
    }
  }

  private static void clip(Mat s, Rect field, double share) {
    Mat f = s.submat(field);
    float[] sorted = Stats.sortedSample(Stats.values(f, null));
    double level = Stats.quantile(sorted, 1 - share);
    Mat over = new Mat();
    Core.compare(f, new Scalar(level), over, Core.CMP_GE);
    f.setTo(new Scalar(1), over);
    over.release();
  }

  private static void blur(Mat s, Build b, int grade) {
    if (b.rnd.nextBoolean()) {
      double sigmaMm = new double[] {0.45, 0.65, 1.0}[grade - 1];
      Imgproc.GaussianBlur(s, s, new Size(0, 0), b.px(sigmaMm));
    } else {
      double lengthMm = new double[] {1.8, 2.6, 4.0}[grade - 1];
      int n = Math.max(3, (int) Math.round(b.px(lengthMm)));
      boolean across = b.rnd.nextBoolean();
      Mat kernel = across ? Mat.ones(1, n, CvType.CV_32F) : Mat.ones(n, 1, CvType.CV_32F);
      Core.multiply(kernel, new Scalar(1.0 / n), kernel);
      Imgproc.filter2D(s, s, -1, kernel);
      kernel.release();
    }
  }

  private static void grid(Mat s, Build b, int grade) {
    double modulation = new double[] {0.03, 0.05, 0.08}[grade - 1];
    boolean moire = b.rnd.nextDouble() < 0.3;
    double f = moire ? 0.025 + 0.035 * b.rnd.nextDouble() : 0.12 + 0.33 * b.rnd.nextDouble();
    boolean vertical = b.rnd.nextBoolean();
    double phase = 2 * Math.PI * b.rnd.nextDouble();
    Mat m = new Mat(s.size(), CvType.CV_32FC1);
    float[] line = new float[vertical ? s.cols() : s.rows()];
    for (int i = 0; i < line.length; i++) {
      line[i] = (float) (1 + modulation * Math.sin(2 * Math.PI * f * i + phase));
    }
    for (int y = 0; y < s.rows(); y++) {
      if (vertical) {
        m.put(y, 0, line);
      } else {
        float[] row = new float[s.cols()];
        java.util.Arrays.fill(row, line[y]);
        m.put(y, 0, row);
      }
    }
    Core.multiply(s, m, s);
    m.release();
  }

  /** Grade 1: a 2x2 or 3x3 dead cluster; 2: a column or row at 60% gain; 3: a dead line. */
  private static void defect(Mat s, Build b, int grade) {
    Rect f = b.field;
    if (grade == 1) {
      int n = 2 + b.rnd.nextInt(2);
      // At least 40 pixels inside the blades: the checks leave the blades' 3 mm penumbra out.
      int x = f.x + 40 + b.rnd.nextInt(f.width - 80);
      int y = f.y + 40 + b.rnd.nextInt(f.height - 80);
      s.submat(new Rect(x, y, n, n)).setTo(new Scalar(b.rnd.nextBoolean() ? 0 : 1));
      b.boxes.add(new Box(x, y, n, n));
      return;
    }
    boolean column = b.rnd.nextBoolean();
    int at = (column ? f.x : f.y) + 40 + b.rnd.nextInt((column ? f.width : f.height) - 80);
    double partial = b.rnd.nextDouble() < 0.5 ? 1 : 0.65 + 0.25 * b.rnd.nextDouble();
    Rect line =
        column
            ? new Rect(at, f.y, 1, (int) (f.height * partial))
            : new Rect(f.x, at, (int) (f.width * partial), 1);
    Mat l = s.submat(line);
    if (grade == 2) {
      Core.multiply(l, new Scalar(0.6), l);
    } else {
      l.setTo(new Scalar(b.rnd.nextBoolean() ? 0 : 1));
    }
    b.boxes.add(new Box(line.x, line.y, line.width, line.height));
  }

  /** A metal disc, ring or screw of grade-dependent size inside the body. */
  private static void metal(Build b, int grade) {
    double sizeMm = new double[] {5, 9, 16}[grade - 1];
    double transmission = 0.01 + 0.03 * b.rnd.nextDouble();
    Mat shape = Mat.zeros(b.rows, b.cols, CvType.CV_8UC1);
    Mat inner = b.body.clone();
    Imgproc.erode(
        inner,
        inner,
        Imgproc.getStructuringElement(
            Imgproc.MORPH_ELLIPSE, new Size(b.px(2 * sizeMm), b.px(2 * sizeMm))));
    Mat fieldMask = Mat.zeros(b.rows, b.cols, CvType.CV_8UC1);
    int inset = (int) b.px(8 + sizeMm);
    fieldMask
        .submat(
            new Rect(
                b.field.x + inset,
                b.field.y + inset,
                Math.max(1, b.field.width - 2 * inset),
                Math.max(1, b.field.height - 2 * inset)))
        .setTo(new Scalar(255));
    Core.bitwise_and(inner, fieldMask, inner);
    org.opencv.core.MatOfPoint where = new org.opencv.core.MatOfPoint();
    Core.findNonZero(inner, where);
    Point[] candidates = where.toArray();
    Point c =
        candidates.length == 0
            ? new Point(b.cols / 2.0, b.rows / 2.0)
            : candidates[b.rnd.nextInt(candidates.length)];
    double r = b.px(sizeMm) / 2;
    switch (b.rnd.nextInt(3)) {
      case 0 -> Imgproc.circle(shape, c, (int) Math.round(r), new Scalar(255), -1);
      case 1 ->
          Imgproc.circle(
              shape, c, (int) Math.round(r), new Scalar(255), (int) Math.max(2, b.px(2)));
      default ->
          Imgproc.ellipse(
              shape,
              new RotatedRect(c, new Size(Math.max(3, b.px(3)), 2 * r), 180 * b.rnd.nextDouble()),
              new Scalar(255),
              -1);
    }
    Mat stopped = new Mat();
    b.signal.convertTo(stopped, CvType.CV_32F, transmission);
    stopped.copyTo(b.signal, shape);
    Rect box = Imgproc.boundingRect(shape);
    b.boxes.add(new Box(box.x, box.y, box.width, box.height));
    shape.release();
    inner.release();
    fieldMask.release();
    stopped.release();
    where.release();
  }
}
