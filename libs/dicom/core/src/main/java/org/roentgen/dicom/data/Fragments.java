package org.roentgen.dicom.data;

import java.util.ArrayList;

/**
 * Encapsulated pixel data, PS3.5 section A.4: the items of an undefined-length pixel data element.
 * The first item is the Basic Offset Table (possibly empty). Each element is either a {@code
 * byte[]} (the fragment's bytes) or a {@link BulkData} reference to them.
 */
public final class Fragments extends ArrayList<Object> {
  private final VR vr;

  public Fragments(VR vr, int capacity) {
    super(capacity);
    this.vr = vr;
  }

  /** The VR of the pixel data element (OB in practice). */
  public VR vr() {
    return vr;
  }

  /** The length in bytes of fragment {@code i}. */
  public long lengthOf(int i) {
    Object f = get(i);
    return f instanceof BulkData b ? b.length() : ((byte[]) f).length;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Fragments other) || other.size() != size()) {
      return false;
    }
    for (int i = 0; i < size(); i++) {
      Object a = get(i);
      Object b = other.get(i);
      if (a instanceof byte[] x && b instanceof byte[] y) {
        if (!java.util.Arrays.equals(x, y)) {
          return false;
        }
      } else if (!a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return size();
  }
}
