package org.roentgen.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Bytes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;

/** Broken input ends in a DicomParseException that says where, never another failure. */
class BrokenInputTest {
  @TempDir Path tmp;

  /** A small file with a nested sequence, in {@code ts}. */
  static byte[] smallFile(TransferSyntax ts) {
    Attributes ds = new Attributes(false, 8);
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.PatientName, VR.PN, "Doe^J");
    ds.setString(Tag.PatientID, VR.LO, "12345");
    Attributes item = ds.newSequence(0x00081115, 1).addItem();
    item.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
    item.newSequence(0x0008114A, 1).addItem().setInt(Tag.Rows, VR.US, 7);
    ds.setInt(Tag.Rows, VR.US, 2);
    if (ts.encapsulated()) {
      Synthetic.addEncapsulatedPixelData(ds);
    } else {
      ds.setBytes(Tag.PixelData, VR.OW, Synthetic.filled(64, 5));
    }
    return Synthetic.part10(ds, ts);
  }

  static List<TransferSyntax> syntaxes() {
    return List.of(
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
        TransferSyntax.of(Synthetic.JPEG_BASELINE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("syntaxes")
  void everyTruncationReadsCleanlyOrFailsWithAParseException(TransferSyntax ts) throws IOException {
    byte[] whole = smallFile(ts);
    Path f = tmp.resolve("t.dcm");
    for (int n = 0; n < whole.length; n++) {
      byte[] cut = Arrays.copyOf(whole, n);
      readOrParseError(new DicomInputStream(new ByteArrayInputStream(cut)), "stream cut at " + n);
      Files.write(f, cut);
      readOrParseError(DicomInputStream.open(f), "file cut at " + n);
    }
  }

  private static void readOrParseError(DicomInputStream in, String what) {
    try (in) {
      in.readFileMetaInformation();
      in.readDataset();
    } catch (DicomParseException expected) {
      assertThat(expected.offset()).as(what).isNotNegative();
    } catch (Throwable t) {
      throw new AssertionError(what + ": " + t, t);
    }
  }

  /** An explicit VR little endian dataset: PatientID, then an OB element of a lying length. */
  private static byte[] lyingLength(long length) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {0x10, 0, 0x20, 0, 'L', 'O', 4, 0, 'I', 'D', '0', '1'});
    byte[] h = new byte[12];
    Bytes.putTag(h, 0, 0x00111001, false);
    h[4] = 'O';
    h[5] = 'B';
    Bytes.put32(h, 8, (int) length, false);
    b.writeBytes(h);
    b.writeBytes(new byte[200 - b.size()]);
    return b.toByteArray();
  }

  @Test
  void aLengthPastTheEndOfAFileFailsBeforeAllocating() throws IOException {
    Path f = tmp.resolve("lying.dcm");
    Files.write(f, lyingLength(0x7FFFFFF0L));
    long before = allocatedBytes();
    try (DicomInputStream in =
        DicomInputStream.open(f).transferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)) {
      assertThatThrownBy(in::readDataset)
          .isInstanceOf(DicomParseException.class)
          .hasMessageContaining("exceeds")
          .hasMessageContaining("(0011,1001)")
          .satisfies(e -> assertThat(((DicomParseException) e).offset()).isEqualTo(24));
    }
    assertThat(allocatedBytes() - before).isLessThan(4L << 20);
  }

  @Test
  void aLengthPastTheEndOfAStreamFailsWithABoundedAllocation() {
    for (long length : new long[] {0x7FFFFFF0L, 0xFFFFFFF0L, 0x10000L}) {
      for (long threshold : new long[] {Long.MAX_VALUE, 1000}) {
        long before = allocatedBytes();
        DicomInputStream in =
            new DicomInputStream(new ByteArrayInputStream(lyingLength(length)))
                .transferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)
                .bulkDataThreshold(threshold);
        assertThatThrownBy(in::readDataset)
            .as("length %x, threshold %d", length, threshold)
            .isInstanceOf(DicomParseException.class)
            .hasMessageContaining("(0011,1001)");
        // The reader reads unknown-length streams in chunks of at most 16 MiB.
        assertThat(allocatedBytes() - before).isLessThan(40L << 20);
      }
    }
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @Test
  void anUnknownVrNamesTheOffsetAndTag() {
    byte[] b = {
      0x10, 0, 0x10, 0, 'P', 'N', 4, 0, 'A', '^', 'B', ' ', 0x10, 0, 0x20, 0, 'Z', 'Z', 2, 0, 'I',
      'D'
    };
    DicomInputStream in =
        new DicomInputStream(new ByteArrayInputStream(b))
            .transferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertThatThrownBy(in::readDataset)
        .isInstanceOfSatisfying(
            DicomParseException.class,
            e -> {
              assertThat(e.offset()).isEqualTo(12);
              assertThat(e.tag()).isEqualTo(Tag.PatientID);
            })
        .hasMessage("unknown VR 'ZZ' at offset 12 in element (0010,0020)");
  }

  @Test
  void anItemTagOutsideASequenceIsAParseError() {
    for (int tag : new int[] {Tag.Item, Tag.SequenceDelimitationItem, 0xFFFE1234, 0xFFFE0000}) {
      byte[] b = new byte[20];
      b[0] = 0x10;
      b[2] = 0x20;
      b[4] = 'L';
      b[5] = 'O';
      b[6] = 4;
      b[8] = 'I';
      b[9] = 'D';
      b[10] = '0';
      b[11] = '1';
      Bytes.putTag(b, 12, tag, false);
      Bytes.put32(b, 16, 0, false);
      DicomInputStream in =
          new DicomInputStream(new ByteArrayInputStream(b))
              .transferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
      assertThatThrownBy(in::readDataset)
          .as(Integer.toHexString(tag))
          .isInstanceOfSatisfying(
              DicomParseException.class, e -> assertThat(e.offset()).isEqualTo(12));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("syntaxes")
  void sequencesNestedTooDeeplyAreAParseError(TransferSyntax ts) throws IOException {
    Attributes ds = new Attributes();
    Attributes level = ds;
    for (int i = 0; i < 100; i++) {
      level = level.newSequence(0x00111001, 1).addItem();
    }
    level.setString(0x00111002, VR.LO, "deep");
    byte[] file = Synthetic.part10(ds, ts);
    assertThatThrownBy(() -> new DicomInputStream(new ByteArrayInputStream(file)).readDataset())
        .isInstanceOf(DicomParseException.class)
        .hasMessageContaining("nested deeper than");
    if (ts.explicitVR()
        && !ts.deflated()) { // implicit: a defined-length private sequence is UN bytes
      byte[] defined = DefinedLengthEncoder.encode(ds, ts.explicitVR(), ts.bigEndian());
      assertThatThrownBy(
              () ->
                  new DicomInputStream(new ByteArrayInputStream(defined))
                      .transferSyntax(ts)
                      .readDataset())
          .isInstanceOf(DicomParseException.class);
    }
  }

  @Test
  void nestingUpToTheLimitIsRead() throws IOException {
    Attributes ds = new Attributes();
    Attributes level = ds;
    for (int i = 0; i < 32; i++) {
      level = level.newSequence(0x00111001, 1).addItem();
    }
    byte[] file = Synthetic.part10(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertThat(new DicomInputStream(new ByteArrayInputStream(file)).readDataset()).isEqualTo(ds);
  }

  @Test
  void corruptDeflatedDataIsAParseError() throws IOException {
    byte[] file = smallFile(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    int datasetStart = 132 + 12 + (int) Bytes.i32(file, 140, false);
    for (int i = datasetStart; i < file.length; i++) {
      byte[] broken = file.clone();
      broken[i] ^= (byte) 0xA5;
      readOrParseError(
          new DicomInputStream(new ByteArrayInputStream(broken)), "byte " + i + " flipped");
    }
    byte[] garbage = file.clone();
    Arrays.fill(garbage, datasetStart, garbage.length, (byte) 0xFF);
    try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(garbage))) {
      assertThatThrownBy(in::readDataset).isInstanceOf(DicomParseException.class);
    } catch (IOException e) {
      fail("close failed", e);
    }
  }
}
