package org.roentgen.dicom.tools;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two DICOM JSON trees (as parsed by {@code Json.parse}) and names the first difference.
 * Numbers compare by value (FL and OF at float precision); the value of Specific Character Set is
 * not compared, since DCMTK rewrites it to ISO_IR 192 when it converts to UTF-8.
 */
final class JsonDiff {
  /** Which values to compare. */
  record Options(Set<String> ignoredTags, boolean compareCharsetText) {}

  private static final Set<String> CHARSET_VRS = Set.of("SH", "LO", "ST", "LT", "UC", "UT", "PN");

  private JsonDiff() {}

  static String first(Object expected, Object actual, Options o) {
    return dataset(expected, actual, "", o);
  }

  private static String dataset(Object e, Object a, String path, Options o) {
    if (!(e instanceof Map<?, ?> em) || !(a instanceof Map<?, ?> am)) {
      return path + ": not both objects";
    }
    Set<String> keys = new TreeSet<>();
    em.keySet().forEach(k -> keys.add((String) k));
    am.keySet().forEach(k -> keys.add((String) k));
    for (String k : keys) {
      if (o.ignoredTags().contains(k)) {
        continue;
      }
      String p = path + "/" + k;
      if (!em.containsKey(k)) {
        return p + ": only in ours";
      }
      if (!am.containsKey(k)) {
        return p + ": only in DCMTK's";
      }
      String d = element((Map<?, ?>) em.get(k), (Map<?, ?>) am.get(k), p, k, o);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static String element(Map<?, ?> e, Map<?, ?> a, String path, String tag, Options o) {
    Object vr = e.get("vr");
    if (!vr.equals(a.get("vr"))) {
      return path + ": vr " + vr + " (DCMTK) != " + a.get("vr") + " (ours)";
    }
    if ("00080005".equals(tag) || (!o.compareCharsetText() && CHARSET_VRS.contains(vr))) {
      return null;
    }
    if (e.containsKey("InlineBinary") || a.containsKey("InlineBinary")) {
      return java.util.Objects.equals(e.get("InlineBinary"), a.get("InlineBinary"))
          ? null
          : path + ": InlineBinary differs";
    }
    Object ev = e.get("Value");
    Object av = a.get("Value");
    if (ev == null || av == null) {
      return ev == av ? null : path + ": Value " + ev + " (DCMTK) != " + av + " (ours)";
    }
    List<?> el = (List<?>) ev;
    List<?> al = (List<?>) av;
    if (el.size() != al.size()) {
      return path
          + ": "
          + el.size()
          + " values (DCMTK) != "
          + al.size()
          + " (ours): "
          + el
          + " vs "
          + al;
    }
    for (int i = 0; i < el.size(); i++) {
      String d =
          "SQ".equals(vr)
              ? dataset(el.get(i), al.get(i), path + "[" + i + "]", o)
              : value(el.get(i), al.get(i), (String) vr, path + "[" + i + "]");
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static String value(Object e, Object a, String vr, String path) {
    if (e instanceof BigDecimal x && a instanceof BigDecimal y) {
      boolean same =
          switch (vr) {
            case "FL", "OF" -> Float.compare(x.floatValue(), y.floatValue()) == 0;
            case "FD", "OD" -> Double.compare(x.doubleValue(), y.doubleValue()) == 0;
            default -> x.compareTo(y) == 0;
          };
      return same ? null : path + ": " + x + " (DCMTK) != " + y + " (ours)";
    }
    return java.util.Objects.equals(e, a) ? null : path + ": " + e + " (DCMTK) != " + a + " (ours)";
  }
}
