package org.roentgen.tools.configdoc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code application.properties} read in order, with its comments: a comment block
 * starting with {@code # ----} opens a section (its text, dashes trimmed, names it); any other
 * comment block directly above a key is that key's note. Values are kept as written, expressions
 * such as {@code ${ROENTGEN_S3_ACCESS_KEY:roentgen}} included. Continuation lines (a trailing
 * backslash) are joined; {@code %profile.} prefixes are split off. Read as UTF-8, as SmallRye
 * Config reads it.
 */
final class PropertiesFile {
  private static final Pattern SECTION = Pattern.compile("^-{3,}\\s*|\\s*-{3,}$");
  private static final Pattern EXPRESSION =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  /**
   * One key set in the file.
   *
   * @param section the section it is in ("" before the first)
   * @param note the comment directly above it ("" when none)
   * @param profile the profile of a {@code %profile.key}, "" for every profile
   * @param key the key without the profile
   * @param value the value as written
   */
  record Entry(String section, String note, String profile, String key, String value) {
    /** The environment variable of this entry, the profile's prefix included. */
    String envName() {
      return EnvNames.of(profile.isEmpty() ? key : "%" + profile + "." + key);
    }
  }

  /**
   * An environment variable a value names: {@code ${NAME}} or {@code ${NAME:default}}.
   *
   * @param name the variable
   * @param defaultValue its default in the expression, or null when it has none (required)
   */
  record EnvReference(String name, String defaultValue) {}

  private PropertiesFile() {}

  static List<Entry> read(Path file) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Entry> parse(List<String> lines) {
    List<Entry> out = new ArrayList<>();
    String section = "";
    List<String> comment = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        section = closeComment(comment, section);
        continue;
      }
      if (line.startsWith("#") || line.startsWith("!")) {
        comment.add(line.substring(1).strip());
        continue;
      }
      StringBuilder logical = new StringBuilder(line);
      while (endsWithContinuation(logical) && i + 1 < lines.size()) {
        logical.setLength(logical.length() - 1);
        logical.append(lines.get(++i).strip());
      }
      String note = "";
      if (!comment.isEmpty()) {
        if (isSection(comment)) {
          section = sectionName(comment);
        } else {
          note = String.join(" ", comment);
        }
        comment.clear();
      }
      int sep = separator(logical);
      String key = unescape(logical.substring(0, sep).strip());
      String value = sep < logical.length() ? valueAfter(logical, sep) : "";
      String profile = "";
      if (key.startsWith("%")) {
        int dot = key.indexOf('.');
        profile = key.substring(1, dot);
        key = key.substring(dot + 1);
      }
      out.add(new Entry(section, note, profile, key, value));
    }
    return out;
  }

  /** The variables {@code value} names, in order. */
  static List<EnvReference> envReferences(String value) {
    List<EnvReference> out = new ArrayList<>();
    Matcher m = EXPRESSION.matcher(value);
    while (m.find()) {
      out.add(new EnvReference(m.group(1), m.group(2)));
    }
    return out;
  }

  /** A comment block followed by a blank line: a section header takes effect, a note is lost. */
  private static String closeComment(List<String> comment, String section) {
    String next = isSection(comment) ? sectionName(comment) : section;
    comment.clear();
    return next;
  }

  private static boolean isSection(List<String> comment) {
    return !comment.isEmpty() && comment.get(0).startsWith("----");
  }

  private static String sectionName(List<String> comment) {
    return SECTION.matcher(String.join(" ", comment).strip()).replaceAll("").strip();
  }

  private static boolean endsWithContinuation(CharSequence s) {
    int backslashes = 0;
    for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  /** The index of the key's end: the first unescaped {@code =}, {@code :} or whitespace. */
  private static int separator(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
        return i;
      }
    }
    return s.length();
  }

  private static String valueAfter(CharSequence s, int sep) {
    int i = sep;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i < s.length() && (s.charAt(i) == '=' || s.charAt(i) == ':')) {
      i++;
    }
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return unescape(s.subSequence(i, s.length()).toString());
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(
            switch (n) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
