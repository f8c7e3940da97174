package org.roentgen.dicom.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;

/**
 * ISO/IEC 2022 code extension techniques as used by DICOM, PS3.5 section 6.1.2.5 and PS3.3 tables
 * C.12-3 and C.12-4: the graphic character sets that escape sequences designate, the decoder that
 * follows the escape sequences within a value, and the encoder that chooses them.
 *
 * <p>Only the G0 and G1 code elements are used; G0 is invoked into GL (bytes 02/01..07/14) and G1
 * into GR (bytes 10/01..15/14) for the whole value, so only designations change.
 */
final class Iso2022 {

  /** ESCAPE, ISO 646 position 01/11. */
  static final int ESC = 0x1B;

  /** The last C0 control; every control other than ESC resets the designations (6.1.2.5.3). */
  private static final int LAST_C0_CONTROL = 0x1F;

  private static final int FIRST_GL_GRAPHIC = 0x21;
  private static final int LAST_GL_GRAPHIC = 0x7E;
  private static final int FIRST_GR_BYTE = 0x80;
  private static final int FIRST_GR_GRAPHIC = 0xA1;

  /** Position 10/00: the first byte of a 96-character set invoked into GR. */
  private static final int GR_96_FIRST = 0xA0;

  /** Setting the high bit moves a GL byte into GR (EUC forms of the 94x94 sets). */
  private static final int HIGH_BIT = 0x80;

  private static final int SEVEN_BITS = 0x7F;

  /** EUC-JP single shift 3 (SS3, 08/15) that announces a JIS X 0212 character. */
  private static final int EUC_JP_SS3 = 0x8F;

  private static final char REPLACEMENT = '\uFFFD';

  /** The two code elements that DICOM designates, PS3.5 6.1.2.5.1. */
  enum CodeElement {
    G0,
    G1
  }

  /**
   * The graphic character sets that DICOM designates by escape sequence, PS3.3 tables C.12-3 and
   * C.12-4, with the escape sequence (after ESC) written as the standard's column/row notation.
   */
  enum Designation {
    /** ISO-IR 6, ISO 646 (ASCII): ESC 02/08 04/02. */
    ASCII(CodeElement.G0, "(B", 1, "US-ASCII"),
    /** ISO-IR 14, JIS X 0201 Romaji: ESC 02/08 04/10. Decoded as ASCII (as the JDK does). */
    JIS_ROMAN(CodeElement.G0, "(J", 1, "JIS_X0201"),
    /** ISO-IR 87, JIS X 0208 Kanji: ESC 02/04 04/02. */
    JIS_X0208(CodeElement.G0, "$B", 2, "EUC-JP"),
    /** ISO-IR 159, JIS X 0212 supplementary Kanji: ESC 02/04 02/08 04/04. */
    JIS_X0212(CodeElement.G0, "$(D", 2, "EUC-JP"),
    /** ISO-IR 100, Latin alphabet No. 1: ESC 02/13 04/01. */
    LATIN_1(CodeElement.G1, "-A", 1, "ISO-8859-1"),
    /** ISO-IR 101, Latin alphabet No. 2: ESC 02/13 04/02. */
    LATIN_2(CodeElement.G1, "-B", 1, "ISO-8859-2"),
    /** ISO-IR 109, Latin alphabet No. 3: ESC 02/13 04/03. */
    LATIN_3(CodeElement.G1, "-C", 1, "ISO-8859-3"),
    /** ISO-IR 110, Latin alphabet No. 4: ESC 02/13 04/04. */
    LATIN_4(CodeElement.G1, "-D", 1, "ISO-8859-4"),
    /** ISO-IR 144, Cyrillic: ESC 02/13 04/12. */
    CYRILLIC(CodeElement.G1, "-L", 1, "ISO-8859-5"),
    /** ISO-IR 127, Arabic: ESC 02/13 04/07. */
    ARABIC(CodeElement.G1, "-G", 1, "ISO-8859-6"),
    /** ISO-IR 126, Greek: ESC 02/13 04/06. */
    GREEK(CodeElement.G1, "-F", 1, "ISO-8859-7"),
    /** ISO-IR 138, Hebrew: ESC 02/13 04/08. */
    HEBREW(CodeElement.G1, "-H", 1, "ISO-8859-8"),
    /** ISO-IR 148, Latin alphabet No. 5: ESC 02/13 04/13. */
    LATIN_5(CodeElement.G1, "-M", 1, "ISO-8859-9"),
    /** ISO-IR 203, Latin alphabet No. 9: ESC 02/13 06/02. */
    LATIN_9(CodeElement.G1, "-b", 1, "ISO-8859-15"),
    /** ISO-IR 166, Thai (TIS 620-2533): ESC 02/13 05/04. */
    THAI(CodeElement.G1, "-T", 1, "x-iso-8859-11"),
    /** ISO-IR 13, JIS X 0201 Katakana: ESC 02/09 04/09. */
    KATAKANA(CodeElement.G1, ")I", 1, "JIS_X0201"),
    /** ISO-IR 149, KS X 1001 (Hangul and Hanja): ESC 02/04 02/09 04/03. */
    KS_X1001(CodeElement.G1, "$)C", 2, "EUC-KR"),
    /** ISO-IR 58, GB 2312: ESC 02/04 02/09 04/01. */
    GB2312(CodeElement.G1, "$)A", 2, "GB2312");

