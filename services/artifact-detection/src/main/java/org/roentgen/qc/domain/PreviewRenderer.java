package org.roentgen.qc.domain;

import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.roentgen.contracts.InstanceQc.Box;
import org.roentgen.contracts.InstanceQc.Finding;
import org.roentgen.contracts.InstanceValidated.Severity;

/**
 * The annotated preview: the image as stored (its own polarity, so an inverted image looks
 * inverted), windowed to the field's 0.5-99.5 percentiles, reduced so that its longer side is at
 * most the configured size, with the field outlined in green and each finding's box in red (FAIL)
 * or amber (WARN, INFO).
 */
final class PreviewRenderer {
  private PreviewRenderer() {}

  static Analysis.PreviewImage render(
      Mat display,
      int nativeCols,
      int nativeRows,
      Box field,
      List<Finding> findings,
      int maxSide,
      double lo,
      double hi,
      Mats mats) {
    int cols = display.cols();
    int rows = display.rows();
    double f = Math.min(1.0, (double) maxSide / Math.max(cols, rows));
    int w = Math.max(1, (int) Math.round(cols * f));
    int h = Math.max(1, (int) Math.round(rows * f));
    Mat small = mats.mat();
    Imgproc.resize(display, small, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
    double span = hi > lo ? hi - lo : 1;
    Mat gray = mats.mat();
    small.convertTo(gray, CvType.CV_8U, 255 / span, -lo * 255 / span);
    Mat colour = mats.mat();
    Imgproc.cvtColor(gray, colour, Imgproc.COLOR_GRAY2BGR);
    // Boxes are in native pixels; the display may be a resampled copy of the same extent.
    double sx = (double) w / nativeCols;
    double sy = (double) h / nativeRows;
    if (field != null) {
      draw(colour, field, sx, sy, new Scalar(0, 200, 0));
    }
    for (Finding finding : findings) {
      if (finding.box() != null) {
        Scalar c =
            finding.severity() == Severity.FAIL ? new Scalar(0, 0, 255) : new Scalar(0, 170, 255);
        draw(colour, finding.box(), sx, sy, c);
      }
    }
    MatOfByte png = mats.add(new MatOfByte());
    Imgcodecs.imencode(".png", colour, png);
    return new Analysis.PreviewImage(png.toArray(), w, h);
  }

  private static void draw(Mat image, Box b, double sx, double sy, Scalar colour) {
    Point a = new Point(Math.floor(b.x() * sx), Math.floor(b.y() * sy));
    Point z =
        new Point(
            Math.min(image.cols() - 1, Math.ceil((b.x() + b.width()) * sx)),
            Math.min(image.rows() - 1, Math.ceil((b.y() + b.height()) * sy)));
    Imgproc.rectangle(image, a, z, colour, 1);
  }
}
