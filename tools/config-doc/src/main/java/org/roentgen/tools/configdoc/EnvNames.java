package org.roentgen.tools.configdoc;

import java.util.Locale;

/**
 * The environment variable a configuration key is read from: Quarkus (SmallRye Config, after
 * MicroProfile Config's rule) upper-cases the key and replaces every character that is not a letter
 * or a digit by {@code _}, so {@code quarkus.log.category."org.apache.kafka".level} is {@code
 * QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL} and a profile's {@code %test.a.b} is {@code
 * _TEST_A_B}. A placeholder of a map key ({@code <name>}) stays a placeholder, upper-cased.
 */
final class EnvNames {
  private EnvNames() {}

  static String of(String key) {
    StringBuilder out = new StringBuilder(key.length());
    int i = 0;
    while (i < key.length()) {
      char c = key.charAt(i);
      int close = c == '<' ? key.indexOf('>', i) : -1;
      if (close > 0) {
        out.append(key, i, close + 1);
        i = close + 1;
        continue;
      }
      out.append(isAsciiLetterOrDigit(c) ? c : '_');
      i++;
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
