package org.roentgen.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/** The DICOM JSON model (PS3.18 F.2) both ways. */
class DicomJsonTest {
  @Test
  void roundTripsEveryKindOfValue() throws Exception {
    Attributes ds = new Attributes(true, 16);
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", "Doe^John", "=Ideo^Only");
    ds.setString(Tag.PatientID, VR.LO, "ID \"quoted\"", "back\u00e9");
    ds.setString(0x00080008, VR.CS, "ORIGINAL", "", "AXIAL");
    ds.setInt(Tag.Rows, VR.US, 512);
    ds.setInt(0x00281050, VR.SS, -5, 7);
    ds.setDouble(0x00181310, VR.FD, 0.125, -1e300);
    ds.setDouble(0x00180088, VR.DS, 0.1, -2.5);
    ds.setDouble(0x00180050, VR.DS, -2.5e-7); // text becomes -2.5E-7: compared as a number
    ds.setInt(0x00200013, VR.IS, -3);
    ds.setString(0x00209165, VR.AT, "7FE00010");
    ds.setString(0x00204000, VR.LT, "line\nnext\\same value");
    ds.setBytes(0x00111001, VR.OB, new byte[] {1, 2, 3, 4});
    ds.setInt(0x00111002, VR.OW, 0x0102, 0x0304);
    ds.setNull(0x00100030, VR.DA);
    ds.setNull(0x00081115, VR.SQ);
    Attributes item = ds.newSequence(0x00081140, 2).addItem();
    item.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
    item.newSequence(0x00081199, 1).addItem().setString(Tag.PatientName, VR.PN, "Ünder^Nested");
    ds.getSequence(0x00081140).addItem();

    String json = DicomJson.inline().write(ds);
    Attributes read = DicomJson.read(json);
    assertThat(read.getDoubles(0x00180050)).containsExactly(-2.5e-7);
    read.remove(0x00180050);
    ds.remove(0x00180050);
    assertThat(Differences.first(ds, read)).isNull();
    assertThat(read.isBigEndian()).isFalse();
    assertThat(
            read.getSequence(0x00081140)
                .get(0)
                .getSequence(0x00081199)
                .get(0)
                .getString(Tag.PatientName))
        .isEqualTo("Ünder^Nested");

    Map<?, ?> root = (Map<?, ?>) Json.parse(json);
    assertThat(value(root, "00100010"))
        .isEqualTo(
            List.<Object>of(
                Map.of("Alphabetic", "Yamada^Tarou", "Ideographic", "山田^太郎", "Phonetic", "やまだ^たろう"),
                Map.of("Alphabetic", "Doe^John"),
                Map.of("Ideographic", "Ideo^Only")));
    assertThat(value(root, "00080008")).containsExactly("ORIGINAL", null, "AXIAL");
    assertThat(value(root, "00280010")).containsExactly(new java.math.BigDecimal("512"));
    assertThat(value(root, "00180088"))
        .containsExactly(new java.math.BigDecimal("0.1"), new java.math.BigDecimal("-2.5"));
    assertThat(value(root, "00209165")).containsExactly("7FE00010");
    assertThat(((Map<?, ?>) root.get("00111002")).get("InlineBinary")).isEqualTo("AgEEAw==");
    assertThat(element(root, "00100030")).containsOnlyKeys("vr");
    assertThat(element(root, "00081115")).containsOnlyKeys("vr");
    assertThat(json)
        .contains("\"00081140\":{\"vr\":\"SQ\",\"Value\":[{\"00080018\"")
        .contains("},{}]");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> value(Map<?, ?> root, String tag) {
    return (List<Object>) ((Map<?, ?>) root.get(tag)).get("Value");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> element(Map<?, ?> root, String tag) {
    return (Map<String, Object>) root.get(tag);
  }

  @Test
  void readsEmptyValuesAndNullsAsEmpty() throws Exception {
    Attributes ds =
        DicomJson.read(
            """
        {"00100010": {"vr": "PN"}, "00100020": {"vr": "LO", "Value": [null]},
         "00200013": {"vr": "IS", "Value": [1, 2.0, 3E+1]}, "00280010": {"vr": "US", "Value": [16.0]},
         "00111001": {"vr": "OB", "InlineBinary": "AQID"}, "00081115": {"vr": "SQ", "Value": []}}
        """);
    assertThat(ds.contains(Tag.PatientName)).isTrue();
    assertThat(ds.getStrings(Tag.PatientName)).isEmpty();
    assertThat(ds.getString(Tag.PatientID)).isNull();
    assertThat(ds.getInts(0x00200013)).containsExactly(1, 2, 30);
    assertThat(ds.getStrings(0x00200013)).containsExactly("1", "2", "30");
    assertThat(ds.getInt(Tag.Rows, 0)).isEqualTo(16);
    assertThat(ds.getBytes(0x00111001)).containsExactly(1, 2, 3);
    assertThat(ds.getSequence(0x00081115)).isEmpty();
  }

  @Test
  void refusesWhatIsNoDicomJson() {
    assertThatThrownBy(() -> DicomJson.read("[]")).isInstanceOf(Json.JsonException.class);
    assertThatThrownBy(() -> DicomJson.read("{\"0010001\":{\"vr\":\"PN\"}}"))
        .isInstanceOf(Json.JsonException.class);
    assertThatThrownBy(() -> DicomJson.read("{\"00100010\":{\"vr\":\"XX\"}}"))
        .isInstanceOf(Json.JsonException.class);
    assertThatThrownBy(() -> DicomJson.read("{\"00100010\":{\"vr\":\"PN\"}"))
        .isInstanceOf(Json.JsonException.class);
    assertThatThrownBy(() -> Json.parse("[".repeat(1000))).isInstanceOf(Json.JsonException.class);
    assertThatThrownBy(() -> DicomJson.read("{\"00280010\":{\"vr\":\"US\",\"Value\":[1.5]}}"))
        .isInstanceOf(Json.JsonException.class);
    assertThatThrownBy(
            () -> DicomJson.read("{\"00111001\":{\"vr\":\"OB\",\"InlineBinary\":\"not base64!\"}}"))
        .isInstanceOf(Json.JsonException.class);
  }

  @Test
  void readsOneObjectOrAnArrayAndGivesUnicodeTextUtf8() throws Exception {
    List<Attributes> one =
        DicomJson.readAll(
            "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"DOE^JANE\"}]}}");
    assertThat(one).hasSize(1);
    assertThat(one.get(0).contains(Tag.SpecificCharacterSet)).as("ASCII needs none").isFalse();

    List<Attributes> two =
        DicomJson.readAll(
            "[{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"M\u00dcLLER^J\u00d6RG\"}]}},"
                + " {\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + " \"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"G\u00c9RARD\"}]}}]");
    assertThat(two).hasSize(2);
    assertThat(two.get(0).getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    assertThat(two.get(0).getString(Tag.PatientName)).isEqualTo("M\u00dcLLER^J\u00d6RG");
    assertThat(two.get(0).getBytes(Tag.PatientName)).hasSize(14); // Ü and Ö are two bytes each
    assertThat(two.get(1).getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 100");
    assertThat(two.get(1).getBytes(Tag.PatientName)).hasSize(6); // É is one Latin-1 byte
    assertThatThrownBy(() -> DicomJson.readAll("[1]")).isInstanceOf(Json.JsonException.class);
  }

  @Test
  void parsesJsonEscapesAndNumbers() throws Exception {
    assertThat(Json.parse("\"a\\u00e9\\n\\\"\\\\\\/\"")).isEqualTo("aé\n\"\\/");
    assertThat(Json.parse(" [ -1.5e3 , true, null ] "))
        .isEqualTo(java.util.Arrays.asList(new java.math.BigDecimal("-1.5e3"), true, null));
    StringBuilder sb = new StringBuilder();
    Json.quote(sb, "tab\tctl\u0001");
    assertThat(sb).hasToString("\"tab\\tctl\\u0001\"");
  }
}
