package org.roentgen.router.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and date-times as DICOM writes them (PS3.5 6.2: DA {@code YYYYMMDD}, DT {@code
 * YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX]}) and as rule files may write them (ISO 8601 {@code
 * 2024-01-31} or {@code 2024-01-31T08:00[:00]}).
 */
final class DicomDates {
  private static final Pattern DICOM =
      Pattern.compile(
          "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,6}))?(?:[+-]\\d{4})?");
  private static final int YEAR = 1;
  private static final int FRACTION = 7;
  private static final int NANOS_DIGITS = 9;

  private DicomDates() {}

  /**
   * A DA or DT value as a local date-time, missing components at their minimum; null when the text
   * is neither.
   */
  static LocalDateTime parse(String text) {
    String s = text.strip();
    Matcher m = DICOM.matcher(s);
    if (!m.matches()) {
      return null;
    }
    try {
      int[] c = new int[6];
      c[1] = 1;
      c[2] = 1;
      for (int g = YEAR; g < FRACTION; g++) {
        if (m.group(g) != null) {
          c[g - 1] = Integer.parseInt(m.group(g));
        }
      }
      int nanos = 0;
      if (m.group(FRACTION) != null) {
        String f = m.group(FRACTION);
        nanos = Integer.parseInt(f + "0".repeat(NANOS_DIGITS - f.length()));
      }
      return LocalDateTime.of(c[0], c[1], c[2], c[3], c[4], c[5], nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** A bound written in a rule file: a date (ISO or DA) or a date-time (ISO or DT); null if not. */
  static Bound parseBound(String text) {
    String s = text.strip();
    try {
      if (s.contains("-")) {
        return s.contains("T")
            ? new Bound(LocalDateTime.parse(s), false)
            : new Bound(LocalDate.parse(s).atStartOfDay(), true);
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    LocalDateTime dt = parse(s);
    return dt == null ? null : new Bound(dt, s.length() == "YYYYMMDD".length());
  }

  /**
   * A range bound.
   *
   * @param dateOnly true when the bound is a whole day (an inclusive upper bound then covers it)
   */
  record Bound(LocalDateTime at, boolean dateOnly) {
    /** The first instant after an inclusive upper bound. */
    LocalDateTime untilExclusive() {
      return dateOnly ? at.toLocalDate().plusDays(1).atStartOfDay() : at.plusNanos(1);
    }
  }
}
