package org.roentgen.qc.domain;

import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.roentgen.contracts.InstanceQc.Box;

/**
 * One image made ready for the checks: the native pixels as display brightness (0 black .. 1 white,
 * as the photometric interpretation shows them), the same resampled to the working spacing, the
 * exposed field in both, and the anatomy mask. After the polarity check, {@link #working} and
 * {@link #nativeDisplay} are corrected when the image was found inverted.
 */
final class Prepared {
  final ImageHeader header;
  final DecodedImage image;
  Mat nativeDisplay;

  /** The native display before any polarity correction: what the preview shows. */
  Mat nativeDisplayAsStored;

  /** +1 when a collimated border is brighter than the field, -1 darker, 0 no border found. */
  int collimationSign;

  Mat working;

  /** Working pixels per native pixel. */
  final double scale;

  final double workingSpacingMm;
  Rect fieldWorking;
  Rect fieldNative;

  /** In field coordinates of the working image; 255 inside the anatomy. */
  Mat anatomy;

  /** The working field at half size (polarity, anatomy, foreign objects), corrected like it. */
  Mat coarse;

  /** The anatomy mask of {@link #coarse}. */
  Mat coarseAnatomy;

  Prepared(ImageHeader header, DecodedImage image, double scale, double workingSpacingMm) {
    this.header = header;
    this.image = image;
    this.scale = scale;
    this.workingSpacingMm = workingSpacingMm;
  }

  Mat workingField() {
    return working.submat(fieldWorking);
  }

  Mat nativeField() {
    return nativeDisplay.submat(fieldNative);
  }

  /** A rectangle of the working field's coordinates as a box in native image coordinates. */
  Box nativeBoxOfWorkingField(Rect r) {
    return nativeBox(
        new Rect(r.x + fieldWorking.x, r.y + fieldWorking.y, r.width, r.height), 1 / scale);
  }

  /** A rectangle of the native field's coordinates as a box in native image coordinates. */
  Box nativeBoxOfNativeField(Rect r) {
    return nativeBox(new Rect(r.x + fieldNative.x, r.y + fieldNative.y, r.width, r.height), 1);
  }

  /** The field as a box in native image coordinates. */
  Box fieldBox() {
    return nativeBox(fieldNative, 1);
  }

  private Box nativeBox(Rect r, double factor) {
    int cols = image.columns();
    int rows = image.rows();
    int x = clamp((int) Math.floor(r.x * factor), 0, cols - 1);
    int y = clamp((int) Math.floor(r.y * factor), 0, rows - 1);
    int x2 = clamp((int) Math.ceil((r.x + r.width) * factor), x + 1, cols);
    int y2 = clamp((int) Math.ceil((r.y + r.height) * factor), y + 1, rows);
    return new Box(x, y, x2 - x, y2 - y);
  }

  /** The working rectangle mapped onto the native image. */
  Rect toNative(Rect r) {
    Box b = nativeBox(r, 1 / scale);
    return new Rect(b.x(), b.y(), b.width(), b.height());
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
