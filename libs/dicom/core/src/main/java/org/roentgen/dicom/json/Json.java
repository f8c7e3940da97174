package org.roentgen.dicom.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON (RFC 8259) parser and string quoter, enough for the DICOM JSON model: objects become
 * {@code LinkedHashMap<String, Object>}, arrays {@code List<Object>}, numbers {@link BigDecimal},
 * and {@code true}, {@code false}, {@code null} their Java values.
 */
public final class Json {
  private static final int MAX_DEPTH = 256;

  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /** Parses one JSON value; trailing non-space text is an error. */
  public static Object parse(String text) throws JsonException {
    Json p = new Json(text);
    Object v = p.value(0);
    p.space();
    if (p.i != text.length()) {
      throw p.error("unexpected text after the value");
    }
    return v;
  }

  /** Thrown for text that is not JSON, with the character offset. */
  public static final class JsonException extends IOException {
    public JsonException(String message) {
      super(message);
    }
  }

  private JsonException error(String what) {
    return new JsonException(what + " at character " + i);
  }

  private void space() {
    while (i < s.length()
        && (s.charAt(i) == ' '
            || s.charAt(i) == '\n'
            || s.charAt(i) == '\r'
            || s.charAt(i) == '\t')) {
      i++;
    }
  }

  private Object value(int depth) throws JsonException {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    space();
    if (i >= s.length()) {
      throw error("unexpected end of text");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Object literal(String word, Object v) throws JsonException {
    if (!s.startsWith(word, i)) {
      throw error("expected " + word);
    }
    i += word.length();
    return v;
  }

  private Map<String, Object> object(int depth) throws JsonException {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    space();
    if (i < s.length() && s.charAt(i) == '}') {
      i++;
      return m;
    }
    while (true) {
      space();
      if (i >= s.length() || s.charAt(i) != '"') {
        throw error("expected a member name");
      }
      String k = string();
      space();
      if (i >= s.length() || s.charAt(i) != ':') {
        throw error("expected ':'");
      }
      i++;
      m.put(k, value(depth + 1));
      space();
      if (i < s.length() && s.charAt(i) == ',') {
        i++;
      } else if (i < s.length() && s.charAt(i) == '}') {
        i++;
        return m;
      } else {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) throws JsonException {
    List<Object> l = new ArrayList<>();
    i++;
    space();
    if (i < s.length() && s.charAt(i) == ']') {
      i++;
      return l;
    }
    while (true) {
      l.add(value(depth + 1));
      space();
      if (i < s.length() && s.charAt(i) == ',') {
        i++;
      } else if (i < s.length() && s.charAt(i) == ']') {
        i++;
        return l;
      } else {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() throws JsonException {
    i++;
    StringBuilder sb = null;
    int start = i;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        String r = sb == null ? s.substring(start, i) : sb.append(s, start, i).toString();
        i++;
        return r;
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(s, start, i);
        if (++i >= s.length()) {
          break;
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw error("truncated \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            } catch (NumberFormatException x) {
              throw error("bad \\u escape");
            }
            i += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
        start = i;
      } else if (c < 0x20) {
        throw error("control character in string");
      } else {
        i++;
      }
    }
    throw error("unterminated string");
  }

  private BigDecimal number() throws JsonException {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    try {
      return new BigDecimal(s.substring(start, i));
    } catch (NumberFormatException x) {
      throw error("bad number");
    }
  }

  /** Appends {@code v} as a JSON string literal. */
  public static void quote(StringBuilder out, String v) {
    out.append('"');
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