    final CodeElement element;

    /** The escape sequence including the leading ESC. */
    final byte[] escape;

    final int bytesPerChar;
    final Charset charset;

    /** For single-byte G1 sets: the characters of bytes 08/00..15/15. */
    private final char[] upperHalf;

    Designation(CodeElement element, String afterEsc, int bytesPerChar, String charsetName) {
      this.element = element;
      byte[] seq = new byte[afterEsc.length() + 1];
      seq[0] = ESC;
      for (int i = 0; i < afterEsc.length(); i++) {
        seq[i + 1] = (byte) afterEsc.charAt(i);
      }
      this.escape = seq;
      this.bytesPerChar = bytesPerChar;
      this.charset = Charset.forName(charsetName);
      if (element == CodeElement.G1 && bytesPerChar == 1) {
        byte[] upper = new byte[FIRST_GR_BYTE];
        for (int i = 0; i < upper.length; i++) {
          upper[i] = (byte) (FIRST_GR_BYTE + i);
        }
        this.upperHalf = new String(upper, charset).toCharArray();
      } else {
        this.upperHalf = null;
      }
    }

    boolean isSingleByteG0() {
      return element == CodeElement.G0 && bytesPerChar == 1;
    }

    /**
     * The bytes of {@code cp} in this set as they appear in the value (GL bytes for G0 sets, GR
     * bytes for G1 sets), or {@code null} when the set does not contain the character.
     */
    byte[] encode(CharsetEncoder encoder, int cp) {
      byte[] euc = encodeWith(encoder, cp);
      if (euc == null) {
        return null;
      }
      return switch (this) {
        case ASCII, JIS_ROMAN -> null; // ASCII characters never reach the set search
        case JIS_X0208 ->
            isGrPair(euc, 0)
                ? new byte[] {(byte) (euc[0] & SEVEN_BITS), (byte) (euc[1] & SEVEN_BITS)}
                : null;
        case JIS_X0212 ->
            euc.length == 3 && (euc[0] & 0xFF) == EUC_JP_SS3 && isGrPair(euc, 1)
                ? new byte[] {(byte) (euc[1] & SEVEN_BITS), (byte) (euc[2] & SEVEN_BITS)}
                : null;
        case KS_X1001, GB2312 -> isGrPair(euc, 0) ? euc : null;
        case KATAKANA -> euc.length == 1 && (euc[0] & 0xFF) >= FIRST_GR_GRAPHIC ? euc : null;
        default -> euc.length == 1 && (euc[0] & 0xFF) >= GR_96_FIRST ? euc : null;
      };
    }

    private static boolean isGrPair(byte[] b, int from) {
      return b.length == from + 2
          && (b[from] & 0xFF) >= FIRST_GR_GRAPHIC
          && (b[from + 1] & 0xFF) >= FIRST_GR_GRAPHIC;
    }

