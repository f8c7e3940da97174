package org.roentgen.archive.index;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Values of a header in the DICOM JSON model (PS3.18 F.2) as the pipeline's events carry it: an
 * object keyed by 8-hex-digit tags, each element with its {@code vr} and a {@code Value} array.
 * Person names are read by their alphabetic group.
 */
public final class Header {
  private final JsonNode json;

  public Header(JsonNode json) {
    this.json = json;
  }

  /** The JSON model itself. */
  public JsonNode json() {
    return json;
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** The tag as the JSON model keys it: 8 upper-case hex digits. */
  public static String key(int tag) {
    // Called for every attribute of every search result: no String.format.
    char[] c = new char[8];
    int t = tag;
    for (int i = 7; i >= 0; i--) {
      c[i] = HEX[t & 0xF];
      t >>>= 4;
    }
    return new String(c);
  }

  /** The element, or a missing node. */
  public JsonNode element(int tag) {
    return json.path(key(tag));
  }

  /** The first value as text (a person name by its alphabetic group), or null. */
  public String text(int tag) {
    JsonNode v = element(tag).path("Value").path(0);
    if (v.isTextual() || v.isNumber()) {
      String s = v.asText().strip();
      return s.isEmpty() ? null : s;
    }
    if (v.isObject() && v.path("Alphabetic").isTextual()) {
      String s = v.path("Alphabetic").asText().strip();
      return s.isEmpty() ? null : s;
    }
    return null;
  }

  /** Every value as text, joined by backslashes as in DICOM, or null when there is none. */
  public String texts(int tag) {
    StringBuilder out = new StringBuilder();
    for (JsonNode v : element(tag).path("Value")) {
      String s = v.isObject() ? v.path("Alphabetic").asText("") : v.asText("");
      if (out.length() > 0) {
        out.append('\\');
      }
      out.append(s.strip());
    }
    return out.length() == 0 ? null : out.toString();
  }

  /** The first value as a number, or null when absent or not a number. */
  public Double number(int tag) {
    JsonNode v = element(tag).path("Value").path(0);
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      try {
        return Double.valueOf(v.asText().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The first value as an integer, or null. */
  public Integer integer(int tag) {
    Double d = number(tag);
    return d == null || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE ? null : d.intValue();
  }

  /** The first item of a sequence as a header, or null. */
  public Header item(int tag) {
    JsonNode item = element(tag).path("Value").path(0);
    return item.isObject() ? new Header(item) : null;
  }
}
