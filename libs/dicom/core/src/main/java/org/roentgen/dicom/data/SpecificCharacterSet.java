package org.roentgen.dicom.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Interim stand-in (replaced by the full codec on merge): ASCII, Latin-1 and UTF-8 only. */
public final class SpecificCharacterSet {
  private static final SpecificCharacterSet DEFAULT =
      new SpecificCharacterSet(new String[0], StandardCharsets.ISO_8859_1);
  private final String[] terms;
  private final Charset charset;

  private SpecificCharacterSet(String[] terms, Charset charset) {
    this.terms = terms;
    this.charset = charset;
  }

  public static SpecificCharacterSet valueOf(String... definedTerms) {
    if (definedTerms == null || definedTerms.length == 0) {
      return DEFAULT;
    }
    String t = definedTerms[definedTerms.length - 1];
    Charset cs = "ISO_IR 192".equals(t) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    return new SpecificCharacterSet(definedTerms.clone(), cs);
  }

  public String decode(byte[] bytes, int offset, int length, VR vr) {
    return new String(bytes, offset, length, vr.isCharsetDependent() ? charset : StandardCharsets.ISO_8859_1);
  }

  public byte[] encode(String value, VR vr) {
    return value.getBytes(vr.isCharsetDependent() ? charset : StandardCharsets.ISO_8859_1);
  }

  public boolean isAscii() {
    return terms.length == 0;
  }

  public String[] definedTerms() {
    return terms.clone();
  }
}