    private static byte[] encodeWith(CharsetEncoder encoder, int cp) {
      encoder.reset();
      ByteBuffer out = ByteBuffer.allocate(8);
      CoderResult result = encoder.encode(CharBuffer.wrap(Character.toChars(cp)), out, true);
      if (result.isError() || encoder.flush(out).isError()) {
        return null;
      }
      byte[] bytes = new byte[out.position()];
      out.flip().get(bytes);
      return bytes;
    }

    /** The designation whose escape sequence starts at {@code b[pos]} (an ESC), or null. */
    static Designation atEscape(byte[] b, int pos, int end) {
      for (Designation d : values()) {
        byte[] seq = d.escape;
        if (pos + seq.length <= end) {
          int i = 1;
          while (i < seq.length && b[pos + i] == seq[i]) {
            i++;
          }
          if (i == seq.length) {
            return d;
          }
        }
      }
      return null;
    }
  }

  private Iso2022() {}

  /**
   * True when byte or character {@code c} of the default repertoire ends the run of designations in
   * a value of this kind, PS3.5 6.1.2.5.3: control characters other than ESC (CR, LF, FF, TAB), the
   * PN delimiters '^' and '=', and the value delimiter '\' of multi-valued strings.
   */
  static boolean resetsDesignations(int c, VR.Kind kind) {
    if (c <= LAST_C0_CONTROL) {
      return c != ESC;
    }
    return switch (c) {
      case '\\' -> kind == VR.Kind.STRING || kind == VR.Kind.PERSON_NAME;
      case '^', '=' -> kind == VR.Kind.PERSON_NAME;
      default -> false;
    };
  }

