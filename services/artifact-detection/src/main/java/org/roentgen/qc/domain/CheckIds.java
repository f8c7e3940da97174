package org.roentgen.qc.domain;

import java.util.List;

/** The ids of the checks: what findings, metrics, settings and the router's rules refer to. */
public final class CheckIds {
  public static final String BLANK = "blank";
  public static final String INVERTED = "inverted";
  public static final String EXPOSURE_UNDER = "exposure.under";
  public static final String EXPOSURE_OVER = "exposure.over";
  public static final String EXPOSURE_INDEX_MISMATCH = "exposure.index-mismatch";
  public static final String SATURATION = "saturation";
  public static final String BLUR = "blur";
  public static final String NOISE = "noise";
  public static final String GRID_LINES = "grid-lines";
  public static final String DETECTOR_DEFECT = "detector-defect";
  public static final String FOREIGN_OBJECT = "foreign-object";

  /** Every check, in the order they run. */
  public static final List<String> ALL =
      List.of(
          BLANK,
          INVERTED,
          EXPOSURE_UNDER,
          EXPOSURE_OVER,
          EXPOSURE_INDEX_MISMATCH,
          SATURATION,
          BLUR,
          NOISE,
          GRID_LINES,
          DETECTOR_DEFECT,
          FOREIGN_OBJECT);

  private CheckIds() {}
}
