package org.roentgen.dicom.data;

/** Formats a dataset as readable text, one element a line, items indented (for dumps and logs). */
public final class DatasetText {
  private DatasetText() {}

  /** Formats {@code ds}; values are cut at {@code maxValueChars} characters. */
  public static String format(Attributes ds, int maxValueChars) {
    StringBuilder sb = new StringBuilder(ds.size() * 64);
    append(sb, ds, "", maxValueChars);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Attributes ds, String indent, int max) {
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      VR vr = ds.vrAt(i);
      Object v = ds.valueAt(i);
      sb.append(indent).append(Tags.toString(tag)).append(' ').append(vr).append(' ');
      if (v instanceof Sequence s) {
        sb.append("(Sequence with ").append(s.size()).append(" items)");
      } else if (v instanceof Fragments f) {
        sb.append("(Encapsulated, ").append(f.size()).append(" fragments)");
      } else if (v instanceof BulkData b) {
        sb.append("(Bulk data, ")
            .append(b.length())
            .append(" bytes at offset ")
            .append(b.offset())
            .append(')');
      } else {
        sb.append(valueText(ds, i, (byte[]) v, max));
      }
      String keyword = ElementDictionary.keywordOf(tag);
      sb.append("  # ").append(v instanceof byte[] b ? b.length : -1);
      if (keyword != null) {
        sb.append(' ').append(keyword);
      }
      sb.append('\n');
      if (v instanceof Sequence s) {
        for (int k = 0; k < s.size(); k++) {
          sb.append(indent).append("  (FFFE,E000) Item #").append(k + 1).append('\n');
          append(sb, s.get(k), indent + "    ", max);
        }
      }
    }
  }

  private static String valueText(Attributes ds, int i, byte[] b, int max) {
    if (b.length == 0) {
      return "(no value)";
    }
    VR vr = ds.vrAt(i);
    String text;
    if (vr.kind() == VR.Kind.BINARY) {
      StringBuilder hex = new StringBuilder();
      for (int k = 0; k < b.length && hex.length() < max; k++) {
        if (k > 0) {
          hex.append('\\');
        }
        hex.append(String.format("%02x", b[k] & 0xFF));
      }
      text = hex.toString();
    } else {
      text = "[" + String.join("\\", Values.strings(ds, i, ds.charset())) + "]";
    }
    return text.length() > max ? text.substring(0, max) + "..." : text;
  }
}
