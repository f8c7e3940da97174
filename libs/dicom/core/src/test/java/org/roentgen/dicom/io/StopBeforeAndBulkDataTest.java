package org.roentgen.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.BulkData;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.data.Fragments;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/** Reading a header without its pixel data, and leaving large values in the file. */
class StopBeforeAndBulkDataTest {
  private static final int PIXELS = 8 << 20;
  private static final int READ_BUFFER = 64 << 10;

  @TempDir Path tmp;

  /** Counts the bytes a reader takes from the stream. */
  static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += s;
      return s;
    }
  }

  static Iterable<TransferSyntax> notDeflated() {
    return java.util.List.of(
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notDeflated")
  void stopsBeforePixelDataWithoutReadingIt(TransferSyntax ts) throws IOException {
    Attributes ds = Synthetic.dataset(ts.bigEndian(), PIXELS);
    ds.remove(0xFFFCFFFC); // the padding would follow the pixel data
    byte[] file = Synthetic.part10(ds, ts);
    long valueOffset = file.length - PIXELS;
    CountingStream counting = new CountingStream(new ByteArrayInputStream(file));
    try (DicomInputStream in = new DicomInputStream(counting).stopBefore(Tag.PixelData)) {
      in.readFileMetaInformation();
      Attributes header = in.readDataset();
      DicomInputStream.ElementHeader at = in.stoppedAt();
      assertThat(at)
          .isEqualTo(new DicomInputStream.ElementHeader(Tag.PixelData, VR.OW, valueOffset, PIXELS));
      assertThat(in.position()).isEqualTo(valueOffset);
      assertThat(header.contains(Tag.PixelData)).isFalse();
      assertThat(header.getInt(Tag.Rows, 0)).isEqualTo(16);
      assertThat(counting.count).isLessThan(2L * READ_BUFFER).isLessThan(valueOffset + READ_BUFFER);

      // The value follows, untouched.
      byte[] pixels = in.valueStream(at.length()).readAllBytes();
      assertThat(pixels).isEqualTo(ds.getBytes(Tag.PixelData));
      assertThat(counting.count).isEqualTo(file.length);
    }
  }

  @Test
  void readHeaderReportsWherePixelDataIsInAFile() throws IOException {
    Attributes ds = Synthetic.dataset(false, 4096);
    Path f = tmp.resolve("h.dcm");
    Files.write(f, Synthetic.part10(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    DicomFile header = DicomFile.readHeader(f);
    DicomInputStream.ElementHeader px = header.pixelData();
    assertThat(px.tag()).isEqualTo(Tag.PixelData);
    assertThat(px.length()).isEqualTo(4096);
    assertThat(px.undefinedLength()).isFalse();
    assertThat(header.dataset().contains(0xFFFCFFFC)).isFalse();
    assertThat(readAt(f, px.valueOffset(), 4096)).isEqualTo(ds.getBytes(Tag.PixelData));
  }

  @Test
  void stopsBeforeEncapsulatedPixelDataWithAnUndefinedLength() throws IOException {
    Attributes ds = Synthetic.dataset(false, 0);
    Synthetic.addEncapsulatedPixelData(ds);
    Path f = tmp.resolve("e.dcm");
    Files.write(f, Synthetic.part10(ds, TransferSyntax.of(Synthetic.JPEG_BASELINE)));
    DicomFile header = DicomFile.readHeader(f);
    assertThat(header.pixelData().undefinedLength()).isTrue();
    assertThat(header.pixelData().vr()).isEqualTo(VR.OB);
    // The first item of the value is the Basic Offset Table: (FFFE,E000), length 8.
    assertThat(readAt(f, header.pixelData().valueOffset(), 8))
        .containsExactly(0xFE, 0xFF, 0x00, 0xE0, 8, 0, 0, 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notDeflated")
  void leavesValuesOverTheThresholdInTheFile(TransferSyntax ts) throws IOException {
    Attributes ds = Synthetic.dataset(ts.bigEndian(), 4096);
    Path f = tmp.resolve("b.dcm");
    Files.write(f, Synthetic.part10(ds, ts));
    Attributes read;
    try (DicomInputStream in = DicomInputStream.open(f).bulkDataThreshold(1024)) {
      read = in.readDataset();
    }
    BulkData px = read.getBulkData(Tag.PixelData);
    assertThat(px).isNotNull();
    assertThat(px.length()).isEqualTo(4096);
    assertThat(px.bigEndian()).isEqualTo(ts.bigEndian());
    assertThat(px.uri()).isEqualTo(f.toUri().toString());
    assertThat(readAt(f, px.offset(), 4096)).isEqualTo(ds.getBytes(Tag.PixelData));
    BulkData text = read.getBulkData(0x00111020); // the 50,000-byte UT
    assertThat(readAt(f, text.offset(), (int) text.length())).isEqualTo(ds.getBytes(0x00111020));
    assertThat(read.getBytes(Tag.PatientID)).isNotNull();

    // Written again (in any syntax), the referenced bytes are copied in and swapped as needed.
    for (TransferSyntax to : Part10RoundTripTest.UNCOMPRESSED) {
      Path copy = tmp.resolve("copy.dcm");
      DicomOutputStream.writeFile(copy, Synthetic.fileMeta(to.uid()), read);
      Attributes reread = DicomFile.read(copy).dataset();
      assertThat(
              Differences.first(
                  Part10RoundTripTest.expected(Part10RoundTripTest.expected(ds, ts), to), reread))
          .as(ts + " to " + to)
          .isNull();
    }
  }

  @Test
  void leavesLargeFragmentsInTheFile() throws IOException {
    Attributes ds = Synthetic.dataset(false, 0);
    Fragments written = Synthetic.addEncapsulatedPixelData(ds);
    Path f = tmp.resolve("ef.dcm");
    Files.write(f, Synthetic.part10(ds, TransferSyntax.of(Synthetic.JPEG_BASELINE)));
    try (DicomInputStream in = DicomInputStream.open(f).bulkDataThreshold(100)) {
      Fragments read = in.readDataset().getFragments(Tag.PixelData);
      assertThat(read.get(0)).isEqualTo(written.get(0));
      BulkData first = (BulkData) read.get(1);
      assertThat(readAt(f, first.offset(), (int) first.length())).isEqualTo(written.get(1));
      assertThat(read.lengthOf(2)).isEqualTo(500);
    }
  }

  @Test
  void aStreamHasNoFileToReferenceSoValuesAreRead() throws IOException {
    Attributes ds = Synthetic.dataset(false, 4096);
    byte[] file = Synthetic.part10(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    try (DicomInputStream in =
        new DicomInputStream(new ByteArrayInputStream(file)).bulkDataThreshold(16)) {
      assertThat(Differences.first(ds, in.readDataset())).isNull();
    }
  }

  private static byte[] readAt(Path f, long offset, int length) throws IOException {
    try (FileChannel ch = FileChannel.open(f)) {
      ByteBuffer b = ByteBuffer.allocate(length);
      while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
        // keep reading
      }
      return Arrays.copyOf(b.array(), b.position());
    }
  }
}
