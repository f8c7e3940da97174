package org.roentgen.dicom.tools;

import java.util.regex.Pattern;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.VR;

/**
 * Attribute matching of C-FIND keys, PS3.4 C.2.2.2: universal (empty key), single value
 * (case-sensitive except PN), wildcard ({@code *} and {@code ?}), list of UIDs (backslash), range
 * for dates and times ({@code a-b}, {@code a-}, {@code -b}) and sequence matching (each item key
 * against any item of the candidate's sequence).
 */
final class Matching {
  private Matching() {}

  /** True when {@code candidate} matches every non-empty key of {@code keys}. */
  static boolean matches(Attributes keys, Attributes candidate) {
    for (int i = 0; i < keys.size(); i++) {
      int tag = keys.tagAt(i);
      if (tag == org.roentgen.dicom.data.Tag.QueryRetrieveLevel
          || tag == org.roentgen.dicom.data.Tag.SpecificCharacterSet
          || (tag >>> 16) == 0x0002) {
        continue;
      }
      VR vr = keys.vrAt(i);
      if (keys.valueAt(i) instanceof Sequence ks) {
        if (!ks.isEmpty()
            && !ks.get(0).isEmpty()
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
      String lo = key.substring(0, dash);
      String hi = key.substring(dash + 1);
      return (lo.isEmpty() || value.compareTo(lo) >= 0)
          && (hi.isEmpty()
              || value.compareTo(hi.length() < value.length() ? hi + "\uffff" : hi) <= 0);
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
