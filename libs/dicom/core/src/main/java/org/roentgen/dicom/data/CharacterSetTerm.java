package org.roentgen.dicom.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roentgen.dicom.data.Iso2022.Designation;

/**
 * The Defined Terms of Specific Character Set (0008,0005), PS3.3 section C.12.1.1.2: tables C.12-2
 * (single-byte, no code extensions), C.12-3 (single-byte with code extensions), C.12-4 (multi-byte
 * with code extensions) and C.12-5 (multi-byte without code extensions).
 */
public enum CharacterSetTerm {
  /** Default repertoire, ISO-IR 6 (ISO 646); also what an empty value means. */
  ISO_IR_6("ISO_IR 6", "US-ASCII"),
  ISO_IR_100("ISO_IR 100", "ISO-8859-1"),
  ISO_IR_101("ISO_IR 101", "ISO-8859-2"),
  ISO_IR_109("ISO_IR 109", "ISO-8859-3"),
  ISO_IR_110("ISO_IR 110", "ISO-8859-4"),
  ISO_IR_144("ISO_IR 144", "ISO-8859-5"),
  ISO_IR_127("ISO_IR 127", "ISO-8859-6"),
  ISO_IR_126("ISO_IR 126", "ISO-8859-7"),
  ISO_IR_138("ISO_IR 138", "ISO-8859-8"),
  ISO_IR_148("ISO_IR 148", "ISO-8859-9"),
  ISO_IR_203("ISO_IR 203", "ISO-8859-15"),
  /** JIS X 0201: Katakana in GR, Romaji in GL. */
  ISO_IR_13("ISO_IR 13", "JIS_X0201"),
  /** TIS 620-2533 (Thai), which the JDK provides as ISO 8859-11. */
  ISO_IR_166("ISO_IR 166", "x-iso-8859-11"),
  /** Unicode in UTF-8, table C.12-5. */
  ISO_IR_192("ISO_IR 192", "UTF-8"),
  /** GB 18030, table C.12-5. */
  GB18030("GB18030", "GB18030"),
  /** GBK, table C.12-5. */
  GBK("GBK", "GBK"),
  ISO_2022_IR_6("ISO 2022 IR 6", Designation.ASCII, null),
  ISO_2022_IR_100("ISO 2022 IR 100", Designation.ASCII, Designation.LATIN_1),
  ISO_2022_IR_101("ISO 2022 IR 101", Designation.ASCII, Designation.LATIN_2),
  ISO_2022_IR_109("ISO 2022 IR 109", Designation.ASCII, Designation.LATIN_3),
  ISO_2022_IR_110("ISO 2022 IR 110", Designation.ASCII, Designation.LATIN_4),
  ISO_2022_IR_144("ISO 2022 IR 144", Designation.ASCII, Designation.CYRILLIC),
  ISO_2022_IR_127("ISO 2022 IR 127", Designation.ASCII, Designation.ARABIC),
  ISO_2022_IR_126("ISO 2022 IR 126", Designation.ASCII, Designation.GREEK),
  ISO_2022_IR_138("ISO 2022 IR 138", Designation.ASCII, Designation.HEBREW),
  ISO_2022_IR_148("ISO 2022 IR 148", Designation.ASCII, Designation.LATIN_5),
  ISO_2022_IR_203("ISO 2022 IR 203", Designation.ASCII, Designation.LATIN_9),
  ISO_2022_IR_13("ISO 2022 IR 13", Designation.JIS_ROMAN, Designation.KATAKANA),
  ISO_2022_IR_166("ISO 2022 IR 166", Designation.ASCII, Designation.THAI),
  /** JIS X 0208 Kanji in G0, table C.12-4. */
  ISO_2022_IR_87("ISO 2022 IR 87", Designation.JIS_X0208, null),
  /** JIS X 0212 supplementary Kanji in G0, table C.12-4. */
  ISO_2022_IR_159("ISO 2022 IR 159", Designation.JIS_X0212, null),
  /** KS X 1001 in G1, table C.12-4. */
  ISO_2022_IR_149("ISO 2022 IR 149", null, Designation.KS_X1001),
  /** GB 2312 in G1, table C.12-4. */
  ISO_2022_IR_58("ISO 2022 IR 58", null, Designation.GB2312);

  private static final Map<String, CharacterSetTerm> BY_TERM = new HashMap<>();
  private static final Pattern LOOSE_SINGLE =
      Pattern.compile("ISO[ _-]?IR[ _-]?(\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern LOOSE_EXTENSION =
      Pattern.compile("ISO[ _-]?2022[ _-]?IR[ _-]?(\\d+)", Pattern.CASE_INSENSITIVE);

  static {
    for (CharacterSetTerm t : values()) {
      BY_TERM.put(t.definedTerm, t);
    }
  }

  private final String definedTerm;
  private final String charsetName;
  private final Designation g0;
  private final Designation g1;
  private final boolean codeExtension;

  CharacterSetTerm(String definedTerm, String charsetName) {
    this.definedTerm = definedTerm;
    this.charsetName = charsetName;
    this.g0 = null;
    this.g1 = null;
    this.codeExtension = false;
  }

  CharacterSetTerm(String definedTerm, Designation g0, Designation g1) {
    this.definedTerm = definedTerm;
    this.charsetName = null;
    this.g0 = g0;
    this.g1 = g1;
    this.codeExtension = true;
  }

  /** The Defined Term exactly as PS3.3 spells it. */
  public String definedTerm() {
    return definedTerm;
  }

  /** True for the "ISO 2022 IR n" terms of tables C.12-3 and C.12-4. */
  public boolean isCodeExtension() {
    return codeExtension;
  }

  /** Java charset name for terms without code extensions; null for ISO 2022 terms. */
  String charsetName() {
    return charsetName;
  }

  /** What this term designates to G0, or null. */
  Designation g0() {
    return g0;
  }

  /** What this term designates to G1, or null. */
  Designation g1() {
    return g1;
  }

  /** The sets other than ASCII and JIS Romaji that this term designates, for the encoder. */
  List<Designation> extensions() {
    if (g0 != null && !g0.isSingleByteG0()) {
      return g1 == null ? List.of(g0) : List.of(g0, g1);
    }
    return g1 == null ? List.of() : List.of(g1);
  }

  /**
   * The ISO 2022 term for the same repertoire ("ISO_IR 100" gives "ISO 2022 IR 100"), or null when
   * there is none (UTF-8, GB18030, GBK).
   */
  CharacterSetTerm asCodeExtension() {
    if (codeExtension) {
      return this;
    }
    return BY_TERM.get(definedTerm.replace("ISO_IR ", "ISO 2022 IR "));
  }

  /** The term spelled exactly as in PS3.3, or null. */
  static CharacterSetTerm ofDefinedTerm(String term) {
    return BY_TERM.get(term);
  }

  /**
   * The term a misspelled value most likely means ("ISO_IR_100", "iso-ir 100", "ISO2022 IR 87"), or
   * null. Callers record that the value did not follow PS3.3.
   */
  static CharacterSetTerm ofLooseSpelling(String term) {
    Matcher m = LOOSE_EXTENSION.matcher(term);
    if (m.matches()) {
      return BY_TERM.get("ISO 2022 IR " + Integer.parseInt(m.group(1)));
    }
    m = LOOSE_SINGLE.matcher(term);
    if (m.matches()) {
      return BY_TERM.get("ISO_IR " + Integer.parseInt(m.group(1)));
    }
    return null;
  }
}
