package org.roentgen.validation.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Compares a person name on an image with the one on its order (PN, PS3.5 6.2.1): the alphabetic
 * groups exactly, or else tolerant of case, accents, spacing, punctuation and the order of the
 * family, given and middle name components (prefix and suffix are left out).
 */
public final class PersonNames {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-,.'’]+");

  /** How two names compare. */
  public enum Match {
    EXACT,
    TOLERANT,
    DIFFERENT
  }

  private PersonNames() {}

  public static Match compare(String a, String b) {
    String x = alphabetic(a);
    String y = alphabetic(b);
    if (x.equals(y)) {
      return Match.EXACT;
    }
    List<String> wx = words(x);
    List<String> wy = words(y);
    return !wx.isEmpty() && wx.equals(wy) ? Match.TOLERANT : Match.DIFFERENT;
  }

  /** The alphabetic group with trailing empty components removed. */
  static String alphabetic(String pn) {
    String g = pn == null ? "" : pn.split("=", -1)[0].trim();
    while (g.endsWith("^")) {
      g = g.substring(0, g.length() - 1);
    }
    return g;
  }

  /** The family, given and middle name words, folded and sorted. */
  static List<String> words(String alphabetic) {
    String[] components = alphabetic.split("\\^", -1);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < Math.min(3, components.length); i++) {
      String folded =
          MARKS
              .matcher(Normalizer.normalize(components[i], Normalizer.Form.NFD))
              .replaceAll("")
              .toUpperCase(Locale.ROOT);
      for (String w : SEPARATORS.split(folded)) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
    }
    words.sort(null);
    return words;
  }
}
