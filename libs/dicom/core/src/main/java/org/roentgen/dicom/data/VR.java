package org.roentgen.dicom.data;

/**
 * Value Representations, PS3.5 section 6.2, table 6.2-1.
 *
 * <p>Each constant knows how it is encoded: whether explicit VR uses a 16-bit length (PS3.5 7.1.2),
 * its padding byte, the unit in which its bytes swap between little and big endian, and whether its
 * text is affected by Specific Character Set (PS3.5 6.1.2.3).
 */
public enum VR {
  AE(Kind.STRING, true, ' ', 1, false, 16),
  AS(Kind.STRING, true, ' ', 1, false, 4),
  AT(Kind.TAG, true, 0, 2, false, 4),
  CS(Kind.STRING, true, ' ', 1, false, 16),
  DA(Kind.STRING, true, ' ', 1, false, 8),
  DS(Kind.STRING, true, ' ', 1, false, 16),
  DT(Kind.STRING, true, ' ', 1, false, 26),
  FD(Kind.FLOAT, true, 0, 8, false, 8),
  FL(Kind.FLOAT, true, 0, 4, false, 4),
  IS(Kind.STRING, true, ' ', 1, false, 12),
  LO(Kind.STRING, true, ' ', 1, true, 64),
  LT(Kind.TEXT, true, ' ', 1, true, 10240),
  OB(Kind.BINARY, false, 0, 1, false, -1),
  OD(Kind.BINARY, false, 0, 8, false, -1),
  OF(Kind.BINARY, false, 0, 4, false, -1),
  OL(Kind.BINARY, false, 0, 4, false, -1),
  OV(Kind.BINARY, false, 0, 8, false, -1),
  OW(Kind.BINARY, false, 0, 2, false, -1),
  PN(Kind.PERSON_NAME, true, ' ', 1, true, 64),
  SH(Kind.STRING, true, ' ', 1, true, 16),
  SL(Kind.INT, true, 0, 4, false, 4),
  SQ(Kind.SEQUENCE, false, 0, 1, false, -1),
  SS(Kind.INT, true, 0, 2, false, 2),
  ST(Kind.TEXT, true, ' ', 1, true, 1024),
  SV(Kind.INT, false, 0, 8, false, 8),
  TM(Kind.STRING, true, ' ', 1, false, 14),
  UC(Kind.STRING, false, ' ', 1, true, -1),
  UI(Kind.STRING, true, 0, 1, false, 64),
  UL(Kind.INT, true, 0, 4, false, 4),
  UN(Kind.BINARY, false, 0, 1, false, -1),
  UR(Kind.TEXT, false, ' ', 1, false, -1),
  US(Kind.INT, true, 0, 2, false, 2),
  UT(Kind.TEXT, false, ' ', 1, true, -1),
  UV(Kind.INT, false, 0, 8, false, 8);

  /** How values of a VR are represented. */
  public enum Kind {
    /** Character string; several values are separated by a backslash. */
    STRING,
    /** Character string that holds exactly one value; a backslash is an ordinary character. */
    TEXT,
    /** Person name: components and component groups, PS3.5 6.2.1. */
    PERSON_NAME,
    /** Binary integers (signed for SS, SL, SV). */
    INT,
    /** IEEE 754 floating point. */
    FLOAT,
    /** Attribute tags, pairs of 16-bit unsigned integers. */
    TAG,
    /** Other: byte, word, float, double, long and very long strings; unknown. */
    BINARY,
    /** Sequence of items. */
    SEQUENCE
  }

  private final Kind kind;
  private final boolean shortLength;
  private final int paddingByte;
  private final int swapUnit;
  private final boolean charsetDependent;
  private final int maxBytesPerValue;
  private final int code;

  VR(
      Kind kind,
      boolean shortLength,
      int paddingByte,
      int swapUnit,
      boolean charsetDependent,
      int maxBytesPerValue) {
    this.kind = kind;
    this.shortLength = shortLength;
    this.paddingByte = paddingByte;
    this.swapUnit = swapUnit;
    this.charsetDependent = charsetDependent;
    this.maxBytesPerValue = maxBytesPerValue;
    this.code = (name().charAt(0) << 8) | name().charAt(1);
  }

  private static final VR[] BY_CODE = new VR[0x10000];

  static {
    for (VR vr : values()) {
      BY_CODE[vr.code] = vr;
    }
  }

  /**
   * Returns the VR whose two ASCII characters are {@code code} (first character in the high byte),
   * or {@code null} when the code names no VR.
   */
  public static VR ofCode(int code) {
    return code < 0 || code > 0xFFFF ? null : BY_CODE[code];
  }

  /** Returns the VR named by a two-letter string, or {@code null}. */
  public static VR ofName(String name) {
    if (name == null || name.length() != 2) {
      return null;
    }
    return ofCode((name.charAt(0) << 8) | name.charAt(1));
  }

  /** The two ASCII characters of this VR as a 16-bit code, first character in the high byte. */
  public int code() {
    return code;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * True when explicit VR encoding uses a 2-byte length field for this VR, false when it has two
   * reserved bytes and a 4-byte length (PS3.5 7.1.2, tables 7.1-1 and 7.1-2).
   */
  public boolean isShortLength() {
    return shortLength;
  }

  /** The byte that pads a value to even length (PS3.5 6.2): space for text, zero otherwise. */
  public int paddingByte() {
    return paddingByte;
  }

  /** The number of bytes that swap together between little and big endian (1: no swap). */
  public int swapUnit() {
    return swapUnit;
  }

  /** True when the value's text is decoded with the dataset's Specific Character Set. */
  public boolean isCharsetDependent() {
    return charsetDependent;
  }

  /** Maximum length in bytes of one value, or -1 when not limited by this table. */
  public int maxBytesPerValue() {
    return maxBytesPerValue;
  }

  /** True for VRs whose value is text (strings, text, person names). */
  public boolean isText() {
    return kind == Kind.STRING || kind == Kind.TEXT || kind == Kind.PERSON_NAME;
  }

  /** True for VRs that hold binary numbers or bytes. */
  public boolean isBinary() {
    return kind == Kind.INT || kind == Kind.FLOAT || kind == Kind.TAG || kind == Kind.BINARY;
  }
}
