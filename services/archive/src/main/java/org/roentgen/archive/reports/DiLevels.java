package org.roentgen.archive.reports;

/**
 * The deviation index (IEC 62494-1: DI = 10 log10(EI / EI_T)) limits of the dose report, after AAPM
 * TG-116 (2009): beyond the action levels an exposure calls for action (below {@code actionLow} an
 * underexposure, likely a repeat; above {@code actionHigh} an overexposure to follow up); beyond
 * {@code target} either way it is outside the target range.
 *
 * @param actionLow the underexposure action level (default -3)
 * @param actionHigh the overexposure action level (default +3)
 * @param target the half-width of the target range (default 1: |DI| > 1 is outside)
 */
public record DiLevels(double actionLow, double actionHigh, double target) {
  public DiLevels {
    if (!(actionLow < actionHigh)) {
      throw new IllegalArgumentException(
          "the DI action levels " + actionLow + " and " + actionHigh + " are no range");
    }
    if (!(target >= 0)) {
      throw new IllegalArgumentException("the DI target range " + target + " is negative");
    }
  }

  /** True when {@code di} is below the low or above the high action level (equal is inside). */
  public boolean outsideAction(double di) {
    return di < actionLow || di > actionHigh;
  }

  /** True when |{@code di}| exceeds the target (equal is inside). */
  public boolean outsideTarget(double di) {
    return Math.abs(di) > target;
  }
}
