package org.roentgen.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dataset container: order, typed access for every VR kind, equality, sequences. */
class AttributesTest {
  private static final int PRIVATE_CREATOR = 0x00110010;
  private static final int PRIVATE_LO = 0x00111001;

  @Test
  void keepsElementsInUnsignedTagOrderWhateverTheInsertionOrder() {
    Attributes ds = new Attributes();
    int[] tags = {
      0xFFFEE000,
      0x7FE00010,
      PRIVATE_LO,
      0x00080005,
      0xFFFCFFFC,
      0x00100010,
      PRIVATE_CREATOR,
      0x00020010
    };
    for (int t : tags) {
      ds.setBytes(t, VR.UN, new byte[] {1, 2});
    }
    assertThat(ds.tags())
        .containsExactly(
            0x00020010,
            0x00080005,
            0x00100010,
            PRIVATE_CREATOR,
            PRIVATE_LO,
            0x7FE00010,
            0xFFFCFFFC,
            0xFFFEE000);
    for (int t : tags) {
      assertThat(ds.contains(t)).as(Tags.toString(t)).isTrue();
    }
    assertThat(ds.contains(0xFFFEE00D)).isFalse();
    assertThat(ds.indexOf(0x00000000)).isEqualTo(-1);
    assertThat(ds.indexOf(0xFFFFFFFF)).isEqualTo(-(tags.length + 1));
  }

  @Test
  void appendKeepsTheOrderWhenTagsArriveOutOfOrder() {
    Attributes ds = new Attributes();
    ds.append(0x00100020, VR.LO, bytes("ID"));
    ds.append(0xFFFEE000, VR.UN, null);
    ds.append(0x00100010, VR.PN, bytes("A^B "));
    ds.append(0x00100020, VR.LO, bytes("I2"));
    assertThat(ds.tags()).containsExactly(0x00100010, 0x00100020, 0xFFFEE000);
    assertThat(ds.getString(0x00100020)).isEqualTo("I2");
    assertThat(ds.getBytes(0xFFFEE000)).isEmpty();
  }

