package org.roentgen.dicom.data;

import java.util.List;

/**
 * A character of a text value cannot be represented in the repertoire named by Specific Character
 * Set (0008,0005), PS3.5 section 6.1. Thrown instead of silently writing a replacement character.
 */
public final class CharsetEncodeException extends IllegalArgumentException {

  private final List<String> definedTerms;
  private final int codePoint;
  private final int index;
  private final VR vr;

  CharsetEncodeException(List<String> definedTerms, int codePoint, int index, VR vr) {
    super(
        String.format(
            "U+%04X at index %d of a %s value cannot be encoded with Specific Character Set %s",
            codePoint, index, vr, String.join("\\", definedTerms)));
    this.definedTerms = List.copyOf(definedTerms);
    this.codePoint = codePoint;
    this.index = index;
    this.vr = vr;
  }

  /** The values of (0008,0005) in force; empty for the default repertoire. */
  public List<String> definedTerms() {
    return definedTerms;
  }

  /** The Unicode code point that has no representation. */
  public int codePoint() {
    return codePoint;
  }

  /** Index of the offending character in the Java string. */
  public int index() {
    return index;
  }

  /** The VR of the value being encoded. */
  public VR vr() {
    return vr;
  }
}
