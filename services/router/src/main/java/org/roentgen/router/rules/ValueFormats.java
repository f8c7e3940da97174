package org.roentgen.router.rules;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.roentgen.dicom.data.VR;

/**
 * Checks that a value a rule file sets is valid for its VR (PS3.5 6.2, table 6.2-1), so that a
 * coercion cannot write a malformed element: numbers parse, dates and times have their form, UIDs
 * and codes their characters, and no value is longer than its VR allows.
 */
final class ValueFormats {
  private static final Pattern TM = Pattern.compile("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?");
  private static final Pattern UI = Pattern.compile("(0|[1-9]\\d*)(\\.(0|[1-9]\\d*))*");
  private static final Pattern AS = Pattern.compile("\\d{3}[DWMY]");
  private static final Pattern CS = Pattern.compile("[A-Z0-9 _]*");
  private static final Pattern IS = Pattern.compile("[+-]?\\d+");
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
  private static final int DA_LENGTH = 8;

  private ValueFormats() {}

  /** True when a value of this VR can be written from text. */
  static boolean writable(VR vr) {
    return vr.isText() || vr.kind() == VR.Kind.INT || vr.kind() == VR.Kind.FLOAT;
  }

  /** What is wrong with {@code value} as a value of {@code vr}, or null when it is valid. */
  static String problem(VR vr, String value) {
    if (vr.kind() == VR.Kind.STRING || vr.kind() == VR.Kind.PERSON_NAME) {
      if (value.indexOf('\\') >= 0) {
        return "a backslash separates values; give several values as a list";
      }
    }
    String expected =
        switch (vr) {
          case IS -> IS.matcher(value).matches() && fitsInt(value) ? null : "an integer";
          case DS -> ValueTest.Numbers.parse(value) != null ? null : "a decimal number";
          case DA -> date(value) ? null : "a date YYYYMMDD";
          case TM -> TM.matcher(value).matches() ? null : "a time HHMMSS.FFFFFF";
          case DT -> DicomDates.parse(value) != null ? null : "a date-time YYYYMMDDHHMMSS";
          case UI -> UI.matcher(value).matches() ? null : "a UID (digits and dots)";
          case AS -> AS.matcher(value).matches() ? null : "an age like 045Y";
          case CS -> CS.matcher(value).matches() ? null : "a code (A-Z, 0-9, space, _)";
          default -> binary(vr, value);
        };
    if (expected != null) {
      return "not " + expected;
    }
    int max = vr.maxBytesPerValue();
    if (vr.isText() && max > 0 && value.length() > max) {
      return "longer than the " + max + " characters a " + vr + " value may have";
    }
    return null;
  }

  private static String binary(VR vr, String value) {
    try {
      if (vr.kind() == VR.Kind.INT) {
        if (vr == VR.UV) {
          Long.parseUnsignedLong(value.strip());
        } else {
          Long.parseLong(value.strip());
        }
      } else if (vr.kind() == VR.Kind.FLOAT) {
        Double.parseDouble(value.strip());
      }
      return null;
    } catch (NumberFormatException e) {
      return vr.kind() == VR.Kind.INT ? "an integer" : "a number";
    }
  }

  private static boolean fitsInt(String value) {
    BigDecimal v = new BigDecimal(value);
    return v.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
        && v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
  }

  private static boolean date(String value) {
    if (value.length() != DA_LENGTH) {
      return false;
    }
    try {
      LocalDate.parse(value, DA);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
