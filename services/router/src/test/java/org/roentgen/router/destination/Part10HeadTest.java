package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomParseException;
import org.roentgen.dicom.testkit.Corpus;

class Part10HeadTest {
  @Test
  void findsWhereTheDataSetStartsAndGivesBackEveryByte() throws Exception {
    int checked = 0;
    for (Path f : Corpus.files()) {
      byte[] all = Files.readAllBytes(f);
      long offset;
      Attributes meta;
      try (DicomInputStream in = DicomInputStream.open(f)) {
        meta = in.readFileMetaInformation();
        offset = in.position();
      } catch (DicomParseException e) {
        continue;
      }
      if (meta == null) {
        continue;
      }
      Part10Head head = Part10Head.read(new ByteArrayInputStream(all));
      assertThat(head.datasetOffset()).as(f.toString()).isEqualTo(offset);
      try (InputStream whole = head.all()) {
        assertThat(whole.readAllBytes()).as(f.toString()).isEqualTo(all);
      }
      try (InputStream ds = Part10Head.read(new ByteArrayInputStream(all)).dataset()) {
        assertThat(ds.readAllBytes()).hasSize(all.length - (int) offset);
      }
      checked++;
    }
    assertThat(checked).as("Part 10 files of the corpus").isGreaterThan(40);
  }

  @Test
  void readsTheHeaderUpToTheSeriesUidWhenItFits() throws Exception {
    for (String name : new String[] {"CT_small.dcm", "image_dfl.dcm", "MR_small_bigendian.dcm"}) {
      Path f = Corpus.file("test_files/" + name);
      Part10Head head =
          Part10Head.readHeader(
              Files.newInputStream(f), Tag.SeriesInstanceUID + 1, S3Destination.HEADER_LIMIT);
      assertThat(head.header()).as(name).isNotNull();
      assertThat(head.header().getString(Tag.SeriesInstanceUID))
          .isEqualTo(DicomFile.readHeader(f).dataset().getString(Tag.SeriesInstanceUID));
    }
  }

  @Test
  void refusesWhatIsNoPart10File() {
    assertThatThrownBy(
            () -> Part10Head.read(new ByteArrayInputStream("not dicom".repeat(1000).getBytes())))
        .isInstanceOf(DicomParseException.class);
    assertThatThrownBy(() -> Part10Head.read(new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(DicomParseException.class);
  }
}
