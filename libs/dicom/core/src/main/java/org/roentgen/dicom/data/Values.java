package org.roentgen.dicom.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decoding and encoding of element values by VR (PS3.5 section 6.2). */
final class Values {
  private static final String[] NONE = new String[0];

  private Values() {}

  /** The values of element {@code i} of {@code ds} as text; {@code cs} null means ASCII. */
  static String[] strings(Attributes ds, int i, SpecificCharacterSet cs) {
    VR vr = ds.vrAt(i);
    if (!(ds.valueAt(i) instanceof byte[] b) || b.length == 0) {
      return NONE;
    }
    boolean be = ds.isBigEndian();
    return switch (vr.kind()) {
      case STRING, PERSON_NAME -> splitText(vr, decode(b, vr, cs));
      case TEXT -> new String[] {trimTrailing(decode(b, vr, cs), vr)};
      case INT -> formatInts(vr, b, be);
      case FLOAT -> formatFloats(vr, b, be);
      case TAG -> formatTags(b, be);
      case BINARY, SEQUENCE -> NONE;
    };
  }

  private static String decode(byte[] b, VR vr, SpecificCharacterSet cs) {
    if (cs == null || !vr.isCharsetDependent()) {
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    return cs.decode(b, 0, b.length, vr);
  }

  private static String[] splitText(VR vr, String s) {
    List<String> out = new ArrayList<>(2);
    int start = 0;
    for (int k = 0; k <= s.length(); k++) {
      if (k == s.length() || s.charAt(k) == '\\') {
        out.add(trim(s.substring(start, k), vr));
        start = k + 1;
      }
    }
    return out.toArray(NONE);
  }

  /** Removes padding: leading and trailing spaces (UI: trailing NULs too), PS3.5 6.2. */
  private static String trim(String s, VR vr) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
      end--;
    }
    int start = 0;
    if (vr != VR.UI) {
      while (start < end && s.charAt(start) == ' ') {
        start++;
      }
    }
    return s.substring(start, end);
  }

  private static String trimTrailing(String s, VR vr) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
      end--;
    }
    return s.substring(0, end);
  }

  private static String[] formatInts(VR vr, byte[] b, boolean be) {
    long[] v = longs(vr, b, be);
    String[] s = new String[v.length];
    for (int k = 0; k < v.length; k++) {
      s[k] = vr == VR.UV ? Long.toUnsignedString(v[k]) : Long.toString(v[k]);
    }
    return s;
  }

  private static String[] formatFloats(VR vr, byte[] b, boolean be) {
    double[] v = doubles(vr, b, be);
    String[] s = new String[v.length];
    for (int k = 0; k < v.length; k++) {
      s[k] = vr == VR.FL ? Float.toString((float) v[k]) : Double.toString(v[k]);
    }
    return s;
  }

  private static String[] formatTags(byte[] b, boolean be) {
    String[] s = new String[b.length / 4];
    for (int k = 0; k < s.length; k++) {
      s[k] = String.format("%08X", Bytes.tag(b, 4 * k, be));
    }
    return s;
  }

  static int[] ints(Attributes ds, int i) {
    long[] l = longs(ds, i);
    int[] v = new int[l.length];
    for (int k = 0; k < l.length; k++) {
      v[k] = (int) l[k];
    }
    return v;
  }

  static long[] longs(Attributes ds, int i) {
    VR vr = ds.vrAt(i);
    if (!(ds.valueAt(i) instanceof byte[] b)) {
      return new long[0];
    }
    if (vr == VR.OW || vr == VR.OL || vr == VR.OV) {
      return longs(vr, b, ds.isBigEndian());
    }
    return switch (vr.kind()) {
      case INT -> longs(vr, b, ds.isBigEndian());
      case FLOAT -> {
        double[] d = doubles(vr, b, ds.isBigEndian());
        long[] l = new long[d.length];
        for (int k = 0; k < d.length; k++) {
          l[k] = (long) d[k];
        }
        yield l;
      }
      case STRING -> {
        String[] s = strings(ds, i, null);
        List<Long> out = new ArrayList<>(s.length);
        for (String x : s) {
          if (!x.isEmpty()) {
            out.add(
                vr == VR.DS
                    ? new BigDecimal(x).longValue()
                    : Long.parseLong(x.startsWith("+") ? x.substring(1) : x));
          }
        }
        yield out.stream().mapToLong(Long::longValue).toArray();
      }
      default -> new long[0];
    };
  }

  private static long[] longs(VR vr, byte[] b, boolean be) {
    int unit = vr.swapUnit();
    long[] v = new long[b.length / unit];
    for (int k = 0; k < v.length; k++) {
      int off = k * unit;
      v[k] =
          switch (vr) {
            case US, OW -> Bytes.u16(b, off, be);
            case SS -> (short) Bytes.u16(b, off, be);
            case UL, OL -> Bytes.i32(b, off, be) & 0xFFFFFFFFL;
            case SL -> Bytes.i32(b, off, be);
            default -> Bytes.i64(b, off, be);
          };
    }
    return v;
  }

  static double[] doubles(Attributes ds, int i) {
    VR vr = ds.vrAt(i);
    if (!(ds.valueAt(i) instanceof byte[] b)) {
      return new double[0];
    }
    if (vr == VR.OF || vr == VR.OD) {
      return doubles(vr, b, ds.isBigEndian());
    }
    return switch (vr.kind()) {
      case FLOAT -> doubles(vr, b, ds.isBigEndian());
      case INT -> {
        long[] l = longs(vr, b, ds.isBigEndian());
        double[] d = new double[l.length];
        for (int k = 0; k < l.length; k++) {
          d[k] = l[k];
        }
        yield d;
      }
      case STRING -> {
        String[] s = strings(ds, i, null);
        List<Double> out = new ArrayList<>(s.length);
        for (String x : s) {
          if (!x.isEmpty()) {
            out.add(Double.parseDouble(x));
          }
        }
        yield out.stream().mapToDouble(Double::doubleValue).toArray();
      }
      default -> new double[0];
    };
  }

  private static double[] doubles(VR vr, byte[] b, boolean be) {
    if (vr == VR.FL || vr == VR.OF) {
      double[] v = new double[b.length / 4];
      for (int k = 0; k < v.length; k++) {
        v[k] = Float.intBitsToFloat(Bytes.i32(b, 4 * k, be));
      }
      return v;
    }
    double[] v = new double[b.length / 8];
    for (int k = 0; k < v.length; k++) {
      v[k] = Double.longBitsToDouble(Bytes.i64(b, 8 * k, be));
    }
    return v;
  }

  // ---- encoding --------------------------------------------------------------------------------

  static byte[] encodeStrings(SpecificCharacterSet cs, VR vr, String... values) {
    String joined = values.length == 1 ? values[0] : String.join("\\", values);
    byte[] b =
        vr.isCharsetDependent()
            ? cs.encode(joined, vr)
            : joined.getBytes(StandardCharsets.ISO_8859_1);
    return padded(b, vr);
  }

  static byte[] padded(byte[] b, VR vr) {
    if ((b.length & 1) == 0) {
      return b;
    }
    byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
    p[b.length] = (byte) vr.paddingByte();
    return p;
  }

  static byte[] parseBinary(VR vr, String[] values, boolean be) {
    return switch (vr.kind()) {
      case INT -> {
        long[] l = new long[values.length];
        for (int k = 0; k < l.length; k++) {
          l[k] =
              vr == VR.UV
                  ? Long.parseUnsignedLong(values[k].trim())
                  : Long.parseLong(values[k].trim());
        }
        yield encodeLongs(vr, l, be);
      }
      case FLOAT -> {
        double[] d = new double[values.length];
        for (int k = 0; k < d.length; k++) {
          d[k] = Double.parseDouble(values[k].trim());
        }
        yield encodeDoubles(vr, d, be);
      }
      case TAG -> {
        byte[] b = new byte[4 * values.length];
        for (int k = 0; k < values.length; k++) {
          Bytes.putTag(b, 4 * k, (int) Long.parseLong(values[k].replaceAll("[(),]", ""), 16), be);
        }
        yield b;
      }
      default -> throw new IllegalArgumentException(vr + " values cannot be given as text");
    };
  }

  static byte[] encodeInts(VR vr, int[] values, boolean be) {
    long[] l = new long[values.length];
    for (int k = 0; k < l.length; k++) {
      l[k] = vr == VR.UL || vr == VR.US ? values[k] & 0xFFFFFFFFL : values[k];
    }
    return encodeLongs(vr, l, be);
  }

  static byte[] encodeLongs(VR vr, long[] values, boolean be) {
    switch (vr) {
      case US, SS, OW -> {
        byte[] b = new byte[2 * values.length];
        for (int k = 0; k < values.length; k++) {
          Bytes.put16(b, 2 * k, (int) values[k], be);
        }
        return b;
      }
      case UL, SL, OL -> {
        byte[] b = new byte[4 * values.length];
        for (int k = 0; k < values.length; k++) {
          Bytes.put32(b, 4 * k, (int) values[k], be);
        }
        return b;
      }
      case SV, UV, OV -> {
        byte[] b = new byte[8 * values.length];
        for (int k = 0; k < values.length; k++) {
          Bytes.put64(b, 8 * k, values[k], be);
        }
        return b;
      }
      case FL, FD, OF, OD -> {
        double[] d = new double[values.length];
        for (int k = 0; k < d.length; k++) {
          d[k] = values[k];
        }
        return encodeDoubles(vr, d, be);
      }
      case IS, DS -> {
        String[] s = new String[values.length];
        for (int k = 0; k < s.length; k++) {
          s[k] = Long.toString(values[k]);
        }
        return encodeStrings(null, vr, s);
      }
      default -> throw new IllegalArgumentException(vr + " does not hold integers");
    }
  }

  static byte[] encodeDoubles(VR vr, double[] values, boolean be) {
    switch (vr) {
      case FL, OF -> {
        byte[] b = new byte[4 * values.length];
        for (int k = 0; k < values.length; k++) {
          Bytes.put32(b, 4 * k, Float.floatToIntBits((float) values[k]), be);
        }
        return b;
      }
      case FD, OD -> {
        byte[] b = new byte[8 * values.length];
        for (int k = 0; k < values.length; k++) {
          Bytes.put64(b, 8 * k, Double.doubleToLongBits(values[k]), be);
        }
        return b;
      }
      case DS -> {
        String[] s = new String[values.length];
        for (int k = 0; k < s.length; k++) {
          s[k] = formatDecimalString(values[k]);
        }
        return encodeStrings(null, vr, s);
      }
      default -> {
        long[] l = new long[values.length];
        for (int k = 0; k < l.length; k++) {
          l[k] = (long) values[k];
        }
        return encodeLongs(vr, l, be);
      }
    }
  }

  /**
   * Formats a double as a Decimal String of at most 16 characters (PS3.5 table 6.2-1, DS), in any
   * default locale; a value that would round past the largest double is rounded down.
   */
  static String formatDecimalString(double d) {
    BigDecimal exact = BigDecimal.valueOf(d);
    String s = exact.stripTrailingZeros().toPlainString();
    if (s.length() <= 16) {
      return s;
    }
    RoundingMode mode = RoundingMode.HALF_EVEN;
    for (int digits = 15; digits > 0; digits--) {
      String e =
          exact
              .round(new MathContext(digits, mode))
              .stripTrailingZeros()
              .toString()
              .replace("E+", "E");
      if (Double.isInfinite(Double.parseDouble(e))) {
        mode = RoundingMode.DOWN;
        digits++;
      } else if (e.length() <= 16) {
        return e;
      }
    }
    return Double.toString(d);
  }
}
