package org.roentgen.dicom.data;

import java.util.Arrays;

/**
 * Compares two datasets element by element and describes the first difference, so that a test
 * failure says where two datasets part (a tag path, the two VRs or values).
 */
public final class Differences {
  private Differences() {}

  /** Describes the first difference between {@code a} and {@code b}, or null when equal. */
  public static String first(Attributes a, Attributes b) {
    return first(a, b, "");
  }

  private static String first(Attributes a, Attributes b, String path) {
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      int ta = i < a.size() ? a.tagAt(i) : -1;
      int tb = j < b.size() ? b.tagAt(j) : -1;
      if (i >= a.size() || (j < b.size() && Integer.compareUnsigned(ta, tb) > 0)) {
        return path + Tags.toString(tb) + " only in the second";
      }
      if (j >= b.size() || Integer.compareUnsigned(ta, tb) < 0) {
        return path + Tags.toString(ta) + " only in the first";
      }
      String d = element(a, i, b, j, path + Tags.toString(ta));
      if (d != null) {
        return d;
      }
      i++;
      j++;
    }
    return null;
  }

  private static String element(Attributes a, int i, Attributes b, int j, String path) {
    VR va = a.vrAt(i);
    VR vb = b.vrAt(j);
    if (va != vb) {
      return path + " VR " + va + " != " + vb;
    }
    Object x = a.valueAt(i);
    Object y = b.valueAt(j);
    if (x instanceof byte[] && y instanceof byte[]) {
      byte[] p = a.littleEndianBytes(i);
      byte[] q = b.littleEndianBytes(j);
      return Arrays.equals(p, q) || paddedEqual(p, q, va) || paddedEqual(q, p, va)
          ? null
          : path + " value " + preview(a, i) + " != " + preview(b, j);
    }
    if (x instanceof Sequence s && y instanceof Sequence t) {
      if (s.size() != t.size()) {
        return path + " has " + s.size() + " items != " + t.size();
      }
      for (int k = 0; k < s.size(); k++) {
        String d = first(s.get(k), t.get(k), path + "[" + k + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (x instanceof Fragments f && y instanceof Fragments g) {
      return f.equals(g) ? null : path + " fragments differ (" + f.size() + " vs " + g.size() + ")";
    }
    return x.equals(y) ? null : path + " value kinds differ: " + kind(x) + " vs " + kind(y);
  }

  /**
   * True when {@code longer} is {@code odd} with the one padding byte that encoding adds to an
   * odd-length value (PS3.5 7.1.1): writing and reading back such a value is no difference.
   */
  private static boolean paddedEqual(byte[] odd, byte[] longer, VR vr) {
    return (odd.length & 1) == 1
        && longer.length == odd.length + 1
        && (longer[odd.length] & 0xFF) == vr.paddingByte()
        && Arrays.equals(odd, 0, odd.length, longer, 0, odd.length);
  }

  private static String kind(Object v) {
    return v.getClass().getSimpleName();
  }

  private static String preview(Attributes ds, int i) {
    byte[] b = (byte[]) ds.valueAt(i);
    String[] s = Values.strings(ds, i, ds.charset());
    if (s.length > 0) {
      String joined = String.join("\\", s);
      return "[" + (joined.length() > 64 ? joined.substring(0, 64) + "..." : joined) + "]";
    }
    return "<" + b.length + " bytes>";
  }
}
