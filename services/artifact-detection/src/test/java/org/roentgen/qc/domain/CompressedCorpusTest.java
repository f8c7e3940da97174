package org.roentgen.qc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;
import org.roentgen.contracts.InstanceQc.Verdict;
import org.roentgen.dicom.testkit.Corpus;

/**
 * Every compressed file of pydicom's corpus goes through the analyzer: those in a syntax OpenCV
 * decodes (JPEG baseline and 8-bit extended, JPEG 2000, single frame) are analysed, with a field
 * and a preview; every other gets NOT_ANALYSED with a reason and a message; none throws.
 */
class CompressedCorpusTest {
  private static final Set<String> DECODED =
      Set.of(
          PixelDecoder.JPEG_BASELINE,
          PixelDecoder.JPEG_EXTENDED,
          PixelDecoder.J2K_LOSSLESS,
          PixelDecoder.J2K);

  @Test
  void decodableFilesAreAnalysedAndTheOthersSayWhyNot() throws Exception {
    QcAnalyzer analyzer = new QcAnalyzer(QcSettings.defaults(), Baselines.NONE);
    List<String> analysed = new ArrayList<>();
    List<String> notAnalysed = new ArrayList<>();
    for (Path file : Corpus.files()) {
      CorpusImages c;
      try {
        c = CorpusImages.read(file);
      } catch (Exception unreadable) {
        continue; // the toolkit's own corpus tests cover files it refuses
      }
      if (c.pixelValue() == null || !c.encapsulated()) {
        continue;
      }
      Analysis a = analyzer.analyze(c.header(), c.pixelValue(), true);
      String name = file.getFileName() + " (" + c.header().transferSyntaxUid() + ")";
      if (a.verdict() == Verdict.NOT_ANALYSED) {
        assertThat(a.notAnalysed().message()).as(name).isNotBlank();
        notAnalysed.add(name + ": " + a.notAnalysed().reason() + " " + a.notAnalysed().message());
        if (!DECODED.contains(c.header().transferSyntaxUid())) {
          assertThat(a.notAnalysed().reason())
              .as(name)
              .isIn(
                  NotAnalysedReason.UNSUPPORTED_TRANSFER_SYNTAX,
                  NotAnalysedReason.UNSUPPORTED_IMAGE_TYPE);
        }
      } else {
        assertThat(DECODED).as(name).contains(c.header().transferSyntaxUid());
        assertThat(a.field()).as(name).isNotNull();
        assertThat(a.preview().png()).as(name).isNotEmpty();
        analysed.add(name + ": " + a.verdict() + " " + a.findings().size() + " findings");
      }
    }
    System.out.println("analysed:");
    analysed.forEach(s -> System.out.println("  " + s));
    System.out.println("not analysed:");
    notAnalysed.forEach(s -> System.out.println("  " + s));
    // JPEG baseline (8 bit) and JPEG 2000, signed or not, single frame: all decode here; what does
    // not is 12-bit JPEG (OpenCV's libjpeg reads 8 bit), and one JPEG 2000 stream that pydicom
    // cannot decode either (JPEG2000-embedded-sequence-delimiter.dcm: a corrupt tile header).
    assertThat(analysed).hasSizeGreaterThanOrEqualTo(18);
    assertThat(notAnalysed)
        .filteredOn(s -> s.contains("DECODE_FAILED"))
        .allMatch(s -> s.startsWith("JPEG2000-embedded-sequence-delimiter.dcm"));
    assertThat(notAnalysed)
        .filteredOn(s -> s.startsWith("JPGExtended.dcm") || s.startsWith("JPEG-lossy.dcm"))
        .hasSize(2)
        .allMatch(s -> s.contains("12-bit JPEG"));
  }
}
