package org.roentgen.dicom.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PS3.15 Table E.1-1, "Application Level Confidentiality Profile Attributes": the action of the
 * Basic Profile and of each option for every attribute the table lists.
 *
 * <p>The table is data, {@code basic-profile.tsv} beside this class, read once on first use. Its
 * header names the edition of the standard it was transcribed from ({@link #edition()}); each row
 * holds a tag, its keyword, the Basic Profile action and one column per {@link ProfileOption},
 * {@code -} where the standard's cell is blank. The table's row for private attributes is not a row
 * of the file: {@link Deidentifier} handles private elements itself.
 */
public final class BasicProfile {
  static final String RESOURCE = "basic-profile.tsv";
  private static final String EDITION_PREFIX = "# Edition: ";
  private static final String COMMENT = "#";
  private static final String BLANK = "-";
  private static final String REPEATING_DIGIT = "x";
  private static final int FIXED_COLUMNS = 3;
  private static final int HEX_RADIX = 16;

  private final String edition;
  private final List<ProfileRule> rules;
  private final Map<Integer, ProfileRule> exact = new HashMap<>();
  private final List<ProfileRule> repeating = new ArrayList<>();

  private BasicProfile(String edition, List<ProfileRule> rules) {
    this.edition = edition;
    this.rules = List.copyOf(rules);
    for (ProfileRule r : rules) {
      if (r.isRepeating()) {
        repeating.add(r);
      } else if (exact.put(r.tag(), r) != null) {
        throw new IllegalStateException(RESOURCE + ": two rows for " + r);
      }
    }
  }

  /** The table shipped with the toolkit, read on first use. */
  public static BasicProfile standard() {
    return Holder.STANDARD;
  }

  /** The edition of PS3.15 the table was transcribed from, e.g. {@code "PS3.15 2021b"}. */
  public String edition() {
    return edition;
  }

  /** Every row in file order (ascending tag). */
  public List<ProfileRule> rules() {
    return rules;
  }

  /** The row for {@code tag}, or null when the table does not list it (the attribute is kept). */
  public ProfileRule rule(int tag) {
    ProfileRule r = exact.get(tag);
    if (r != null) {
      return r;
    }
    for (ProfileRule p : repeating) {
      if (p.matches(tag)) {
        return p;
      }
    }
    return null;
  }

  private static final class Holder {
    static final BasicProfile STANDARD = load();
  }

  private static BasicProfile load() {
    try (InputStream in = BasicProfile.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(reader.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE, e);
    }
  }

  /**
   * Parses the lines of a table file.
   *
   * @throws IllegalStateException naming the line when the file is malformed: no edition, a wrong
   *     header, a bad tag, an unknown action code, a row with too few or too many columns
   */
  static BasicProfile parse(List<String> lines) {
    String edition = null;
    List<ProfileOption> columns = null;
    List<ProfileRule> rules = new ArrayList<>();
    for (int n = 1; n <= lines.size(); n++) {
      String line = lines.get(n - 1);
      if (line.startsWith(EDITION_PREFIX)) {
        edition = stripPeriod(line.substring(EDITION_PREFIX.length()).strip());
      } else if (line.isBlank() || line.startsWith(COMMENT)) {
        continue;
      } else if (columns == null) {
        columns = header(line.split("\t", -1), n);
      } else {
        rules.add(row(line.split("\t", -1), columns, n));
      }
    }
    if (edition == null || columns == null) {
      throw new IllegalStateException(
          RESOURCE + ": no \"" + EDITION_PREFIX + "\" line or no header");
    }
    return new BasicProfile(edition, rules);
  }

  private static String stripPeriod(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static List<ProfileOption> header(String[] cells, int n) {
    if (cells.length < FIXED_COLUMNS
        || !cells[0].equals("tag")
        || !cells[1].equals("keyword")
        || !cells[2].equals("basic")) {
      throw malformed(n, "header must start with tag, keyword, basic");
    }
    List<ProfileOption> columns = new ArrayList<>();
    for (int i = FIXED_COLUMNS; i < cells.length; i++) {
      columns.add(optionOfColumn(cells[i], n));
    }
    return columns;
  }

  private static ProfileOption optionOfColumn(String column, int n) {
    for (ProfileOption o : ProfileOption.values()) {
      if (o.column().equals(column)) {
        return o;
      }
    }
    throw malformed(n, "unknown option column \"" + column + "\"");
  }

  private static ProfileRule row(String[] cells, List<ProfileOption> columns, int n) {
    if (cells.length != FIXED_COLUMNS + columns.size()) {
      throw malformed(n, cells.length + " columns, expected " + (FIXED_COLUMNS + columns.size()));
    }
    Map<ProfileOption, Action> options = new EnumMap<>(ProfileOption.class);
    try {
      for (int i = 0; i < columns.size(); i++) {
        String cell = cells[FIXED_COLUMNS + i];
        if (!cell.equals(BLANK)) {
          options.put(columns.get(i), Action.ofCode(cell));
        }
      }
      return new ProfileRule(
          patternTag(cells[0]), patternMask(cells[0]), cells[1], Action.ofCode(cells[2]), options);
    } catch (IllegalArgumentException e) {
      throw malformed(n, e.getMessage());
    }
  }

  /** {@code "(60xx,3000)"} to 0x60003000. */
  private static int patternTag(String cell) {
    String digits = hexDigits(cell);
    return Integer.parseUnsignedInt(digits.replace(REPEATING_DIGIT, "0"), HEX_RADIX);
  }

  /** {@code "(60xx,3000)"} to 0xFF00FFFF: the bits the x digits leave free are 0. */
  private static int patternMask(String cell) {
    String digits = hexDigits(cell);
    int mask = 0;
    for (int i = 0; i < digits.length(); i++) {
      mask = (mask << 4) | (digits.substring(i, i + 1).equals(REPEATING_DIGIT) ? 0 : 0xF);
    }
    return mask;
  }

  private static String hexDigits(String cell) {
    if (!cell.matches("\\([0-9A-Fx]{4},[0-9A-Fx]{4}\\)")) {
      throw new IllegalArgumentException("not a tag (gggg,eeee): \"" + cell + "\"");
    }
    return cell.substring(1, 5) + cell.substring(6, 10);
  }

  private static IllegalStateException malformed(int line, String why) {
    return new IllegalStateException(RESOURCE + " line " + line + ": " + why);
  }
}
