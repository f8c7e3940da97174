package org.roentgen.qc.domain;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * The native matrices of one piece of work, released together: OpenCV's Java matrices hold native
 * memory that the garbage collector does not see, so every one made is added here.
 */
final class Mats implements AutoCloseable {
  private final List<Mat> mats = new ArrayList<>();

  /** Registers {@code m} for release and returns it. */
  <T extends Mat> T add(T m) {
    mats.add(m);
    return m;
  }

  /** A new empty matrix, registered. */
  Mat mat() {
    return add(new Mat());
  }

  @Override
  public void close() {
    for (Mat m : mats) {
      m.release();
    }
    mats.clear();
  }
}
