package org.roentgen.validation.domain;

import java.util.Locale;
import org.roentgen.dicom.data.Attributes;

/**
 * Read access to an instance's header for the checks: values trimmed, empty as null, so that
 * "absent" and "present but empty" stay distinguishable where the standard cares (type 2).
 */
public final class Header {
  private final Attributes ds;

  public Header(Attributes ds) {
    this.ds = ds;
  }

  public Attributes attributes() {
    return ds;
  }

  /** Whether the attribute is in the header (with or without a value). */
  public boolean present(int tag) {
    return ds.contains(tag);
  }

  /** Whether the attribute is there with a non-empty value. */
  public boolean hasValue(int tag) {
    String[] values = values(tag);
    if (values == null) {
      return ds.containsValue(tag);
    }
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return true;
      }
    }
    return false;
  }

  /** The first value trimmed, or null when absent or empty. */
  public String string(int tag) {
    String v;
    try {
      v = ds.getString(tag);
    } catch (RuntimeException e) {
      return null;
    }
    if (v == null) {
      return null;
    }
    v = v.trim();
    return v.isEmpty() ? null : v;
  }

  /** The first value trimmed and upper-cased, or null. */
  public String upper(int tag) {
    String v = string(tag);
    return v == null ? null : v.toUpperCase(Locale.ROOT);
  }

  /** All values as strings, or null when the attribute has no string form (a sequence). */
  public String[] values(int tag) {
    try {
      return ds.getStrings(tag);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The first value as a number, or null when absent, empty or not a number. */
  public Double number(int tag) {
    String v = string(tag);
    if (v == null) {
      return null;
    }
    try {
      return Double.valueOf(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
