package org.roentgen.router.rules;

import java.util.regex.Pattern;

/**
 * Checks a regex replacement string ({@link java.util.regex.Matcher#replaceAll}) against its
 * pattern before any value meets it: {@code $n} needs group n, {@code ${name}} a named group, and a
 * backslash escapes the next character.
 */
final class Replacements {
  private Replacements() {}

  /** What is wrong with {@code replacement} for {@code pattern}, or null when it is usable. */
  static String problem(Pattern pattern, String replacement) {
    int groups = pattern.matcher("").groupCount();
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '\\') {
        if (++i == replacement.length()) {
          return "it ends with a lone backslash";
        }
      } else if (c == '$') {
        if (++i == replacement.length()) {
          return "it ends with a lone $ (write \\$ for a dollar sign)";
        }
        char n = replacement.charAt(i);
        if (Character.isDigit(n)) {
          if (n - '0' > groups) {
            return "$" + n + " refers to group " + n + ", and the regex has " + groups;
          }
        } else if (n == '{') {
          int end = replacement.indexOf('}', i);
          String name = end < 0 ? "" : replacement.substring(i + 1, end);
          if (name.isEmpty() || !pattern.pattern().contains("(?<" + name + ">")) {
            return "${" + name + "} names no group of the regex";
          }
          i = end;
        } else {
          return "$ must be followed by a group number or {name} (write \\$ for a dollar sign)";
        }
      }
    }
    return null;
  }
}
