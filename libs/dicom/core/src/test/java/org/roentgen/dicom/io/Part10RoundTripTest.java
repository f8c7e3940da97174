package org.roentgen.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.data.Fragments;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/**
 * A synthetic dataset written and read back in each uncompressed transfer syntax (PS3.5 A.1-A.5).
 */
class Part10RoundTripTest {
  static final List<TransferSyntax> UNCOMPRESSED =
      List.of(
          TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
          TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
          TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);

  @TempDir Path tmp;

  static Stream<Arguments> syntaxesAndByteOrders() {
    return UNCOMPRESSED.stream()
        .flatMap(ts -> Stream.of(Arguments.of(ts, false), Arguments.of(ts, true)));
  }

  /** What reading {@code ds} back from {@code ts} must give. */
  static Attributes expected(Attributes ds, TransferSyntax ts) {
    return ts.explicitVR() ? ds : Synthetic.asReadFromImplicitVr(ds);
  }

  @ParameterizedTest(name = "{0}, held big endian: {1}")
  @MethodSource("syntaxesAndByteOrders")
  void writesAndReadsBackFromAStream(TransferSyntax ts, boolean heldBigEndian) throws IOException {
    Attributes ds = Synthetic.dataset(heldBigEndian, 4096);
    byte[] file = Synthetic.part10(ds, ts);
    try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(file))) {
      Attributes meta = in.readFileMetaInformation();
      Attributes read = in.readDataset();
      assertThat(in.transferSyntax()).isEqualTo(ts);
      assertThat(meta.getString(Tag.TransferSyntaxUID)).isEqualTo(ts.uid());
      assertThat(meta.getInt(Tag.FileMetaInformationGroupLength, 0)).isEqualTo(groupLength(file));
      assertThat(read.isBigEndian()).isEqualTo(ts.bigEndian());
      assertThat(Differences.first(expected(ds, ts), read)).isNull();
      assertThat(read.getString(Tag.PatientName)).isEqualTo("Müller^Jürgen=山田^太郎=やまだ^たろう");
      if (ts.explicitVR()) { // implicit VR: a private element is UN, its text not decoded
        assertThat(
                read.getSequence(Synthetic.PRIVATE_SEQUENCE)
                    .get(0)
                    .getSequence(Synthetic.PRIVATE_SEQUENCE)
                    .get(0)
                    .getString(0x00111001))
            .isEqualTo("Ünder^Nested");
      }
      // Writing what was read gives the same bytes: the encoding is stable.
      assertThat(Synthetic.part10(read, ts)).isEqualTo(file);
    }
  }

  private static int groupLength(byte[] file) {
    // (0002,0000) UL 4 follows "DICM": its value is at 132 + 8.
    return (file[140] & 0xFF)
        | (file[141] & 0xFF) << 8
        | (file[142] & 0xFF) << 16
        | (file[143] & 0xFF) << 24;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uncompressed")
  void writesAndReadsBackAFile(TransferSyntax ts) throws IOException {
    Attributes ds = Synthetic.dataset(false, 1024);
    Path f = tmp.resolve("f.dcm");
    new DicomFile(Synthetic.fileMeta(ts.uid()), ds, ts, null).write(f);
    DicomFile read = DicomFile.read(f);
    assertThat(read.transferSyntax()).isEqualTo(ts);
    assertThat(read.fileMeta().getString(Tag.ImplementationClassUID))
        .isEqualTo(Implementation.CLASS_UID);
    assertThat(Differences.first(expected(ds, ts), read.dataset())).isNull();
    assertThat(Files.readAllBytes(f)).isEqualTo(Synthetic.part10(ds, ts));
  }

  static List<TransferSyntax> uncompressed() {
    return UNCOMPRESSED;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uncompressed")
  void readsDefinedLengthSequencesAndItems(TransferSyntax ts) throws IOException {
    Attributes ds = Synthetic.dataset(ts.bigEndian(), 256);
    byte[] encoded = DefinedLengthEncoder.encode(ds, ts.explicitVR(), ts.bigEndian());
    if (ts.deflated()) {
      ByteArrayOutputStream z = new ByteArrayOutputStream();
      try (DeflaterOutputStream d =
          new DeflaterOutputStream(z, new Deflater(Deflater.BEST_SPEED, true))) {
        d.write(encoded);
      }
      encoded = z.toByteArray();
    }
    try (DicomInputStream in =
        new DicomInputStream(new ByteArrayInputStream(encoded)).transferSyntax(ts)) {
      Attributes read = in.readDataset();
      if (ts.explicitVR()) {
        assertThat(Differences.first(ds, read)).isNull();
      } else {
        // A defined-length private sequence is indistinguishable from UN bytes in implicit VR:
        // what was read must encode back to the same bytes.
        assertThat(DefinedLengthEncoder.encode(read, false, false)).isEqualTo(encoded);
        assertThat(read.getBytes(Tag.PixelData)).isEqualTo(ds.getBytes(Tag.PixelData));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uncompressed")
  void padsOddLengthValuesToEvenLength(TransferSyntax ts) throws IOException {
    Attributes ds = new Attributes();
    ds.setBytes(Tag.PatientID, VR.LO, "ODD".getBytes(StandardCharsets.US_ASCII));
    ds.setBytes(Tag.SOPInstanceUID, VR.UI, "1.2.3".getBytes(StandardCharsets.US_ASCII));
    ds.setBytes(0x00111001, VR.OB, new byte[] {1, 2, 3});
    byte[] file = Synthetic.part10(ds, ts);
    Attributes read = new DicomInputStream(new ByteArrayInputStream(file)).readDataset();
    assertThat(read.getBytes(Tag.PatientID)).containsExactly('O', 'D', 'D', ' ');
    assertThat(read.getBytes(Tag.SOPInstanceUID)).containsExactly('1', '.', '2', '.', '3', 0);
    assertThat(read.getBytes(0x00111001)).containsExactly(1, 2, 3, 0);
    if (ts.explicitVR()) {
      assertThat(read.getString(Tag.PatientID)).isEqualTo("ODD");
      assertThat(read.getString(Tag.SOPInstanceUID)).isEqualTo("1.2.3");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encapsulatedSyntaxes")
  void keepsEncapsulatedFragmentsAndTheirOffsetTable(TransferSyntax ts) throws IOException {
    Attributes ds = Synthetic.dataset(false, 0);
    Fragments written = Synthetic.addEncapsulatedPixelData(ds);
    byte[] file = Synthetic.part10(ds, ts);
    try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(file))) {
      in.readFileMetaInformation();
      assertThat(in.transferSyntax().uid()).isEqualTo(ts.uid());
      Attributes read = in.readDataset();
      Fragments f = read.getFragments(Tag.PixelData);
      assertThat(f).isNotNull();
      assertThat(f.vr()).isEqualTo(VR.OB);
      assertThat(f).hasSize(4);
      assertThat(f.get(0)).isEqualTo(written.get(0));
      assertThat(f.lengthOf(1)).isEqualTo(1000);
      assertThat(f.get(3)).isEqualTo(Synthetic.filled(2, 3));
      assertThat(Differences.first(expected(ds, ts), read)).isNull();
    }
  }

  static List<TransferSyntax> encapsulatedSyntaxes() {
    return List.of(
        TransferSyntax.of(Synthetic.JPEG_BASELINE),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
  }

  @Test
  void padsAnOddLengthFragment() throws IOException {
    Attributes ds = new Attributes();
    Fragments f = ds.newFragments(Tag.PixelData, VR.OB, 2);
    f.add(new byte[0]);
    f.add(new byte[] {1, 2, 3});
    byte[] file = Synthetic.part10(ds, TransferSyntax.of(Synthetic.JPEG_BASELINE));
    Attributes read = new DicomInputStream(new ByteArrayInputStream(file)).readDataset();
    assertThat(read.getFragments(Tag.PixelData).get(1)).isEqualTo(new byte[] {1, 2, 3, 0});
  }

  @Test
  void detectsTheSyntaxOfABareDataset() throws IOException {
    Attributes ds = Synthetic.dataset(false, 64);
    for (TransferSyntax ts :
        List.of(
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DicomOutputStream out = new DicomOutputStream(bytes)) {
        out.writeDataset(ds, ts);
      }
      try (DicomInputStream in =
          new DicomInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        assertThat(in.readFileMetaInformation()).isNull();
        Attributes read = in.readDataset();
        assertThat(in.transferSyntax()).as(ts.name()).isEqualTo(ts);
        assertThat(Differences.first(expected(ds, ts), read)).as(ts.name()).isNull();
      }
    }
  }
}
