package org.roentgen.qc.domain;

import org.opencv.core.Mat;

/**
 * One decoded frame as 32-bit float values in the units after the modality rescale (slope and
 * intercept), with the range the detector's stored bits allow, mapped the same way. Owns its native
 * matrix: close it.
 *
 * @param values rows x columns, CV_32FC1
 * @param low the value of the lowest stored value
 * @param high the value of the highest stored value
 * @param monochrome1 true when the lowest value is displayed white (MONOCHROME1)
 * @param stored how the values were stored, e.g. "uncompressed 16/12 unsigned" or "JPEG 2000"
 */
public record DecodedImage(Mat values, double low, double high, boolean monochrome1, String stored)
    implements AutoCloseable {
  public int rows() {
    return values.rows();
  }

  public int columns() {
    return values.cols();
  }

  @Override
  public void close() {
    values.release();
  }
}