  @Test
  void setsAndGetsTextOfEveryTextVr() {
    Attributes ds = new Attributes();
    ds.setString(0x00111001, VR.AE, "STORESCP");
    ds.setString(0x00111002, VR.AS, "042Y");
    ds.setString(0x00111003, VR.CS, "ORIGINAL", "PRIMARY");
    ds.setString(0x00111004, VR.DA, "20240229");
    ds.setString(0x00111005, VR.DT, "20240229120000.123456+0100");
    ds.setString(0x00111006, VR.LO, " leading and trailing ");
    ds.setString(0x00111007, VR.LT, "line one\\still one value  ");
    ds.setString(0x00111008, VR.PN, "Doe^John");
    ds.setString(0x00111009, VR.SH, "short");
    ds.setString(0x0011100A, VR.ST, "  text keeps leading spaces");
    ds.setString(0x0011100B, VR.TM, "120000.5");
    ds.setString(0x0011100C, VR.UC, "a", "b", "c");
    ds.setString(0x0011100D, VR.UI, "1.2.3");
    ds.setString(0x0011100E, VR.UR, "http://example.org/a b");
    ds.setString(0x0011100F, VR.UT, "unlimited\\text");

    assertThat(ds.getString(0x00111001)).isEqualTo("STORESCP");
    assertThat(ds.getString(0x00111002)).isEqualTo("042Y");
    assertThat(ds.getStrings(0x00111003)).containsExactly("ORIGINAL", "PRIMARY");
    assertThat(ds.getString(0x00111004)).isEqualTo("20240229");
    assertThat(ds.getString(0x00111005)).isEqualTo("20240229120000.123456+0100");
    assertThat(ds.getString(0x00111006)).isEqualTo("leading and trailing");
    assertThat(ds.getStrings(0x00111007)).containsExactly("line one\\still one value");
    assertThat(ds.getString(0x00111008)).isEqualTo("Doe^John");
    assertThat(ds.getString(0x0011100A)).isEqualTo("  text keeps leading spaces");
    assertThat(ds.getStrings(0x0011100C)).containsExactly("a", "b", "c");
    assertThat(ds.getString(0x0011100E)).isEqualTo("http://example.org/a b");
    assertThat(ds.getStrings(0x0011100F)).containsExactly("unlimited\\text");
    // Odd lengths are padded: UI with NUL, other text with a space (PS3.5 6.2).
    assertThat(ds.getBytes(0x0011100D)).containsExactly('1', '.', '2', '.', '3', 0);
    assertThat(ds.getBytes(0x00111009)).containsExactly(bytes("short "));
    assertThat(ds.getString(0x0011100D)).isEqualTo("1.2.3");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void setsAndGetsBinaryNumbersInEitherByteOrder(boolean bigEndian) {
    Attributes ds = new Attributes(bigEndian, 4);
    ds.setInt(0x00111001, VR.US, 0, 65535);
    ds.setInt(0x00111002, VR.SS, -32768, 32767);
    ds.setInt(0x00111003, VR.UL, -1);
    ds.setInt(0x00111004, VR.SL, Integer.MIN_VALUE);
    ds.setLong(0x00111005, VR.SV, Long.MIN_VALUE, 7);
    ds.setLong(0x00111006, VR.UV, -1L);
    ds.setDouble(0x00111007, VR.FL, 1.5, -0.25);
    ds.setDouble(0x00111008, VR.FD, Math.PI);
    ds.setString(0x00111009, VR.AT, "(0010,0010)", "7FE00010");
    ds.setDouble(0x0011100A, VR.OF, 2.5);
    ds.setDouble(0x0011100B, VR.OD, -2.5);
    ds.setInt(0x0011100C, VR.OL, 0x01020304);
    ds.setLong(0x0011100D, VR.OV, 0x0102030405060708L);
    ds.setInt(0x0011100E, VR.OW, 0x0102);
    ds.setString(0x0011100F, VR.US, "512");

    assertThat(ds.getInts(0x00111001)).containsExactly(0, 65535);
    assertThat(ds.getInts(0x00111002)).containsExactly(-32768, 32767);
    assertThat(ds.getLong(0x00111003, 0)).isEqualTo(0xFFFFFFFFL);
    assertThat(ds.getString(0x00111003)).isEqualTo("4294967295");
    assertThat(ds.getInt(0x00111004, 0)).isEqualTo(Integer.MIN_VALUE);
    assertThat(ds.getLongs(0x00111005)).containsExactly(Long.MIN_VALUE, 7);
    assertThat(ds.getString(0x00111006)).isEqualTo("18446744073709551615");
    assertThat(ds.getDoubles(0x00111007)).containsExactly(1.5, -0.25);
    assertThat(ds.getStrings(0x00111007)).containsExactly("1.5", "-0.25");
    assertThat(ds.getDouble(0x00111008, 0)).isEqualTo(Math.PI);
    assertThat(ds.getStrings(0x00111009)).containsExactly("00100010", "7FE00010");
    assertThat(ds.getDouble(0x0011100A, 0)).isEqualTo(2.5);
    assertThat(ds.getDouble(0x0011100B, 0)).isEqualTo(-2.5);
    assertThat(ds.getInt(0x0011100F, 0)).isEqualTo(512);
    // Binary "other" values hold their words in the dataset's byte order.
    assertThat(ds.getBytes(0x0011100C))
        .containsExactly(bigEndian ? new byte[] {1, 2, 3, 4} : new byte[] {4, 3, 2, 1});
    assertThat(ds.getBytes(0x0011100D)[bigEndian ? 7 : 0]).isEqualTo((byte) 8);
    assertThat(ds.getBytes(0x0011100E))
        .containsExactly(bigEndian ? new byte[] {1, 2} : new byte[] {2, 1});
    // OB and UN are bytes only.
    ds.setBytes(0x00111010, VR.OB, new byte[] {1, 2, 3});
    assertThat(ds.getBytes(0x00111010)).containsExactly(1, 2, 3);
    assertThat(ds.getStrings(0x00111010)).isEmpty();
  }

  @Test
  void readsIntegersAndDecimalsFromTheirStringForms() {
    Attributes ds = new Attributes();
    ds.setString(0x00200013, VR.IS, "+12", " -7 ", "");
    ds.setString(0x00180050, VR.DS, "2.5", "-1e3", ".5");
    ds.setInt(0x00200012, VR.IS, 42);
    ds.setDouble(0x00180088, VR.DS, 0.1);
    assertThat(ds.getInts(0x00200013)).containsExactly(12, -7);
    assertThat(ds.getStrings(0x00200013)).containsExactly("+12", "-7", "");
    assertThat(ds.getDoubles(0x00180050)).containsExactly(2.5, -1000, 0.5);
    assertThat(ds.getInts(0x00180050)).containsExactly(2, -1000, 0);
    assertThat(ds.getString(0x00200012)).isEqualTo("42");
    assertThat(ds.getDouble(0x00180088, 0)).isEqualTo(0.1);
    assertThat(ds.getString(0x00180088)).isEqualTo("0.1");
  }

  @Test
  void absentAndEmptyValuesAreDistinguished() {
    Attributes ds = new Attributes();
    ds.setNull(0x00100010, VR.PN);
    ds.setNull(0x00081110, VR.SQ);
    assertThat(ds.contains(0x00100010)).isTrue();
    assertThat(ds.containsValue(0x00100010)).isFalse();
    assertThat(ds.getStrings(0x00100010)).isEmpty();
    assertThat(ds.getString(0x00100010)).isNull();
    assertThat(ds.getString(0x00100010, 0, "default")).isEqualTo("default");
    assertThat(ds.getStrings(0x00100020)).isNull();
    assertThat(ds.getInt(0x00280010, -1)).isEqualTo(-1);
    assertThat(ds.getSequence(0x00081110)).isEmpty();
    assertThat(ds.containsValue(0x00081110)).isFalse();
    ds.getSequence(0x00081110).addItem();
    assertThat(ds.containsValue(0x00081110)).isTrue();
  }

  @Test
  void equalityIgnoresByteOrderButNotVrsOrValues() {
    Attributes le = sample(false);
    Attributes be = sample(true);
    assertThat(Differences.first(le, be)).isNull();
    assertThat(le).isEqualTo(be).hasSameHashCodeAs(be);
    assertThat(be.getBytes(0x00280010)).containsExactly(2, 0);
    assertThat(le.getBytes(0x00280010)).containsExactly(0, 2);

    Attributes copy = new Attributes(be, false);
    assertThat(copy.isBigEndian()).isFalse();
    assertThat(copy.getBytes(0x00280010)).containsExactly(0, 2);
    assertThat(copy).isEqualTo(be);
    Attributes item = copy.getSequence(0x00081115).get(0);
    assertThat(item.isBigEndian()).isFalse();
    assertThat(item.parent()).isSameAs(copy);
    assertThat(item.getInt(0x00281050, 0)).isEqualTo(-5);

    copy.setInt(0x00280011, VR.US, 513);
    assertThat(Differences.first(le, copy)).isEqualTo("(0028,0011) value [512] != [513]");
    copy.setInt(0x00280011, VR.SS, 512);
    assertThat(Differences.first(le, copy)).isEqualTo("(0028,0011) VR US != SS");
    copy.remove(0x00280011);
    assertThat(Differences.first(le, copy)).isEqualTo("(0028,0011) only in the first");
    assertThat(Differences.first(copy, le)).isEqualTo("(0028,0011) only in the second");
    copy.getSequence(0x00081115).get(0).setInt(0x00281050, VR.SS, -6);
    copy.setInt(0x00280011, VR.US, 512);
    assertThat(Differences.first(le, copy))
        .isEqualTo("(0008,1115)[0](0028,1050) value [-5] != [-6]");
    assertThat(le).isNotEqualTo(copy);
  }

  private static Attributes sample(boolean bigEndian) {
    Attributes ds = new Attributes(bigEndian, 8);
    ds.setString(0x00100010, VR.PN, "Doe^Jane");
    ds.setInt(0x00280010, VR.US, 512);
    ds.setInt(0x00280011, VR.US, 512);
    ds.setDouble(0x00181310, VR.FD, 1.25);
    ds.setString(0x00209165, VR.AT, "00100010");
    ds.setInt(0x7FE00010, VR.OW, 1, 2, 3, 4);
    ds.newSequence(0x00081115, 1).addItem().setInt(0x00281050, VR.SS, -5);
    return ds;
  }

  @Test
  void removeReturnsTheValueAndKeepsTheRestInOrder() {
    Attributes ds = new Attributes(false, 1);
    for (int e = 1; e <= 20; e++) {
      ds.setInt(0x00110000 | e, VR.US, e);
    }
    assertThat(ds.remove(0x00110005)).isEqualTo(new byte[] {5, 0});
    assertThat(ds.remove(0x00110005)).isNull();
    assertThat(ds.remove(0x00110014)).isNotNull();
    assertThat(ds.remove(0x00110001)).isNotNull();
    assertThat(ds.size()).isEqualTo(17);
    int previous = 0;
    for (int i = 0; i < ds.size(); i++) {
      assertThat(ds.tagAt(i)).isGreaterThan(previous);
      assertThat(ds.getInt(ds.tagAt(i), 0)).isEqualTo(ds.tagAt(i) & 0xFFFF);
      previous = ds.tagAt(i);
    }
    assertThat(ds.contains(0x00110005)).isFalse();
  }

  @Test
  void itemsInheritTheSpecificCharacterSetOfTheirParent() {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    Attributes item = ds.newSequence(0x00081115, 1).addItem();
    Attributes nested = item.newSequence(0x0008114A, 1).addItem();
    nested.setString(Tag.PatientName, VR.PN, "山田^太郎");
    assertThat(nested.getBytes(Tag.PatientName))
        .containsExactly("山田^太郎 ".getBytes(StandardCharsets.UTF_8));
    assertThat(nested.getString(Tag.PatientName)).isEqualTo("山田^太郎");

    // An item's own Specific Character Set wins over its parent's.
    item.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    item.setBytes(Tag.PatientName, VR.PN, new byte[] {'M', (byte) 0xFC, 'l', 'l'});
    assertThat(item.getString(Tag.PatientName)).isEqualTo("Müll");
    item.remove(Tag.SpecificCharacterSet);
    assertThat(item.charset().definedTerms()).containsExactly("ISO_IR 192");
  }

  @Test
  void anItemSeesItsParentsCharacterSetEvenWhenItWasSetAfterwards() {
    Attributes ds = new Attributes();
    Attributes item = ds.newSequence(0x00081115, 1).addItem();
    assertThat(item.charset().isAscii()).isTrue();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    item.setBytes(Tag.PatientName, VR.PN, "Ä^Ö".getBytes(StandardCharsets.UTF_8));
    assertThat(item.getString(Tag.PatientName)).isEqualTo("Ä^Ö");
  }

  @Test
  void rejectsValuesThatAreNoDicomValue() {
    Attributes ds = new Attributes();
    assertThatThrownBy(() -> ds.setValue(0x00100010, VR.PN, "text"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ds.setValue(0x00100010, null, new byte[0]))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ds.setString(0x00111001, VR.OB, "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fragmentsCompareByContent() {
    Attributes a = new Attributes();
    Fragments f = a.newFragments(Tag.PixelData, VR.OB, 3);
    f.add(new byte[0]);
    f.add(new byte[] {1, 2});
    Attributes b = new Attributes(a, true);
    assertThat(b.getFragments(Tag.PixelData)).isNotSameAs(f);
    assertThat(b).isEqualTo(a);
    b.getFragments(Tag.PixelData).set(1, new byte[] {1, 3});
    assertThat(Differences.first(a, b)).contains("(7FE0,0010) fragments differ");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
