package org.roentgen.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomParseException;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.testkit.SyntheticRadiographs;

class HeaderCaptureTest {
  @TempDir Path tmp;

  /** The dataset bytes of a Part 10 file and where its dataset starts. */
  private static byte[] datasetOf(Path file) throws IOException {
    long start;
    try (DicomInputStream in = DicomInputStream.open(file)) {
      in.readFileMetaInformation();
      start = in.position();
    }
    byte[] all = Files.readAllBytes(file);
    return Arrays.copyOfRange(all, (int) start, all.length);
  }

  @Test
  void replaysTheDatasetByteForByteAndFindsThePixelData() throws IOException {
    Path file = SyntheticRadiographs.write(tmp.resolve("in"), 1, 256, 256, 7).get(0);
    byte[] dataset = datasetOf(file);
    DicomFile reference = DicomFile.readHeader(file);
    long metaLength = Files.size(file) - dataset.length;

    // A memory limit smaller than the header: the capture spills to disk and still replays.
    for (int memory : new int[] {1 << 20, 100}) {
      try (HeaderCapture c =
          HeaderCapture.read(
              new ByteArrayInputStream(dataset),
              TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
              memory,
              tmp.resolve("spill"))) {
        assertThat(c.header().getString(Tag.SOPInstanceUID))
            .isEqualTo(reference.dataset().getString(Tag.SOPInstanceUID));
        assertThat(c.header().contains(Tag.PixelData)).isFalse();
        assertThat(c.pixelData().valueOffset() + metaLength)
            .isEqualTo(reference.pixelData().valueOffset());
        assertThat(c.pixelData().length()).isEqualTo(256L * 256 * 2);
        try (InputStream replay = c.dataset()) {
          assertThat(replay.readAllBytes()).isEqualTo(dataset);
        }
      }
    }
    try (var spilled = Files.list(tmp.resolve("spill"))) {
      assertThat(spilled).as("spill files are deleted on close").isEmpty();
    }
  }

  @Test
  void everyCorpusFileReplaysByteForByte() throws IOException {
    int checked = 0;
    for (Path file : org.roentgen.dicom.testkit.Corpus.files()) {
      DicomFile f;
      try {
        f = DicomFile.readHeader(file);
      } catch (IOException | RuntimeException e) {
        continue;
      }
      if (f.fileMeta() == null || f.fileMeta().getString(Tag.TransferSyntaxUID) == null) {
        continue;
      }
      byte[] dataset = datasetOf(file);
      TransferSyntax ts = TransferSyntax.of(f.fileMeta().getString(Tag.TransferSyntaxUID));
      try (HeaderCapture c =
          HeaderCapture.read(new ByteArrayInputStream(dataset), ts, 1 << 20, tmp)) {
        try (InputStream replay = c.dataset()) {
          assertThat(replay.readAllBytes()).as(file.toString()).isEqualTo(dataset);
        }
      } catch (DicomParseException e) {
        // Files the toolkit rejects are refused by ingest too (0xC000).
        continue;
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(50);
  }

  @Test
  void aMalformedDatasetIsAParseErrorWithItsOffset() throws IOException {
    Path file = SyntheticRadiographs.write(tmp.resolve("in"), 1, 64, 64, 3).get(0);
    byte[] dataset = datasetOf(file);
    // The second element (after SpecificCharacterSet's 18 bytes) claims 32767 bytes of 200.
    byte[] broken = Arrays.copyOf(dataset, 200);
    broken[18 + 6] = (byte) 0xFF;
    broken[18 + 7] = (byte) 0x7F;
    assertThatThrownBy(
            () ->
                HeaderCapture.read(
                    new ByteArrayInputStream(broken),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                    1 << 20,
                    tmp))
        .isInstanceOf(DicomParseException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("(0008,0008)");
  }
}
