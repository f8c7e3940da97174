package org.roentgen.validation.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.roentgen.dicom.data.VR;

/**
 * The value formats of PS3.5 section 6.2 (Table 6.2-1), one value at a time: character repertoire,
 * length and structure. {@link #problem} says what is wrong in words an administrator can act on,
 * or returns null for a good value.
 */
public final class ValueFormats {
  private static final Pattern AS = Pattern.compile("\\d{3}[DWMY]");
  private static final Pattern CS = Pattern.compile("[A-Z0-9 _]*");
  private static final Pattern DA = Pattern.compile("\\d{8}");
  private static final Pattern TM =
      Pattern.compile("([01]\\d|2[0-3])(([0-5]\\d)(([0-5]\\d|60)(\\.\\d{1,6})?)?)?");
  private static final Pattern DT =
      Pattern.compile(
          "\\d{4}((0[1-9]|1[0-2])((0[1-9]|[12]\\d|3[01])(([01]\\d|2[0-3])(([0-5]\\d)(([0-5]\\d|60)"
              + "(\\.\\d{1,6})?)?)?)?)?)?([+-]\\d{4})?");
  private static final Pattern UI = Pattern.compile("(0|[1-9]\\d*)(\\.(0|[1-9]\\d*))*");
  private static final Pattern IS = Pattern.compile("[+-]?\\d+");
  private static final Pattern DS = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private ValueFormats() {}

  /** What is wrong with one value of that VR, or null when nothing is. */
  public static String problem(VR vr, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    int max = vr.maxBytesPerValue();
    // Dates, times and ages have a fixed form whose message says more than a length would.
    boolean fixedForm = vr == VR.DA || vr == VR.TM || vr == VR.DT || vr == VR.AS;
    if (vr.kind() == VR.Kind.STRING
        && vr != VR.PN
        && !fixedForm
        && max > 0
        && value.length() > max) {
      return vr + " values are at most " + max + " characters, this one has " + value.length();
    }
    if (vr.kind() == VR.Kind.TEXT && max > 0 && value.length() > max) {
      return vr + " text is at most " + max + " characters, this one has " + value.length();
    }
    if (hasControl(value, vr)) {
      return vr + " values may not contain control characters or a backslash";
    }
    return switch (vr) {
      case AS -> AS.matcher(value).matches() ? null : "AS is nnnD, nnnW, nnnM or nnnY";
      case CS ->
          CS.matcher(value).matches()
              ? null
              : "CS allows upper-case letters, digits, space and underscore only";
      case DA -> date(value);
      case TM -> TM.matcher(value).matches() ? null : "TM is HH, HHMM, HHMMSS or HHMMSS.FFFFFF";
      case DT -> dateTime(value);
      case UI -> uid(value);
      case IS -> integer(value);
      case DS -> DS.matcher(value).matches() ? null : "DS is a decimal number such as 12.5 or 1e-3";
      case PN -> personName(value);
      default -> null;
    };
  }

  /** Problems of a person name's structure: groups, components, lengths. */
  public static String personName(String value) {
    String[] groups = value.split("=", -1);
    if (groups.length > 3) {
      return "PN has at most three component groups (alphabetic=ideographic=phonetic)";
    }
    for (String g : groups) {
      if (g.length() > 64) {
        return "a PN component group is at most 64 characters, this one has " + g.length();
      }
      if (g.split("\\^", -1).length > 5) {
        return "a PN component group has at most five components (family^given^middle^prefix^suffix)";
      }
    }
    return null;
  }

  /** A valid calendar date YYYYMMDD, or what is wrong with it. */
  public static String date(String value) {
    if (!DA.matcher(value).matches()) {
      return "DA is YYYYMMDD";
    }
    try {
      LocalDate.of(
          Integer.parseInt(value.substring(0, 4)),
          Integer.parseInt(value.substring(4, 6)),
          Integer.parseInt(value.substring(6, 8)));
      return null;
    } catch (DateTimeException e) {
      return "not a calendar date";
    }
  }

  /** The date of a valid DA value, or null. */
  public static LocalDate parseDate(String value) {
    if (value == null || date(value) != null) {
      return null;
    }
    return LocalDate.of(
        Integer.parseInt(value.substring(0, 4)),
        Integer.parseInt(value.substring(4, 6)),
        Integer.parseInt(value.substring(6, 8)));
  }

  private static String dateTime(String value) {
    if (!DT.matcher(value).matches()) {
      return "DT is YYYYMMDDHHMMSS.FFFFFF&ZZXX (or a leading part of it)";
    }
    return value.length() >= 8 && date(value.substring(0, 8)) != null
        ? "not a calendar date"
        : null;
  }

  private static String uid(String value) {
    if (!UI.matcher(value).matches()) {
      return "a UID is digits in dot-separated components without leading zeros";
    }
    return null;
  }

  private static String integer(String value) {
    if (!IS.matcher(value).matches()) {
      return "IS is a whole number";
    }
    try {
      long v = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
      return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE
          ? "IS is within -2^31 and 2^31-1"
          : null;
    } catch (NumberFormatException e) {
      return "IS is within -2^31 and 2^31-1";
    }
  }

  private static boolean hasControl(String value, VR vr) {
    boolean text = vr.kind() == VR.Kind.TEXT;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && !text) {
        return true;
      }
      // LT, ST and UT may hold line breaks, tabs and form feeds; ESC introduces ISO 2022 sets.
      boolean allowed = c == 0x1B || text && (c == '\r' || c == '\n' || c == '\t' || c == '\f');
      if (c < 0x20 && !allowed) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code count} values satisfy a PS3.6 VM: "1", "1-3", "1-n", "2-2n", "3-3n"... */
  public static boolean multiplicityAllows(String vm, int count) {
    if (vm == null || vm.isEmpty() || count == 0) {
      return true;
    }
    String[] range = vm.split("-");
    try {
      int min = Integer.parseInt(range[0].trim());
      if (range.length == 1) {
        return count == min;
      }
      String hi = range[1].trim();
      if (hi.endsWith("n")) {
        int step = hi.length() == 1 ? 1 : Integer.parseInt(hi.substring(0, hi.length() - 1));
        return count >= min && (count - min) % step == 0;
      }
      return count >= min && count <= Integer.parseInt(hi);
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