  /**
   * Decodes a value that may contain escape sequences, starting in designations {@code g0} and
   * {@code g1} (null: nothing designated to G1; GR bytes then decode as ISO 8859-1, leniently).
   * Unknown escape sequences are kept as U+001B followed by their bytes; malformed multi-byte
   * characters become U+FFFD.
   */
  static String decode(
      byte[] b, int offset, int length, VR.Kind kind, Designation g0Init, Designation g1Init) {
    int end = offset + length;
    StringBuilder sb = new StringBuilder(length);
    Pending pending = new Pending(length);
    Designation g0 = g0Init;
    Designation g1 = g1Init;
    int i = offset;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c == ESC) {
        Designation d = Designation.atEscape(b, i, end);
        pending.flushTo(sb);
        if (d == null) {
          sb.append((char) c);
          i++;
        } else {
          if (d.element == CodeElement.G0) {
            g0 = d;
          } else {
            g1 = d;
          }
          i += d.escape.length;
        }
      } else if (c < FIRST_GR_BYTE) {
        if (g0.bytesPerChar == 2 && c >= FIRST_GL_GRAPHIC && c <= LAST_GL_GRAPHIC) {
          if (i + 1 < end && isGl(b[i + 1])) {
            pending.addGlPair(g0, b[i], b[i + 1], sb);
            i += 2;
          } else {
            pending.flushTo(sb);
            sb.append(REPLACEMENT);
            i++;
          }
        } else {
          pending.flushTo(sb);
          if (resetsDesignations(c, kind)) {
            g0 = g0Init;
            g1 = g1Init;
          }
          sb.append((char) c);
          i++;
        }
      } else if (g1 == null) {
        pending.flushTo(sb);
        sb.append((char) c);
        i++;
      } else if (g1.bytesPerChar == 1) {
        pending.flushTo(sb);
        sb.append(g1.upperHalf[c - FIRST_GR_BYTE]);
        i++;
      } else if (i + 1 < end && (b[i + 1] & 0xFF) >= FIRST_GR_BYTE) {
        pending.addGrPair(g1, b[i], b[i + 1], sb);
        i += 2;
      } else {
        pending.flushTo(sb);
        sb.append(REPLACEMENT);
        i++;
      }
    }
    pending.flushTo(sb);
    return sb.toString();
  }

  private static boolean isGl(byte b) {
    return b >= FIRST_GL_GRAPHIC && b <= LAST_GL_GRAPHIC;
  }

  /** Multi-byte characters collected in their EUC form until the charset changes. */
  private static final class Pending {
    private final byte[] buf;
    private int len;
    private Charset charset;

    Pending(int capacity) {
      // JIS X 0212 grows 2 bytes to 3 in EUC-JP
      this.buf = new byte[capacity + capacity / 2 + 1];
    }

    void addGlPair(Designation d, byte b1, byte b2, StringBuilder sb) {
      switchTo(d.charset, sb);
      if (d == Designation.JIS_X0212) {
        buf[len++] = (byte) EUC_JP_SS3;
      }
      buf[len++] = (byte) (b1 | HIGH_BIT);
      buf[len++] = (byte) (b2 | HIGH_BIT);
    }

    void addGrPair(Designation d, byte b1, byte b2, StringBuilder sb) {
      switchTo(d.charset, sb);
      buf[len++] = b1;
      buf[len++] = b2;
    }

    private void switchTo(Charset cs, StringBuilder sb) {
      if (charset != cs) {
        flushTo(sb);
        charset = cs;
      }
    }

    void flushTo(StringBuilder sb) {
      if (len > 0) {
        sb.append(new String(buf, 0, len, charset));
        len = 0;
      }
    }
  }

  /**
   * Encodes {@code value} choosing escape sequences per character run, PS3.5 6.1.2.5.3: ASCII
   * characters go to the initial G0 set; any other character to the first of {@code extensions} (in
   * the order of the values of (0008,0005)) that contains it. Before every delimiter and control
   * character and at the end of the value the initial designations are restored.
   */
  static byte[] encode(
      String value,
      VR vr,
      Designation g0Init,
      Designation g1Init,
      List<Designation> extensions,
      List<String> definedTerms) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() * 2 + 8);
    EnumMap<Designation, CharsetEncoder> encoders = new EnumMap<>(Designation.class);
    Designation g0 = g0Init;
    Designation g1 = g1Init;
    int i = 0;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      if (cp < FIRST_GR_BYTE) {
        if (resetsDesignations(cp, vr.kind())) {
          g0 = restore(out, g0, g0Init);
          g1 = restore(out, g1, g1Init);
        } else if (!g0.isSingleByteG0()) {
          g0 = restore(out, g0, g0Init);
        }
        out.write(cp);
      } else {
        Designation chosen = null;
        byte[] bytes = null;
        for (Designation d : extensions) {
          CharsetEncoder enc = encoders.computeIfAbsent(d, Iso2022::strictEncoder);
          bytes = d.encode(enc, cp);
          if (bytes != null) {
            chosen = d;
            break;
          }
        }
        if (chosen == null) {
          throw new CharsetEncodeException(definedTerms, cp, i, vr);
        }
        if (chosen.element == CodeElement.G0) {
          g0 = restore(out, g0, chosen);
        } else {
          g1 = restore(out, g1, chosen);
        }
        out.writeBytes(bytes);
      }
      i += Character.charCount(cp);
    }
    restore(out, g0, g0Init);
    restore(out, g1, g1Init);
    return out.toByteArray();
  }

  /**
   * Writes the escape sequence designating {@code target} unless it is already designated;
   * designating nothing (a null G1) needs no bytes since GR is then unused.
   */
  private static Designation restore(
      ByteArrayOutputStream out, Designation current, Designation target) {
    if (current != target && target != null) {
      out.writeBytes(target.escape);
    }
    return target;
  }

  static CharsetEncoder strictEncoder(Designation d) {
    return d.charset
        .newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  static boolean isAsciiOnly(byte[] b, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  static boolean isAsciiWithoutEscape(byte[] b, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      byte x = b[i];
      if (x < 0 || x == ESC) {
        return false;
      }
    }
    return true;
  }

  static String latin1(byte[] b, int offset, int length) {
    return new String(b, offset, length, StandardCharsets.ISO_8859_1);
  }
}
