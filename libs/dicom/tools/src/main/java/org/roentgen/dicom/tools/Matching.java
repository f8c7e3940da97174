package org.roentgen.dicom.tools;

import java.util.regex.Pattern;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * Attribute matching of C-FIND keys, PS3.4 C.2.2.2: universal (empty key), single value
 * (case-sensitive except PN), wildcard ({@code *} and {@code ?}), list of UIDs (backslash), range
 * for dates and times ({@code a-b}, {@code a-}, {@code -b}), a date and a time range of one pair
 * (Study Date and Time, Scheduled Procedure Step Start Date and Time) combined into one date-time
 * range (C.2.2.2.5.1), and sequence matching (each item key against any item of the candidate's
 * sequence; an item of universal keys only matches anything, C.2.2.2.6).
 */
final class Matching {
  private Matching() {}

  /** Date and time attributes matched as one date-time range when both keys are ranges. */
  private static final int[][] DATE_TIME_PAIRS = {
    {Tag.StudyDate, Tag.StudyTime},
    {Tag.ScheduledProcedureStepStartDate, Tag.ScheduledProcedureStepStartTime},
  };

  /** True when {@code candidate} matches every non-empty key of {@code keys}. */
  static boolean matches(Attributes keys, Attributes candidate) {
    int combinedTime = -1;
    for (int[] pair : DATE_TIME_PAIRS) {
      String date = keys.getString(pair[0]);
      String time = keys.getString(pair[1]);
      if (isRange(date) && isRange(time)) {
        if (!matchesDateTime(date, time, candidate, pair)) {
          return false;
        }
        combinedTime = pair[1];
      }
    }
    for (int i = 0; i < keys.size(); i++) {
      int tag = keys.tagAt(i);
      if (tag == Tag.QueryRetrieveLevel
          || tag == Tag.SpecificCharacterSet
          || (tag >>> 16) == 0x0002) {
        continue;
      }
      if (combinedTime >= 0 && (tag == combinedTime || isDateOf(tag, combinedTime))) {
        continue;
      }
      VR vr = keys.vrAt(i);
      if (keys.valueAt(i) instanceof Sequence ks) {
        if (!ks.isEmpty()
            && !isUniversal(ks.get(0))
            && !matchesSequence(ks.get(0), candidate.getSequence(tag))) {
          return false;
        }
        continue;
      }
      String[] key = keys.getStrings(tag);
      if (key == null || key.length == 0 || (key.length == 1 && key[0].isEmpty())) {
        continue;
      }
      String[] values = candidate.getStrings(tag);
      if (values == null || values.length == 0) {
        return false;
      }
      if (!matchesAny(vr, key, values)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every key of {@code keys} (items included) is universal: empty or an empty item. */
  static boolean isUniversal(Attributes keys) {
    for (int i = 0; i < keys.size(); i++) {
      int tag = keys.tagAt(i);
      if (tag == Tag.SpecificCharacterSet || tag == Tag.QueryRetrieveLevel) {
        continue;
      }
      if (keys.valueAt(i) instanceof Sequence s) {
        if (!s.isEmpty() && !isUniversal(s.get(0))) {
          return false;
        }
      } else if (keys.valueAt(i) instanceof byte[] b && b.length > 0) {
        String[] v = keys.getStrings(tag);
        if (v != null && (v.length > 1 || (v.length == 1 && !v[0].isEmpty()))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isRange(String key) {
    return key != null && key.indexOf('-') >= 0;
  }

  private static boolean isDateOf(int tag, int timeTag) {
    for (int[] pair : DATE_TIME_PAIRS) {
      if (pair[1] == timeTag && pair[0] == tag) {
        return true;
      }
    }
    return false;
  }

  /**
   * PS3.4 C.2.2.2.5.1: {@code 20260312-20260314} with {@code 1000-1800} is 10:00 on the 12th to
   * 18:00 on the 14th, not 10:00 to 18:00 of each day. A candidate without a time counts as 00:00
   * of its date.
   */
  private static boolean matchesDateTime(String date, String time, Attributes c, int[] pair) {
    String day = c.getString(pair[0]);
    if (day == null || day.isEmpty()) {
      return false;
    }
    String at = c.getString(pair[1]);
    String value = day + (at == null ? "" : at);
    int dd = date.indexOf('-');
    int td = time.indexOf('-');
    String lo =
        date.substring(0, dd).isEmpty() ? "" : date.substring(0, dd) + time.substring(0, td);
    String hi =
        date.substring(dd + 1).isEmpty() ? "" : date.substring(dd + 1) + time.substring(td + 1);
    return inRange(value, lo, hi);
  }

  /** {@code lo <= value <= hi}, either bound empty for none; a shorter {@code hi} is a prefix. */
  private static boolean inRange(String value, String lo, String hi) {
    return (lo.isEmpty() || value.compareTo(lo) >= 0)
        && (hi.isEmpty()
            || value.compareTo(hi.length() < value.length() ? hi + "\uffff" : hi) <= 0);
  }

  private static boolean matchesSequence(Attributes itemKeys, Sequence candidate) {
    if (candidate == null) {
      return false;
    }
    for (Attributes item : candidate) {
      if (matches(itemKeys, item)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAny(VR vr, String[] key, String[] values) {
    for (String k : key) {
      for (String v : values) {
        if (matchesOne(vr, k, v)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesOne(VR vr, String key, String value) {
    if ((vr == VR.DA || vr == VR.TM || vr == VR.DT) && key.contains("-")) {
      int dash = key.indexOf('-');
      return inRange(value, key.substring(0, dash), key.substring(dash + 1));
    }
    boolean caseless = vr == VR.PN;
    if (key.indexOf('*') >= 0 || key.indexOf('?') >= 0) {
      return wildcard(key, caseless).matcher(value).matches();
    }
    return caseless ? key.equalsIgnoreCase(value) : key.equals(value);
  }

  /** Compiled wildcard keys: a query's keys are matched against every candidate. */
  private static final java.util.Map<String, Pattern> PATTERNS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int MAX_PATTERNS = 256;

  private static Pattern wildcard(String key, boolean caseless) {
    if (PATTERNS.size() > MAX_PATTERNS) {
      PATTERNS.clear();
    }
    return PATTERNS.computeIfAbsent(
        (caseless ? "i:" : "c:") + key,
        k -> {
          StringBuilder re = new StringBuilder();
          for (char c : key.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
          }
          return Pattern.compile(
              re.toString(), caseless ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        });
  }
}
