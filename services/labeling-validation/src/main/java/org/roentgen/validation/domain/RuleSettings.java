package org.roentgen.validation.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of the rules, from the {@code settings} section of the rule file. Terms are upper
 * case as DICOM code strings are; words are compared upper case.
 *
 * @param pairedBodyParts BodyPartExamined terms (PS3.16 CID 4031) of paired anatomy: an image of
 *     one needs ImageLaterality or Laterality
 * @param lateralityWords per side (L, R, B) the words in descriptions that name it
 * @param notLaterality phrases removed from descriptions before looking for laterality words ("L
 *     SPINE" is the lumbar spine, "R/O" is "rule out")
 * @param viewPositions the defined terms of ViewPosition (0018,5101)
 * @param viewModalities the modalities whose images need a ViewPosition
 * @param exposureModalities the modalities whose images need the exposure record
 * @param requireDoseAreaProduct whether a missing dose-area product is a finding
 */
public record RuleSettings(
    Set<String> pairedBodyParts,
    Map<String, Set<String>> lateralityWords,
    List<String> notLaterality,
    Set<String> viewPositions,
    Set<String> viewModalities,
    Pregnancy pregnancy,
    DeviationIndex deviationIndex,
    Set<String> exposureModalities,
    boolean requireDoseAreaProduct) {

  /**
   * Pregnancy screening: a female patient in the age range with an exam of one of the body parts.
   */
  public record Pregnancy(int minAge, int maxAge, Set<String> bodyParts) {}

  /**
   * Deviation index (IEC 62494-1) action levels, defaults from AAPM TG-116: outside [warnBelow,
   * warnAbove] is a finding, outside [actionBelow, actionAbove] the stronger one; a DI that differs
   * from 10 log10(EI / TargetEI) by more than {@code tolerance} is inconsistent.
   */
  public record DeviationIndex(
      double warnBelow,
      double warnAbove,
      double actionBelow,
      double actionAbove,
      double tolerance) {}
}
