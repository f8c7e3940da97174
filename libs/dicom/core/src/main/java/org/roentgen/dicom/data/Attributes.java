package org.roentgen.dicom.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A DICOM dataset or sequence item: data elements sorted by tag (PS3.5 section 7). This is the one
 * mutable container of the toolkit and is not thread-safe.
 *
 * <p>Values stay as the bytes that were read, in this dataset's byte order, until they are asked
 * for: {@link #getString} decodes text with the Specific Character Set in force, {@link #getInt}
 * and friends decode binary numbers. A value is one of: {@code byte[]} (possibly empty), {@link
 * Sequence}, {@link Fragments} (encapsulated pixel data) or {@link BulkData} (a reference to bytes
 * left in their source).
 */
public final class Attributes {
  private static final byte[] EMPTY = new byte[0];

  private final boolean bigEndian;
  private int[] tags;
  private VR[] vrs;
  private Object[] values;
  private int size;
  private Attributes parent;
  private SpecificCharacterSet charset;

  public Attributes() {
    this(false, 16);
  }

  /**
   * @param bigEndian byte order of the binary values this dataset holds
   * @param capacity initial number of elements
   */
  public Attributes(boolean bigEndian, int capacity) {
    this.bigEndian = bigEndian;
    int c = Math.max(capacity, 4);
    this.tags = new int[c];
    this.vrs = new VR[c];
    this.values = new Object[c];
  }

  /** A deep copy of {@code other}, in the requested byte order. */
  public Attributes(Attributes other, boolean bigEndian) {
    this(bigEndian, other.size);
    addAll(other);
  }

  public boolean isBigEndian() {
    return bigEndian;
  }

  public Attributes parent() {
    return parent;
  }

  void setParent(Attributes parent) {
    this.parent = parent;
    this.charset = null;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The tags of the elements in ascending (unsigned) order. */
  public int[] tags() {
    return Arrays.copyOf(tags, size);
  }

  public int tagAt(int index) {
    return tags[index];
  }

  public VR vrAt(int index) {
    return vrs[index];
  }

  public Object valueAt(int index) {
    return values[index];
  }

  /** Index of {@code tag}, or {@code -(insertion point) - 1} when absent. */
  public int indexOf(int tag) {
    int lo = 0;
    int hi = size - 1;
    if (hi >= 0 && Integer.compareUnsigned(tags[hi], tag) < 0) {
      return -(size + 1);
    }
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Integer.compareUnsigned(tags[mid], tag);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  public boolean contains(int tag) {
    return indexOf(tag) >= 0;
  }

  /** True when the element is present and has a non-empty value. */
  public boolean containsValue(int tag) {
    int i = indexOf(tag);
    if (i < 0) {
      return false;
    }
    Object v = values[i];
    return v instanceof byte[] b
        ? b.length > 0
        : v instanceof java.util.List<?> l ? !l.isEmpty() : v != null;
  }

  public VR getVR(int tag) {
    int i = indexOf(tag);
    return i < 0 ? null : vrs[i];
  }

  /** The raw value: {@code byte[]}, {@link Sequence}, {@link Fragments}, {@link BulkData}. */
  public Object getValue(int tag) {
    int i = indexOf(tag);
    return i < 0 ? null : values[i];
  }

  /** The value bytes in this dataset's byte order, or null when absent or not a byte value. */
  public byte[] getBytes(int tag) {
    return getValue(tag) instanceof byte[] b ? b : null;
  }

  public Sequence getSequence(int tag) {
    return getValue(tag) instanceof Sequence s ? s : null;
  }

  public Fragments getFragments(int tag) {
    return getValue(tag) instanceof Fragments f ? f : null;
  }

  public BulkData getBulkData(int tag) {
    return getValue(tag) instanceof BulkData b ? b : null;
  }

  /**
   * The Specific Character Set in force here: this dataset's (0008,0005) or its parent's. Only this
   * dataset's own value is cached: an inherited one is asked of the parent each time, so that a
   * parent's later change reaches the items.
   */
  public SpecificCharacterSet charset() {
    SpecificCharacterSet cs = charset;
    if (cs == null) {
      int i = indexOf(Tag.SpecificCharacterSet);
      if (i >= 0) {
        cs = SpecificCharacterSet.valueOf(Values.strings(this, i, null));
      } else if (parent != null) {
        return parent.charset();
      } else {
        cs = SpecificCharacterSet.valueOf();
      }
      charset = cs;
    }
    return cs;
  }

  /** The first value as text (numbers formatted), or null when absent or empty. */
  public String getString(int tag) {
    return getString(tag, 0, null);
  }

  /** Value {@code index} as text, or {@code def} when absent or empty. */
  public String getString(int tag, int index, String def) {
    String[] s = getStrings(tag);
    return s != null && index < s.length ? s[index] : def;
  }

  /** All values as text, or null when the element is absent. Empty value: empty array. */
  public String[] getStrings(int tag) {
    int i = indexOf(tag);
    if (i < 0) {
      return null;
    }
    // Only text the Specific Character Set affects needs it (UIDs, codes and numbers do not).
    return Values.strings(this, i, vrs[i].isCharsetDependent() ? charset() : null);
  }

  public int getInt(int tag, int def) {
    int[] v = getInts(tag);
    return v != null && v.length > 0 ? v[0] : def;
  }

  /** All values as ints (binary integers, IS, DS truncated), or null when absent. */
  public int[] getInts(int tag) {
    int i = indexOf(tag);
    return i < 0 ? null : Values.ints(this, i);
  }

  public long getLong(int tag, long def) {
    long[] v = getLongs(tag);
    return v != null && v.length > 0 ? v[0] : def;
  }

  public long[] getLongs(int tag) {
    int i = indexOf(tag);
    return i < 0 ? null : Values.longs(this, i);
  }

  public double getDouble(int tag, double def) {
    double[] v = getDoubles(tag);
    return v != null && v.length > 0 ? v[0] : def;
  }

  public double[] getDoubles(int tag) {
    int i = indexOf(tag);
    return i < 0 ? null : Values.doubles(this, i);
  }

  // ---- modification -------------------------------------------------------------------------

  /**
   * Sets the value of {@code tag}: {@code byte[]} in this dataset's byte order, {@link Sequence},
   * {@link Fragments}, {@link BulkData} or null (empty value). Replaces any previous value.
   */
  public void setValue(int tag, VR vr, Object value) {
    Objects.requireNonNull(vr, "vr");
    if (value == null) {
      value = EMPTY;
    }
    if (!(value instanceof byte[]
        || value instanceof Sequence
        || value instanceof Fragments
        || value instanceof BulkData)) {
      throw new IllegalArgumentException("unsupported value type " + value.getClass());
    }
    if (tag == Tag.SpecificCharacterSet) {
      charset = null;
    }
    int i = indexOf(tag);
    if (i >= 0) {
      vrs[i] = vr;
      values[i] = value;
      return;
    }
    insert(-i - 1, tag, vr, value);
  }

  private void insert(int at, int tag, VR vr, Object value) {
    if (size == tags.length) {
      int n = size + (size >> 1) + 4;
      tags = Arrays.copyOf(tags, n);
      vrs = Arrays.copyOf(vrs, n);
      values = Arrays.copyOf(values, n);
    }
    if (at < size) {
      System.arraycopy(tags, at, tags, at + 1, size - at);
      System.arraycopy(vrs, at, vrs, at + 1, size - at);
      System.arraycopy(values, at, values, at + 1, size - at);
    }
    tags[at] = tag;
    vrs[at] = vr;
    values[at] = value;
    size++;
  }

  public void setBytes(int tag, VR vr, byte[] value) {
    setValue(tag, vr, value);
  }

  public void setNull(int tag, VR vr) {
    setValue(tag, vr, vr == VR.SQ ? new Sequence(this, 0) : EMPTY);
  }

  /** Sets text values, encoded with the Specific Character Set in force. */
  public void setString(int tag, VR vr, String... values) {
    if (vr.isBinary()) {
      setValue(tag, vr, Values.parseBinary(vr, values, bigEndian));
      return;
    }
    if (tag == Tag.SpecificCharacterSet) {
      charset = null;
    }
    SpecificCharacterSet cs =
        tag == Tag.SpecificCharacterSet ? SpecificCharacterSet.valueOf() : charset();
    setValue(tag, vr, Values.encodeStrings(cs, vr, values));
  }

  public void setInt(int tag, VR vr, int... values) {
    setValue(tag, vr, Values.encodeInts(vr, values, bigEndian));
  }

  public void setLong(int tag, VR vr, long... values) {
    setValue(tag, vr, Values.encodeLongs(vr, values, bigEndian));
  }

  public void setDouble(int tag, VR vr, double... values) {
    setValue(tag, vr, Values.encodeDoubles(vr, values, bigEndian));
  }

  /** Creates (or replaces with) an empty sequence and returns it. */
  public Sequence newSequence(int tag, int capacity) {
    Sequence s = new Sequence(this, capacity);
    setValue(tag, VR.SQ, s);
    return s;
  }

  public Fragments newFragments(int tag, VR vr, int capacity) {
    Fragments f = new Fragments(vr, capacity);
    setValue(tag, vr, f);
    return f;
  }

  /** Removes {@code tag}; returns its value or null. */
  public Object remove(int tag) {
    int i = indexOf(tag);
    if (i < 0) {
      return null;
    }
    Object v = values[i];
    System.arraycopy(tags, i + 1, tags, i, size - i - 1);
    System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    values[size] = null;
    if (tag == Tag.SpecificCharacterSet) {
      charset = null;
    }
    return v;
  }

  /**
   * Appends an element whose tag is greater than every tag present (the reader's fast path); falls
   * back to an ordered insert otherwise.
   */
  public void append(int tag, VR vr, Object value) {
    if (size > 0 && Integer.compareUnsigned(tags[size - 1], tag) >= 0) {
      setValue(tag, vr, value);
      return;
    }
    insert(size, tag, vr, value == null ? EMPTY : value);
  }

  /** Copies every element of {@code other} into this dataset (deep copy, byte order adjusted). */
  public void addAll(Attributes other) {
    for (int i = 0; i < other.size; i++) {
      setValue(
          other.tags[i], other.vrs[i], copyValue(other.vrs[i], other.values[i], other.bigEndian));
    }
  }

  private Object copyValue(VR vr, Object v, boolean fromBigEndian) {
    if (v instanceof byte[] b) {
      return fromBigEndian == bigEndian ? b.clone() : Bytes.swapped(b, vr.swapUnit());
    }
    if (v instanceof Sequence s) {
      Sequence copy = new Sequence(this, s.size());
      for (Attributes item : s) {
        copy.add(new Attributes(item, bigEndian));
      }
      return copy;
    }
    if (v instanceof Fragments f) {
      Fragments copy = new Fragments(f.vr(), f.size());
      for (Object o : f) {
        copy.add(o instanceof byte[] b ? b.clone() : o);
      }
      return copy;
    }
    return v;
  }

  /** The value bytes of element {@code index} in little endian, without copying when possible. */
  byte[] littleEndianBytes(int index) {
    byte[] b = (byte[]) values[index];
    return bigEndian ? Bytes.swapped(b, vrs[index].swapUnit()) : b;
  }

  // ---- equality ------------------------------------------------------------------------------

  /**
   * Equal when both hold the same tags with the same VRs and values; binary values compare
   * independent of byte order, so the same dataset read from two transfer syntaxes is equal.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes other && Differences.first(this, other) == null;
  }

  @Override
  public int hashCode() {
    int h = size;
    for (int i = 0; i < size; i++) {
      h = 31 * h + tags[i];
    }
    return h;
  }

  @Override
  public String toString() {
    return DatasetText.format(this, 200);
  }
}
