package org.roentgen.dicom.json;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.BulkData;
import org.roentgen.dicom.data.Bytes;
import org.roentgen.dicom.data.Fragments;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.Tags;
import org.roentgen.dicom.data.VR;

/**
 * The DICOM JSON Model, PS3.18 annex F, both ways.
 *
 * <p>Writing: each element becomes {@code "GGGGEEEE": {"vr": .., "Value": [..]}}; person names are
 * objects with Alphabetic, Ideographic and Phonetic groups (F.2.2); IS, DS and binary numbers are
 * JSON numbers; AT values are 8-hex-digit strings; binary values (OB, OW, UN...) are {@code
 * InlineBinary} (base64 of the little endian bytes) or, by {@link BulkDataMode}, a {@code
 * BulkDataURI} or left out. Encapsulated pixel data is written as InlineBinary of its item stream
 * (PS3.5 A.4 encoding). Group lengths are never written (F.2.2).
 */
public final class DicomJson {
  /** What to do with binary (bulk) values. */
  public enum BulkDataMode {
    /** Base64 InlineBinary for every binary value. */
    INLINE,
    /** Binary values above the threshold are left out (their "vr" stays). */
    OMIT,
    /** Binary values above the threshold become BulkDataURI (needs a URI function). */
    URI
  }

  /** Names the URI of a bulk value, given the tag path from the top-level dataset. */
  @FunctionalInterface
  public interface BulkDataUris {
    String uriOf(int[] tagPath);
  }

  private final BulkDataMode mode;
  private final int threshold;
  private final BulkDataUris uris;

  private DicomJson(BulkDataMode mode, int threshold, BulkDataUris uris) {
    this.mode = mode;
    this.threshold = threshold;
    this.uris = uris;
  }

  /** Every binary value inline. */
  public static DicomJson inline() {
    return new DicomJson(BulkDataMode.INLINE, Integer.MAX_VALUE, null);
  }

  /** Binary values longer than {@code threshold} bytes left out (a header without bulk data). */
  public static DicomJson omittingBulkData(int threshold) {
    return new DicomJson(BulkDataMode.OMIT, threshold, null);
  }

  /** Binary values longer than {@code threshold} bytes as BulkDataURI named by {@code uris}. */
  public static DicomJson withBulkDataUris(int threshold, BulkDataUris uris) {
    return new DicomJson(BulkDataMode.URI, threshold, uris);
  }

  // ---- writing -----------------------------------------------------------------------------

  /** The dataset as compact JSON text. */
  public String write(Attributes ds) {
    StringBuilder sb = new StringBuilder(ds.size() * 48);
    writeDataset(sb, ds, new int[0]);
    return sb.toString();
  }

