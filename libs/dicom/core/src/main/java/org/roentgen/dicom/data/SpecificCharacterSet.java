package org.roentgen.dicom.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.roentgen.dicom.data.Iso2022.Designation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The character repertoires named by Specific Character Set (0008,0005), PS3.5 section 6.1 and
 * PS3.3 section C.12.1.1.2, and the codec for the text of values whose VR it affects (SH, LO, UC,
 * ST, LT, UT, PN; PS3.5 6.1.2.3). Other text VRs use the default repertoire.
 *
 * <p>Immutable and thread-safe; {@link #valueOf} returns one shared instance per distinct list of
 * values. Decoding is lenient: unknown Defined Terms fall back to the default repertoire and are
 * listed by {@link #unrecognizedTerms()}, bytes outside the repertoire decode as ISO 8859-1 and
 * malformed multi-byte characters as U+FFFD. Encoding is strict and throws {@link
 * CharsetEncodeException}.
 *
 * <p>Decoding does not remove padding; callers trim trailing spaces (and NUL for UI) per PS3.5 6.2.
 */
public final class SpecificCharacterSet {

  private static final Logger LOG = LoggerFactory.getLogger(SpecificCharacterSet.class);

  /** The default repertoire, ISO-IR 6 (PS3.5 6.1.2.1): no value of (0008,0005). */
  public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(new String[0]);

  /** At most this many distinct value lists are cached; more are built on each call. */
  private static final int CACHE_LIMIT = 256;

  /** Characters below 08/00 are ISO 646 (ASCII) in every supported repertoire. */
  private static final char ASCII_LIMIT = 0x80;

  private static final Map<List<String>, SpecificCharacterSet> CACHE = new ConcurrentHashMap<>();

  /** How text is coded, chosen once from the values of (0008,0005). */
  private enum Coding {
    /** Default repertoire only. */
    DEFAULT,
    /** One Java charset over the whole value, no escape sequences (C.12-2, C.12-5). */
    CHARSET,
    /** ISO/IEC 2022 code extensions (C.12-3, C.12-4), see {@link Iso2022}. */
    ISO_2022
  }

  private final String[] definedTerms;
  private final List<CharacterSetTerm> terms;
  private final List<String> unrecognized;
  private final List<String> warnings;
  private final Coding coding;
  private final Charset charset;
  private final Designation g0Init;
  private final Designation g1Init;
  private final List<Designation> extensions;

  private SpecificCharacterSet(String[] values) {
    this.definedTerms = values;
    List<CharacterSetTerm> recognized = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    CharacterSetTerm[] byValue = new CharacterSetTerm[values.length];
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      if (v.isEmpty()) {
        continue;
      }
      CharacterSetTerm t = CharacterSetTerm.ofDefinedTerm(v);
      if (t == null) {
        t = CharacterSetTerm.ofLooseSpelling(v);
        if (t == null) {
          unknown.add(v);
          notes.add("unknown Defined Term '" + v + "': default repertoire used instead");
          continue;
        }
        notes.add("'" + v + "' is not a Defined Term of PS3.3 C.12.1.1.2; read as " + t);
      }
      byValue[i] = t;
      recognized.add(t);
    }
    this.terms = List.copyOf(recognized);
    this.unrecognized = List.copyOf(unknown);

    CharacterSetTerm first = byValue.length == 0 ? null : byValue[0];
    boolean multiValued = values.length > 1;
    if (!multiValued && (first == null || first == CharacterSetTerm.ISO_IR_6)) {
      coding = Coding.DEFAULT;
      charset = StandardCharsets.US_ASCII;
      g0Init = Designation.ASCII;
      g1Init = null;
      extensions = List.of();
    } else if (!multiValued && !first.isCodeExtension() && first != CharacterSetTerm.ISO_IR_13) {
      coding = Coding.CHARSET;
      charset = Charset.forName(first.charsetName());
      g0Init = Designation.ASCII;
      g1Init = null;
      extensions = List.of();
    } else if (multiValued && first != null && first.asCodeExtension() == null) {
      // UTF-8, GB18030 and GBK are single-valued (C.12.1.1.2); other values are ignored.
      notes.add(first + " does not allow code extensions; values after the first are ignored");
      coding = Coding.CHARSET;
      charset = Charset.forName(first.charsetName());
      g0Init = Designation.ASCII;
      g1Init = null;
      extensions = List.of();
    } else {
      // ISO 2022 terms, several values, or ISO_IR 13 alone (JIS X 0201 is Romaji in G0 and
      // Katakana in G1, which the ISO 2022 decoder handles without any escape sequence).
      coding = Coding.ISO_2022;
      charset = null;
      CharacterSetTerm initial = first == null ? null : first.asCodeExtension();
      Designation g0 = initial == null ? null : initial.g0();
      g0Init = g0 != null && g0.isSingleByteG0() ? g0 : Designation.ASCII;
      g1Init = initial == null ? null : initial.g1();
      List<Designation> ext = new ArrayList<>();
      for (CharacterSetTerm t : byValue) {
        CharacterSetTerm x = t == null ? null : t.asCodeExtension();
        if (x == null) {
          if (t != null) {
            notes.add(t + " does not allow code extensions; ignored");
          }
          continue;
        }
        if (x != t && multiValued) {
          notes.add("'" + t.definedTerm() + "' used with code extensions; read as " + x);
        }
        for (Designation d : x.extensions()) {
          if (!ext.contains(d)) {
            ext.add(d);
          }
        }
      }
      extensions = List.copyOf(ext);
    }
    this.warnings = List.copyOf(notes);
  }

  /**
   * The character set named by the values of (0008,0005). No values, or one empty value, mean the
   * default repertoire; an empty first value of several means the default repertoire is the initial
   * designation of ISO 2022 (e.g. {@code "", "ISO 2022 IR 87"}). Values are trimmed of padding
   * spaces. Unknown values never fail: see {@link #unrecognizedTerms()}.
   */
  public static SpecificCharacterSet valueOf(String... definedTerms) {
    if (definedTerms == null || definedTerms.length == 0) {
      return DEFAULT;
    }
    String[] values = new String[definedTerms.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = definedTerms[i] == null ? "" : definedTerms[i].strip();
    }
    if (values.length == 1 && values[0].isEmpty()) {
      return DEFAULT;
    }
    List<String> key = List.of(values);
    SpecificCharacterSet cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    SpecificCharacterSet created = new SpecificCharacterSet(values);
    if (!created.warnings.isEmpty()) {
      // Defined Terms are not patient data; logged once per distinct value list while cached.
      LOG.warn("Specific Character Set {}: {}", key, created.warnings);
    }
    if (CACHE.size() >= CACHE_LIMIT) {
      return created;
    }
    SpecificCharacterSet raced = CACHE.putIfAbsent(key, created);
    return raced == null ? created : raced;
  }

  /**
   * Decodes {@code length} bytes of a value of {@code vr}. Values of VRs not affected by
   * (0008,0005) use the default repertoire. The result keeps padding and delimiters.
   */
  public String decode(byte[] bytes, int offset, int length, VR vr) {
    if (coding == Coding.ISO_2022 && vr.isCharsetDependent()) {
      if (Iso2022.isAsciiWithoutEscape(bytes, offset, length)) {
        return Iso2022.latin1(bytes, offset, length);
      }
      return Iso2022.decode(bytes, offset, length, vr.kind(), g0Init, g1Init);
    }
    if (Iso2022.isAsciiOnly(bytes, offset, length)) {
      return Iso2022.latin1(bytes, offset, length);
    }
    if (coding == Coding.CHARSET && vr.isCharsetDependent()) {
      return new String(bytes, offset, length, charset);
    }
    // Default repertoire with bytes above 07/15: read leniently as ISO 8859-1.
    return Iso2022.latin1(bytes, offset, length);
  }

  /** Decodes a whole byte array, see {@link #decode(byte[], int, int, VR)}. */
  public String decode(byte[] bytes, VR vr) {
    return decode(bytes, 0, bytes.length, vr);
  }

  /**
   * Encodes a value of {@code vr}; the result is not padded. With ISO 2022 code extensions the
   * escape sequences are chosen per character run and the initial designations restored before
   * delimiters and at the end (PS3.5 6.1.2.5.3).
   *
   * @throws CharsetEncodeException when a character is outside the repertoire
   */
  public byte[] encode(String value, VR vr) {
    if (!vr.isCharsetDependent() || coding == Coding.DEFAULT) {
      return encodeStrict(value, vr, StandardCharsets.US_ASCII);
    }
    if (coding == Coding.CHARSET) {
      return encodeStrict(value, vr, charset);
    }
    return Iso2022.encode(value, vr, g0Init, g1Init, extensions, List.of(definedTerms));
  }

  private byte[] encodeStrict(String value, VR vr, Charset cs) {
    if (isAsciiString(value)) {
      return value.getBytes(StandardCharsets.ISO_8859_1);
    }
    CharsetEncoder enc =
        cs.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer in = CharBuffer.wrap(value);
    ByteBuffer out = ByteBuffer.allocate((int) Math.ceil(value.length() * enc.maxBytesPerChar()));
    CoderResult result = enc.encode(in, out, true);
    if (!result.isError()) {
      result = enc.flush(out);
    }
    if (result.isError()) {
      int index = in.position();
      List<String> named =
          vr.isCharsetDependent() ? List.of(definedTerms) : List.of(); // default repertoire
      throw new CharsetEncodeException(named, value.codePointAt(index), index, vr);
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  private static boolean isAsciiString(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= ASCII_LIMIT) {
        return false;
      }
    }
    return true;
  }

  /** The values of (0008,0005) as given, trimmed; empty for the default repertoire. */
  public String[] definedTerms() {
    return definedTerms.clone();
  }

  /** The recognised terms, in the order of the values; empty values are not listed. */
  public List<CharacterSetTerm> terms() {
    return terms;
  }

  /** Values that name no Defined Term; decoding used the default repertoire for them. */
  public List<String> unrecognizedTerms() {
    return unrecognized;
  }

  /** True when some value names no Defined Term. */
  public boolean hasUnrecognizedTerms() {
    return !unrecognized.isEmpty();
  }

  /** Human-readable notes on values that do not follow PS3.3 C.12.1.1.2; empty when valid. */
  public List<String> warnings() {
    return warnings;
  }

  /** True for the default repertoire: no value, or only "ISO_IR 6" (PS3.5 6.1.2.1). */
  public boolean isDefault() {
    return coding == Coding.DEFAULT;
  }

  /**
   * True when every text value is 7-bit ASCII: the default repertoire, alone or as the only ISO
   * 2022 designation ("ISO 2022 IR 6").
   */
  public boolean isAscii() {
    return coding == Coding.DEFAULT
        || (coding == Coding.ISO_2022 && extensions.isEmpty() && g0Init == Designation.ASCII);
  }

  /** True when values may contain ISO 2022 escape sequences (tables C.12-3 and C.12-4). */
  public boolean usesCodeExtensions() {
    return coding == Coding.ISO_2022;
  }

  @Override
  public String toString() {
    return "SpecificCharacterSet" + Arrays.toString(definedTerms);
  }
}
