package org.roentgen.archive.reports;

import java.util.Locale;

/**
 * The coded reasons of the reject analysis: those a reviewer picks when rejecting an image
 * (review_action.reject_reason), and the one each failing pipeline check maps to.
 */
public enum RejectReason {
  POSITIONING,
  EXPOSURE,
  MOTION,
  ARTIFACT,
  LABELING,
  EQUIPMENT,
  OTHER;

  /** A reviewer's coded reason; none or an unknown code is OTHER. */
  public static RejectReason ofReview(String code) {
    if (code == null) {
      return OTHER;
    }
    try {
      return valueOf(code.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return OTHER;
    }
  }

  /**
   * The reason of a failing image-quality check (artifact-detection's check ids): the exposure
   * checks, saturation and noise (quantum noise of too little dose) are EXPOSURE; blur is MOTION;
   * grid lines and foreign objects are ARTIFACT; a detector defect, a blank or an inverted image is
   * EQUIPMENT; any other check OTHER.
   */
  public static RejectReason ofQcCheck(String checkId) {
    if (checkId == null) {
      return OTHER;
    }
    return switch (checkId) {
      case "exposure.under", "exposure.over", "exposure.index-mismatch", "saturation", "noise" ->
          EXPOSURE;
      case "blur" -> MOTION;
      case "grid-lines", "foreign-object" -> ARTIFACT;
      case "detector-defect", "blank", "inverted" -> EQUIPMENT;
      default -> OTHER;
    };
  }

  /**
   * The reason of a failing labeling rule (labeling-validation's rule ids): the exposure record
   * rules ({@code exposure.*}, such as a DI beyond the action levels) are EXPOSURE, every other
   * rule (identity, order, laterality, view, conformance, pregnancy) is LABELING.
   */
  public static RejectReason ofValidationRule(String ruleId) {
    return ruleId != null && ruleId.startsWith("exposure.") ? EXPOSURE : LABELING;
  }
}
