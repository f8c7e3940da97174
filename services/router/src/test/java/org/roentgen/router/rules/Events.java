package org.roentgen.router.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceQc;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.ElementDictionary;
import org.roentgen.dicom.data.Sequence;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.json.DicomJson;

/** Events for the tests: a header built with the toolkit and written as DICOM JSON by it. */
final class Events {
  static final Instant NOW = Instant.parse("2024-05-15T10:00:00Z");
  static final Set<String> DESTINATIONS = Set.of("orthanc", "archive-scp", "research", "ai");

  private final Attributes header = new Attributes();
  private String calling = "MODALITY1";
  private String called = "ROENTGEN";
  private InstanceValidated.Verdict validationVerdict;
  private final List<InstanceValidated.Finding> validationFindings = new ArrayList<>();
  private InstanceQc.Verdict qcVerdict;
  private final List<InstanceQc.Finding> qcFindings = new ArrayList<>();

  private Events() {
    header.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1");
    header.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5");
    header.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4");
    header.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.1");
  }

  static Events instance() {
    return new Events();
  }

  /** Sets an attribute by keyword in the dictionary's VR. */
  Events with(String keyword, String... values) {
    int tag = ElementDictionary.tagOf(keyword);
    header.setString(tag, ElementDictionary.vrOf(tag), values);
    return this;
  }

  /** Adds an item with one attribute to a sequence (created when absent). */
  Events item(String sequence, String keyword, String... values) {
    int seqTag = ElementDictionary.tagOf(sequence);
    Sequence seq = header.getSequence(seqTag);
    if (seq == null) {
      seq = header.newSequence(seqTag, 1);
    }
    Attributes item = seq.addItem();
    int tag = ElementDictionary.tagOf(keyword);
    item.setString(tag, ElementDictionary.vrOf(tag), values);
    return this;
  }

  Attributes attributes() {
    return header;
  }

  Events calling(String ae) {
    this.calling = ae;
    return this;
  }

  Events called(String ae) {
    this.called = ae;
    return this;
  }

  Events validation(InstanceValidated.Verdict verdict, String... findings) {
    validationVerdict = verdict;
    Severity s =
        verdict == InstanceValidated.Verdict.PASS
            ? Severity.INFO
            : Severity.valueOf(verdict.name());
    for (String id : findings) {
      validationFindings.add(new InstanceValidated.Finding(id, s, null, null, null, null, "m"));
    }
    return this;
  }

  Events qc(InstanceQc.Verdict verdict, String... findings) {
    qcVerdict = verdict;
    Severity s =
        verdict == InstanceQc.Verdict.PASS || verdict == InstanceQc.Verdict.NOT_ANALYSED
            ? Severity.INFO
            : Severity.valueOf(verdict.name());
    for (String id : findings) {
      qcFindings.add(new InstanceQc.Finding(id, s, null, null, null, null, "m"));
    }
    return this;
  }

  RoutingEvent event() {
    JsonNode json;
    try {
      json = EventJson.mapper().readTree(DicomJson.omittingBulkData(1024).write(header));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    InstanceReceived received =
        new InstanceReceived(
            header.getString(Tag.SOPInstanceUID),
            header.getString(Tag.SOPClassUID),
            header.getString(Tag.StudyInstanceUID),
            header.getString(Tag.SeriesInstanceUID),
            "1.2.840.10008.1.2.1",
            header.getString(Tag.Modality),
            new InstanceReceived.StoredObject("b", "k", 10, "00", 1),
            null,
            new InstanceReceived.Source(
                InstanceReceived.Protocol.DIMSE, calling, called, "10.0.0.1:4000", "ingest-1"),
            json,
            null,
            NOW.minusSeconds(5));
    if (qcVerdict != null && validationVerdict == null) {
      validationVerdict = InstanceValidated.Verdict.PASS;
    }
    InstanceValidated.Validation validation =
        validationVerdict == null
            ? null
            : new InstanceValidated.Validation(
                validationVerdict,
                validationFindings,
                InstanceValidated.Order.of(InstanceValidated.OrderStatus.MATCHED),
                "rules",
                NOW,
                "validator-1");
    InstanceQc.Qc qc =
        qcVerdict == null
            ? null
            : new InstanceQc.Qc(
                qcVerdict,
                qcVerdict == InstanceQc.Verdict.NOT_ANALYSED
                    ? new InstanceQc.NotAnalysed(InstanceQc.NotAnalysedReason.NO_PIXEL_DATA, "m")
                    : null,
                Map.of(),
                qcFindings,
                null,
                null,
                "checks",
                NOW,
                "analyser-1",
                null);
    if (qc != null) {
      return RoutingEvent.of(new InstanceQc(received, validation, qc));
    }
    if (validation != null) {
      return RoutingEvent.of(new InstanceValidated(received, validation));
    }
    return RoutingEvent.of(received);
  }

  /** Parses a rule file text with the test destinations, time windows in UTC. */
  static RuleSet rules(String yaml) {
    try {
      return parser().parse(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test.yaml");
    } catch (RuleFileException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static RuleFileParser parser() {
    return new RuleFileParser(DESTINATIONS, ZoneOffset.UTC);
  }

  /** The errors of an invalid rule file text. */
  static List<RuleError> errors(String yaml) {
    try {
      parser().parse(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test.yaml");
    } catch (RuleFileException e) {
      return e.errors();
    }
    throw new AssertionError("the file was accepted");
  }
}