  private void writeDataset(StringBuilder sb, Attributes ds, int[] path) {
    sb.append('{');
    boolean first = true;
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      if (Tags.isGroupLength(tag)) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append('"').append(Tags.toHex(tag)).append("\":{\"vr\":\"").append(ds.vrAt(i)).append('"');
      int[] p = java.util.Arrays.copyOf(path, path.length + 1);
      p[path.length] = tag;
      writeValue(sb, ds, i, p);
      sb.append('}');
    }
    sb.append('}');
  }

  private void writeValue(StringBuilder sb, Attributes ds, int i, int[] path) {
    VR vr = ds.vrAt(i);
    Object v = ds.valueAt(i);
    if (v instanceof Sequence s) {
      if (!s.isEmpty()) {
        sb.append(",\"Value\":[");
        for (int k = 0; k < s.size(); k++) {
          if (k > 0) {
            sb.append(',');
          }
          writeDataset(sb, s.get(k), path);
        }
        sb.append(']');
      }
      return;
    }
    if (v instanceof Fragments f) {
      writeBulk(sb, encapsulated(f), path);
      return;
    }
    if (v instanceof BulkData b) {
      if (mode == BulkDataMode.URI) {
        sb.append(",\"BulkDataURI\":");
        Json.quote(sb, uris.uriOf(path));
      } else if (mode == BulkDataMode.INLINE) {
        sb.append(",\"BulkDataURI\":");
        Json.quote(sb, b.uri() + "?offset=" + b.offset() + "&length=" + b.length());
      }
      return;
    }
    byte[] bytes = (byte[]) v;
    if (bytes.length == 0) {
      return;
    }
    if (vr.kind() == VR.Kind.BINARY) {
      byte[] le = ds.isBigEndian() ? Bytes.swapped(bytes, vr.swapUnit()) : bytes;
      // An odd length is padded, as the value is when encoded (PS3.5 7.1.1).
      writeBulk(sb, (le.length & 1) != 0 ? java.util.Arrays.copyOf(le, le.length + 1) : le, path);
      return;
    }
    String[] values = ds.getStrings(ds.tagAt(i));
    if (vr == VR.PN) {
      values = normalisedNames(values);
      if (values.length == 0) {
        return;
      }
    }
    sb.append(",\"Value\":[");
    for (int k = 0; k < values.length; k++) {
      if (k > 0) {
        sb.append(',');
      }
      writeOne(sb, vr, values[k]);
    }
    sb.append(']');
  }

  private void writeOne(StringBuilder sb, VR vr, String value) {
    if (value.isEmpty()) {
      sb.append("null");
      return;
    }
    switch (vr.kind()) {
      case PERSON_NAME -> writePersonName(sb, value);
      case INT -> sb.append(value);
      case FLOAT -> {
        if (value.equals("NaN") || value.contains("Infinity")) {
          Json.quote(sb, value);
        } else {
          sb.append(value);
        }
      }
      default -> {
        if (vr == VR.IS || vr == VR.DS) {
          sb.append(number(value));
        } else {
          Json.quote(sb, value);
        }
      }
    }
  }

  /** A JSON number for an IS or DS value; text that is no number stays a string. */
  private static String number(String value) {
    try {
      return new BigDecimal(value.trim()).toString();
    } catch (NumberFormatException e) {
      StringBuilder q = new StringBuilder();
      Json.quote(q, value);
      return q.toString();
    }
  }

  /**
   * Drops trailing empty components and groups of each name (PS3.5 6.2.1 lets them be left out),
   * and all values when every one is empty.
   */
  private static String[] normalisedNames(String[] values) {
    boolean any = false;
    String[] out = new String[values.length];
    for (int k = 0; k < values.length; k++) {
      String[] groups = values[k].split("=", -1);
      StringBuilder sb = new StringBuilder();
      for (int g = 0; g < groups.length; g++) {
        String t = groups[g];
        int end = t.length();
        while (end > 0 && (t.charAt(end - 1) == '^' || t.charAt(end - 1) == ' ')) {
          end--;
        }
        if (g > 0) {
          sb.append('=');
        }
        sb.append(t, 0, end);
      }
      int end = sb.length();
      while (end > 0 && sb.charAt(end - 1) == '=') {
        end--;
      }
      out[k] = sb.substring(0, end);
      any |= end > 0;
    }
    return any ? out : new String[0];
  }

  private static void writePersonName(StringBuilder sb, String value) {
    String[] groups = value.split("=", -1);
    String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
    sb.append('{');
    boolean first = true;
    for (int g = 0; g < Math.min(groups.length, 3); g++) {
      if (groups[g].isEmpty()) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append('"').append(names[g]).append("\":");
      Json.quote(sb, groups[g]);
    }
    sb.append('}');
  }

  private void writeBulk(StringBuilder sb, byte[] bytes, int[] path) {
    if (bytes.length <= threshold || mode == BulkDataMode.INLINE) {
      sb.append(",\"InlineBinary\":\"")
          .append(Base64.getEncoder().encodeToString(bytes))
          .append('"');
    } else if (mode == BulkDataMode.URI) {
      sb.append(",\"BulkDataURI\":");
      Json.quote(sb, uris.uriOf(path));
    }
  }

  private static byte[] encapsulated(Fragments f) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] h = new byte[8];
    for (Object o : f) {
      if (!(o instanceof byte[] b)) {
        throw new IllegalArgumentException(
            "encapsulated pixel data left in its file cannot be inlined: use a BulkDataURI");
      }
      int padded = b.length + (b.length & 1);
      Bytes.putTag(h, 0, Tag.Item, false);
      Bytes.put32(h, 4, padded, false);
      out.write(h, 0, 8);
      out.write(b, 0, b.length);
      if (padded != b.length) {
        out.write(0);
      }
    }
    Bytes.putTag(h, 0, Tag.SequenceDelimitationItem, false);
    Bytes.put32(h, 4, 0, false);
    out.write(h, 0, 8);
    return out.toByteArray();
  }

  // ---- reading -----------------------------------------------------------------------------

  /** Parses DICOM JSON (one dataset object) into a little endian dataset. */
  public static Attributes read(String json) throws Json.JsonException {
    Object root = Json.parse(json);
    if (!(root instanceof Map<?, ?> m)) {
      throw new Json.JsonException("a DICOM JSON dataset must be an object");
    }
    Attributes ds = new Attributes(false, m.size());
    readDataset(ds, m);
    return ds;
  }

  /**
   * Parses DICOM JSON holding one dataset object or an array of them (the form of a QIDO-RS
   * response, PS3.18 F.2). JSON text is Unicode, so a top-level dataset without a Specific
   * Character Set of its own whose text goes beyond ASCII is given ISO_IR 192 (UTF-8, the
   * repertoire of every JSON string) instead of being refused.
   */
  public static List<Attributes> readAll(String json) throws Json.JsonException {
    Object root = Json.parse(json);
    List<?> objects = root instanceof List<?> list ? list : List.of(root);
    List<Attributes> datasets = new ArrayList<>(objects.size());
    for (Object o : objects) {
      if (!(o instanceof Map<?, ?> m)) {
        throw new Json.JsonException("a DICOM JSON dataset must be an object");
      }
      Attributes ds = new Attributes(false, m.size() + 1);
      if (!m.containsKey("00080005") && !isAscii(m)) {
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
      }
      readDataset(ds, m);
      datasets.add(ds);
    }
    return datasets;
  }

  /** Whether every string in a parsed JSON value (keys included) is plain ASCII. */
  private static boolean isAscii(Object o) {
    if (o instanceof String s) {
      return s.chars().allMatch(c -> c < 0x80);
    }
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!isAscii(e.getKey()) || !isAscii(e.getValue())) {
          return false;
        }
      }
    } else if (o instanceof List<?> l) {
      for (Object v : l) {
        if (!isAscii(v)) {
          return false;
        }
      }
    }
    return true;
  }

  private static void readDataset(Attributes ds, Map<?, ?> m) throws Json.JsonException {
    // Specific Character Set first, so that text is encoded with it.
    Object cs = m.get("00080005");
    if (cs != null) {
      readElement(ds, "00080005", cs);
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!"00080005".equals(e.getKey())) {
        readElement(ds, (String) e.getKey(), e.getValue());
      }
    }
  }

  private static void readElement(Attributes ds, String key, Object o) throws Json.JsonException {
    int tag;
    try {
      tag = (int) Long.parseLong(key, 16);
    } catch (NumberFormatException x) {
      throw new Json.JsonException("not a tag: " + key);
    }
    if (key.length() != 8 || !(o instanceof Map<?, ?> attr)) {
      throw new Json.JsonException("bad element " + key);
    }
    VR vr = VR.ofName(String.valueOf(attr.get("vr")));
    if (vr == null) {
      throw new Json.JsonException("element " + key + " has no valid vr: " + attr.get("vr"));
    }
    Object value = attr.get("Value");
    Object inline = attr.get("InlineBinary");
    Object uri = attr.get("BulkDataURI");
    if (inline instanceof String b64) {
      try {
        ds.setBytes(tag, vr, Base64.getDecoder().decode(b64));
      } catch (IllegalArgumentException e) {
        throw new Json.JsonException("bad InlineBinary in " + key + ": " + e.getMessage());
      }
    } else if (uri instanceof String u) {
      ds.setValue(tag, vr, new BulkData(u, 0, -1, false));
    } else if (value instanceof List<?> list) {
      readValues(ds, tag, vr, list);
    } else {
      ds.setNull(tag, vr);
    }
  }

  private static void readValues(Attributes ds, int tag, VR vr, List<?> list)
      throws Json.JsonException {
    if (vr == VR.SQ) {
      Sequence s = ds.newSequence(tag, list.size());
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> im)) {
          throw new Json.JsonException("sequence item of " + Tags.toHex(tag) + " is not an object");
        }
        readDataset(s.addItem(), im);
      }
      return;
    }
    List<String> text = new ArrayList<>(list.size());
    for (Object v : list) {
      if (v == null) {
        text.add("");
      } else if (v instanceof Map<?, ?> pn) {
        text.add(personName(pn));
      } else if (v instanceof BigDecimal n) {
        text.add(vr == VR.IS || vr.kind() == VR.Kind.INT ? integerText(n) : n.toString());
      } else {
        text.add(String.valueOf(v));
      }
    }
    try {
      ds.setString(tag, vr, text.toArray(new String[0]));
    } catch (IllegalArgumentException e) {
      throw new Json.JsonException(
          "bad " + vr + " value in " + Tags.toHex(tag) + ": " + e.getMessage());
    }
  }

  /** An integer-valued JSON number as IS or binary integer text: 2.0 and 2E+1 are "2" and "20". */
  private static String integerText(BigDecimal n) {
    try {
      return n.toBigIntegerExact().toString();
    } catch (ArithmeticException notAnInteger) {
      return n.toString();
    }
  }

  private static String personName(Map<?, ?> pn) {
    String a = (String) pn.get("Alphabetic");
    String i = (String) pn.get("Ideographic");
    String p = (String) pn.get("Phonetic");
    String s = (a == null ? "" : a) + "=" + (i == null ? "" : i) + "=" + (p == null ? "" : p);
    while (s.endsWith("=")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
