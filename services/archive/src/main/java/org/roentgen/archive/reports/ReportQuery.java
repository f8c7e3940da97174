package org.roentgen.archive.reports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * What a report covers: the study dates from {@code from} to {@code to} (both included, DICOM DA
 * {@code YYYYMMDD}, each optional), one station (StationName) and one modality, each optional.
 *
 * @param from the first study date, or null for no lower bound
 * @param to the last study date, or null for no upper bound
 * @param station only this StationName (exact), or null for every station
 * @param modality only this Modality (exact), or null for every modality
 */
public record ReportQuery(String from, String to, String station, String modality) {
  private static final DateTimeFormatter DA =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  /** Everything in the index. */
  public static final ReportQuery ALL = new ReportQuery(null, null, null, null);

  /**
   * The query of a request's parameters, blank ones left out.
   *
   * @throws IllegalArgumentException when a date is not a DA date or {@code from} is after {@code
   *     to}
   */
  public static ReportQuery of(String from, String to, String station, String modality) {
    String f = date("from", from);
    String t = date("to", to);
    if (f != null && t != null && f.compareTo(t) > 0) {
      throw new IllegalArgumentException("from " + f + " is after to " + t);
    }
    return new ReportQuery(f, t, blankToNull(station), blankToNull(modality));
  }

  private static String date(String name, String value) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    try {
      if (v.length() != 8) {
        throw new DateTimeParseException("not 8 digits", v, 0);
      }
      LocalDate.parse(v, DA);
      return v;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " is a date YYYYMMDD, not " + v);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
