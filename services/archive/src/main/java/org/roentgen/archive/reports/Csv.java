package org.roentgen.archive.reports;

import java.math.BigDecimal;
import java.util.List;

/**
 * Tables as CSV (RFC 4180): a header row of the column names, records ended by CRLF, a field quoted
 * when it holds a comma, a double quote, CR or LF, a double quote inside doubled. Numbers are plain
 * decimals ({@code 70}, {@code 3.2}, {@code 0.00001}: no exponent), a missing value an empty field.
 * A text field that a spreadsheet would take for a formula (starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab or CR) is prefixed with an apostrophe (OWASP "CSV injection"): station
 * and protocol names come from the modalities' headers.
 */
public final class Csv {
  /** The media type of the CSV answers. */
  public static final String MEDIA_TYPE = "text/csv";

  private static final String CRLF = "\r\n";

  private Csv() {}

  /** The table as one CSV document. */
  public static String write(Table table) {
    StringBuilder out = new StringBuilder();
    record(out, List.copyOf(table.columns()));
    for (List<Object> row : table.rows()) {
      record(out, row);
    }
    return out.toString();
  }

  private static void record(StringBuilder out, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(cells.get(i)));
    }
    out.append(CRLF);
  }

  /** One field as it is written. */
  static String field(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number n) {
      return number(n);
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.indexOf(',') >= 0
        || s.indexOf('"') >= 0
        || s.indexOf('\r') >= 0
        || s.indexOf('\n') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  /** A number in plain decimal notation, as short as reads back to the same value. */
  static String number(Number n) {
    if (n instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return "";
      }
      if (d == 0) {
        return "0";
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (n instanceof Float f) {
      return number(f.doubleValue());
    }
    return n.toString();
  }
}
