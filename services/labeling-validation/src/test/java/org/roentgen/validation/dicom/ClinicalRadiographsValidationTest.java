package org.roentgen.validation.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.InstanceValidated.OrderStatus;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.dicom.testkit.ClinicalRadiographs;
import org.roentgen.validation.domain.InMemoryStudyIdentities;
import org.roentgen.validation.domain.RuleBookLoader;
import org.roentgen.validation.domain.ScheduledStep;
import org.roentgen.validation.domain.Validator;
import org.roentgen.validation.domain.Worklist;

/**
 * The test kit's {@link ClinicalRadiographs} (CR, DX and MG studies, every view) through the
 * validator at the shipped rules, each study's order in the worklist: the order written as the
 * worklist SCP's DICOM JSON, read back, and mapped to scheduled steps as {@link MwlWorklist} maps a
 * C-FIND match ({@link MwlQuery#steps}). No FAIL finding, order MATCHED.
 */
class ClinicalRadiographsValidationTest {
  private static final long SEED = 20261127L;
  private static final DicomJson HEADER = DicomJson.omittingBulkData(1024);

  @Test
  void everyImageMatchesItsOrderAndNothingFails() throws Exception {
    int count = 6 * ClinicalRadiographs.IMAGES_PER_STUDY;
    List<Attributes> images = new ArrayList<>();
    Map<String, List<ScheduledStep>> orders = new HashMap<>();
    for (int i = 0; i < count; i++) {
      Attributes image = ClinicalRadiographs.image(i, 512, 512, SEED);
      images.add(image);
      String json = DicomJson.inline().write(ClinicalRadiographs.order(image));
      Attributes order = DicomJson.read(json);
      String accession = order.getString(Tag.AccessionNumber);
      orders.put(accession, MwlQuery.steps(order, accession));
    }
    Worklist worklist = accession -> orders.getOrDefault(accession, List.of());
    Validator validator =
        new Validator(
            RuleBookLoader::defaults,
            worklist,
            new InMemoryStudyIdentities(1000, 1000),
            Clock.fixed(Instant.parse("2026-11-02T18:00:00Z"), ZoneOffset.UTC),
            "test");
    List<String> problems = new ArrayList<>();
    Map<String, Integer> verdicts = new TreeMap<>();
    for (Attributes image : images) {
      InstanceValidated.Validation v = validator.validate(event(image)).validation();
      String label =
          image.getString(Tag.Modality)
              + " "
              + image.getString(Tag.SeriesDescription)
              + " ("
              + image.getString(Tag.AccessionNumber)
              + ")";
      verdicts.merge(image.getString(Tag.Modality) + " " + v.verdict(), 1, Integer::sum);
      System.out.printf("%-40s %-5s order %s%n", label, v.verdict(), v.order().status());
      for (InstanceValidated.Finding f : v.findings()) {
        System.out.printf(
            "    %s %s %s: %s (expected %s, found %s)%n",
            f.severity(), f.ruleId(), f.attribute(), f.message(), f.expected(), f.found());
      }
      if (v.order().status() != OrderStatus.MATCHED
          || v.findings().stream().anyMatch(f -> f.severity() == Severity.FAIL)) {
        problems.add(label + ": " + v.order().status() + " " + v.findings());
      }
    }
    System.out.println("verdicts: " + verdicts);
    assertThat(verdicts.keySet()).anyMatch(k -> k.startsWith("CR"));
    assertThat(verdicts.keySet()).anyMatch(k -> k.startsWith("DX"));
    assertThat(verdicts.keySet()).anyMatch(k -> k.startsWith("MG"));
    assertThat(problems).as("images with a FAIL finding or an order not MATCHED").isEmpty();
  }

  /** The received event ingest would publish: the header as DICOM JSON, bulk data left out. */
  private static InstanceReceived event(Attributes ds) throws Exception {
    String sop = ds.getString(Tag.SOPInstanceUID);
    String study = ds.getString(Tag.StudyInstanceUID);
    return new InstanceReceived(
        sop,
        ds.getString(Tag.SOPClassUID),
        study,
        ds.getString(Tag.SeriesInstanceUID),
        UID.ExplicitVRLittleEndian,
        ds.getString(Tag.Modality),
        new InstanceReceived.StoredObject(
            "dicom", "studies/" + study + "/instances/" + sop + ".dcm", 1000, "ab".repeat(32), 1),
        null,
        new InstanceReceived.Source(
            InstanceReceived.Protocol.DIMSE,
            ds.getString(Tag.StationName),
            "ROENTGEN",
            "127.0.0.1:40000",
            "ingest-test"),
        EventJson.mapper().readTree(HEADER.write(ds)),
        new InstanceReceived.PixelData(900, 512 * 512 * 2, false),
        Instant.parse("2026-11-02T10:16:30Z"));
  }
}
