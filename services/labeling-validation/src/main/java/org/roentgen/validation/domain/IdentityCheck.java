package org.roentgen.validation.domain;

import java.time.LocalDate;
import java.util.Set;
import org.roentgen.dicom.data.Tag;

/**
 * Rule group 2, the identity attributes of one image: PatientID, PatientName and AccessionNumber
 * present with a value (type 2 in PS3.3, required here), PatientBirthDate and PatientSex present,
 * and all of them well-formed. The study-wide consistency is {@link StudyIdentities}' part.
 */
public final class IdentityCheck {
  private static final Set<String> SEXES = Set.of("M", "F", "O");
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1850, 1, 1);

  private IdentityCheck() {}

  /**
   * @param today the date a birth date may not be after (the study date when the header has one)
   */
  public static void check(Header h, LocalDate today, Findings out) {
    for (int tag : new int[] {Tag.PatientID, Tag.PatientName, Tag.AccessionNumber}) {
      if (!h.hasValue(tag)) {
        out.add(
            RuleIds.IDENTITY_EMPTY,
            tag,
            "a value",
            h.present(tag) ? "" : null,
            (h.present(tag) ? "empty" : "missing")
                + ": this department requires it on every image");
      }
    }
    for (int tag : new int[] {Tag.PatientBirthDate, Tag.PatientSex}) {
      if (!h.hasValue(tag)) {
        out.add(
            RuleIds.IDENTITY_DEMOGRAPHICS,
            tag,
            "a value",
            h.present(tag) ? "" : null,
            h.present(tag) ? "empty" : "missing");
      }
    }
    String id = h.string(Tag.PatientID);
    if (id != null && (id.length() > 64 || id.chars().anyMatch(c -> c < 0x20 || c == '\\'))) {
      out.add(
          RuleIds.IDENTITY_MALFORMED,
          Tag.PatientID,
          "at most 64 characters, no control characters or backslash",
          id,
          "PatientID is not a valid LO value");
    }
    String name = h.string(Tag.PatientName);
    if (name != null) {
      String problem = ValueFormats.personName(name);
      String alphabetic = name.split("=", -1)[0];
      if (problem == null && alphabetic.replace("^", "").isBlank()) {
        problem = "the alphabetic group has no name in it";
      }
      if (problem != null) {
        out.add(RuleIds.IDENTITY_MALFORMED, Tag.PatientName, "FAMILY^GIVEN^MIDDLE", name, problem);
      }
    }
    String birth = h.string(Tag.PatientBirthDate);
    if (birth != null) {
      String problem = ValueFormats.date(birth);
      LocalDate d = ValueFormats.parseDate(birth);
      if (problem == null && d.isAfter(today)) {
        problem = "the birth date is after the study date";
      } else if (problem == null && d.isBefore(EARLIEST_BIRTH)) {
        problem = "the birth date is before 1850";
      }
      if (problem != null) {
        out.add(RuleIds.IDENTITY_MALFORMED, Tag.PatientBirthDate, "YYYYMMDD", birth, problem);
      }
    }
    String sex = h.string(Tag.PatientSex);
    if (sex != null && !SEXES.contains(sex)) {
      out.add(
          RuleIds.IDENTITY_MALFORMED,
          Tag.PatientSex,
          "M, F or O",
          sex,
          "PatientSex is not one of its enumerated values");
    }
  }
}
