package org.roentgen.qc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceQc.Finding;
import org.roentgen.contracts.InstanceQc.Verdict;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.testkit.ClinicalRadiographs;

/**
 * The test kit's {@link ClinicalRadiographs} (CR, DX and MG studies, every view they draw) through
 * the analyser the service runs, at the default settings and without history, the way the consumer
 * sees them (the header as DICOM JSON without bulk data, the Pixel Data value as stored): no FAIL
 * finding, verdict PASS or WARN.
 */
class ClinicalRadiographsQcTest {
  private static final long SEED = 20261127L;
  private static final DicomJson HEADER = DicomJson.omittingBulkData(0);

  @Test
  void everyViewOfEveryModalityPassesQc() throws Exception {
    QcAnalyzer analyzer = new QcAnalyzer(QcSettings.defaults(), Baselines.NONE);
    List<String> problems = new ArrayList<>();
    Map<String, Integer> verdicts = new TreeMap<>();
    int[][] runs = {{1024, 0, 12}, {2048, 0, 6}};
    for (int[] run : runs) {
      int size = run[0];
      for (int index = run[1]; index < run[2]; index++) {
        Attributes ds = ClinicalRadiographs.image(index, size, size, SEED);
        JsonNode json = EventJson.mapper().readTree(HEADER.write(ds));
        ImageHeader header = ImageHeader.fromDicomJson(json, UID.ExplicitVRLittleEndian);
        Analysis a = analyzer.analyze(header, ByteBuffer.wrap(ds.getBytes(Tag.PixelData)), false);
        String label =
            String.format(
                "%dx%d #%d %s %s",
                size, size, index, ds.getString(Tag.Modality), ds.getString(Tag.SeriesDescription));
        verdicts.merge(ds.getString(Tag.Modality) + " " + a.verdict(), 1, Integer::sum);
        System.out.printf("%-40s %-5s %s%n", label, a.verdict(), metrics(a));
        for (Finding f : a.findings()) {
          System.out.printf(
              "    %s %s %.3f (threshold %.3f): %s%n",
              f.severity(), f.checkId(), f.score(), f.threshold(), f.message());
        }
        boolean fail = a.findings().stream().anyMatch(f -> f.severity() == Severity.FAIL);
        if (fail || !(a.verdict() == Verdict.PASS || a.verdict() == Verdict.WARN)) {
          problems.add(label + ": " + a.verdict() + " " + a.findings());
        }
      }
    }
    System.out.println("verdicts: " + verdicts);
    assertThat(problems).as("images with a FAIL finding or no PASS/WARN verdict").isEmpty();
  }

  private static String metrics(Analysis a) {
    StringBuilder b = new StringBuilder();
    for (String k :
        new String[] {
          "blank.structure",
          "inverted.score",
          "exposure.signal-median",
          "exposure.index-mismatch-db",
          "sharpness",
          "noise.relative-sigma",
          "grid.peak-ratio",
          "saturation.fraction",
          "defect.count",
          "foreign-object.count"
        }) {
      Double v = a.metrics().get(k);
      b.append(k.replaceAll(".*\\.", ""))
          .append('=')
          .append(v == null ? "-" : String.format("%.3f", v))
          .append(' ');
    }
    return b.toString();
  }
}
