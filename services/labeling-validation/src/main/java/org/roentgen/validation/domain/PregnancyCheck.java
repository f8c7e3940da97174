package org.roentgen.validation.domain;

import java.time.LocalDate;
import java.time.Period;
import org.roentgen.dicom.data.Tag;

/**
 * Rule group 5, pregnancy screening: a female patient whose age is in the configured range, with an
 * exam of one of the configured body parts, needs PregnancyStatus (0010,21C0): missing or 4
 * (unknown) is {@code pregnancy.status-unknown}; 2 (possibly pregnant) or 3 (definitely pregnant)
 * is {@code pregnancy.exposed}. The age is PatientAge (0010,1010) or, without it, the years from
 * PatientBirthDate to the study date.
 */
public final class PregnancyCheck {
  private PregnancyCheck() {}

  /** The result, so that the service can raise its alert metric. */
  public enum Outcome {
    NOT_APPLICABLE,
    SCREENED,
    UNKNOWN,
    EXPOSED
  }

  public static Outcome check(Header h, LocalDate studyDate, Findings out) {
    RuleSettings.Pregnancy p = out.settings().pregnancy();
    String part = h.upper(Tag.BodyPartExamined);
    if (!"F".equals(h.upper(Tag.PatientSex)) || part == null || !p.bodyParts().contains(part)) {
      return Outcome.NOT_APPLICABLE;
    }
    Integer age = age(h, studyDate);
    if (age == null || age < p.minAge() || age > p.maxAge()) {
      return Outcome.NOT_APPLICABLE;
    }
    String status = h.string(Tag.PregnancyStatus);
    int code = -1;
    try {
      code = status == null ? -1 : Integer.parseInt(status);
    } catch (NumberFormatException e) {
      code = -1;
    }
    String subject = "a female patient of " + age + " with an exam of " + part;
    if (code == 2 || code == 3) {
      out.add(
          RuleIds.PREGNANCY_EXPOSED,
          Tag.PregnancyStatus,
          "1 (not pregnant)",
          status,
          subject + " is " + (code == 2 ? "possibly" : "definitely") + " pregnant");
      return Outcome.EXPOSED;
    }
    if (code != 1) {
      out.add(
          RuleIds.PREGNANCY_UNKNOWN,
          Tag.PregnancyStatus,
          "1 (not pregnant), 2 or 3",
          status,
          subject + " has " + (status == null ? "no PregnancyStatus" : "PregnancyStatus unknown"));
      return Outcome.UNKNOWN;
    }
    return Outcome.SCREENED;
  }

  /** Age in years from PatientAge (nnnY, nnnM...) or the birth date, or null when unknown. */
  static Integer age(Header h, LocalDate studyDate) {
    String as = h.upper(Tag.PatientAge);
    if (as != null && as.matches("\\d{3}[DWMY]")) {
      int n = Integer.parseInt(as.substring(0, 3));
      return switch (as.charAt(3)) {
        case 'Y' -> n;
        case 'M' -> n / 12;
        case 'W' -> n / 52;
        default -> n / 365;
      };
    }
    LocalDate birth = ValueFormats.parseDate(h.string(Tag.PatientBirthDate));
    if (birth == null || birth.isAfter(studyDate)) {
      return null;
    }
    return Period.between(birth, studyDate).getYears();
  }
}
