package org.roentgen.validation.domain;

import java.util.Locale;
import org.roentgen.dicom.data.Tag;

/**
 * Rule group 6, the exposure record of a DX or CR image: KVP, the exposure in mAs (Exposure,
 * ExposureInuAs or ExposureInmAs), ExposureIndex, TargetExposureIndex and DeviationIndex (IEC
 * 62494-1), and the dose-area product when required; the deviation index against the action levels
 * (AAPM TG-116) and against 10 log10(EI / TargetEI).
 */
public final class ExposureCheck {
  private ExposureCheck() {}

  public static void check(Header h, Findings out) {
    RuleSettings s = out.settings();
    String modality = h.upper(Tag.Modality);
    if (modality == null || !s.exposureModalities().contains(modality)) {
      return;
    }
    require(h, Tag.KVP, out);
    if (!h.hasValue(Tag.Exposure)
        && !h.hasValue(Tag.ExposureInuAs)
        && !h.hasValue(Tag.ExposureInmAs)) {
      out.add(
          RuleIds.EXPOSURE_MISSING,
          Tag.Exposure,
          "Exposure, ExposureInuAs or ExposureInmAs",
          null,
          "the exposure (mAs) is not recorded");
    }
    require(h, Tag.ExposureIndex, out);
    require(h, Tag.TargetExposureIndex, out);
    require(h, Tag.DeviationIndex, out);
    if (s.requireDoseAreaProduct()) {
      require(h, Tag.ImageAndFluoroscopyAreaDoseProduct, out);
    }
    Double di = h.number(Tag.DeviationIndex);
    if (di != null) {
      RuleSettings.DeviationIndex levels = s.deviationIndex();
      String found = String.format(Locale.ROOT, "%.2f", di);
      if (di < levels.actionBelow() || di > levels.actionAbove()) {
        out.add(
            RuleIds.EXPOSURE_DI_ACTION,
            Tag.DeviationIndex,
            range(levels.actionBelow(), levels.actionAbove()),
            found,
            "DeviationIndex "
                + found
                + (di > 0
                    ? " is beyond the overexposure action level: review the dose"
                    : " is beyond the underexposure action level: a repeat is likely"));
      } else if (di < levels.warnBelow() || di > levels.warnAbove()) {
        out.add(
            RuleIds.EXPOSURE_DI,
            Tag.DeviationIndex,
            range(levels.warnBelow(), levels.warnAbove()),
            found,
            "DeviationIndex " + found + (di > 0 ? " shows overexposure" : " shows underexposure"));
      }
      Double ei = h.number(Tag.ExposureIndex);
      Double target = h.number(Tag.TargetExposureIndex);
      if (ei != null && target != null && ei > 0 && target > 0) {
        double expected = 10 * Math.log10(ei / target);
        if (Math.abs(di - expected) > levels.tolerance()) {
          out.add(
              RuleIds.EXPOSURE_DI_INCONSISTENT,
              Tag.DeviationIndex,
              String.format(Locale.ROOT, "%.2f", expected),
              found,
              String.format(
                  Locale.ROOT,
                  "DeviationIndex %s but 10 log10(ExposureIndex / TargetExposureIndex) is %.2f",
                  found,
                  expected));
        }
      }
    }
  }

  private static void require(Header h, int tag, Findings out) {
    if (!h.hasValue(tag)) {
      out.add(RuleIds.EXPOSURE_MISSING, tag, "a value", h.present(tag) ? "" : null, "not recorded");
    }
  }

  private static String range(double lo, double hi) {
    return String.format(Locale.ROOT, "%+.1f to %+.1f", lo, hi);
  }
}
