package org.roentgen.tools.configdoc;

import java.util.Locale;

/** Property names from method names, as SmallRye's default (kebab-case) naming strategy does. */
final class Names {
  private Names() {}

  /**
   * {@code maxPduLength} is {@code max-pdu-length}: a dash before an upper-case letter that follows
   * a lower-case letter or a digit, or that starts a word after an acronym ({@code URLPath} is
   * {@code url-path}); everything lower-cased.
   */
  static String kebab(String method) {
    StringBuilder out = new StringBuilder(method.length() + 4);
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char prev = method.charAt(i - 1);
        boolean nextLower = i + 1 < method.length() && Character.isLowerCase(method.charAt(i + 1));
        if (Character.isLowerCase(prev)
            || Character.isDigit(prev)
            || (Character.isUpperCase(prev) && nextLower)) {
          out.append('-');
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
