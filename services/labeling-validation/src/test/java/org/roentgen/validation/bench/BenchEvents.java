package org.roentgen.validation.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.InstanceValidated;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.validation.CorpusEvents;
import org.roentgen.validation.CorrectRadiograph;
import org.roentgen.validation.LabeledCase;
import org.roentgen.validation.WorklistFiles;
import org.roentgen.validation.domain.ScheduledStep;

/**
 * The benchmark's instances: correct DX headers ({@link CorrectRadiograph}), image {@code i} of a
 * mode belonging to order {@code firstOrder + i % orders}: one accession number, one study, one
 * series and one synthetic patient per order, a SOP Instance UID per image. Every image passes
 * every rule against its order, so the benchmark measures the path of a correct image.
 */
final class BenchEvents {
  /** The labeled corpus's UID root, branch 10: the benchmark. */
  private static final String ROOT = "1.2.826.0.1.3680043.8.498.77.10";

  private static final String SOURCE = "/roentgen/ingest/bench";
  private static final String PROCEDURE = "XR HAND LEFT 2 VIEWS";

  /** Which images a mode sends and which orders they belong to. */
  record Plan(String run, int orders, int firstOrder) {
    int order(int i) {
      return firstOrder + i % orders;
    }

    Attributes dataset(int i) {
      int order = order(i);
      String prefix = ROOT + "." + run + ".";
      return CorrectRadiograph.dx(
          prefix + "1." + order, prefix + "2." + order, prefix + "3." + i, order);
    }

    /** The received events of images {@code from} (inclusive) to {@code to}, serialized. */
    List<ProducerRecord<String, byte[]>> records(String topic, int from, int to) {
      List<ProducerRecord<String, byte[]>> out = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        out.add(record(topic, dataset(i)));
      }
      return out;
    }

    /** The scheduled procedure step of each order, as the worklist holds it. */
    List<ScheduledStep> steps() {
      List<ScheduledStep> steps = new ArrayList<>(orders);
      for (int i = 0; i < orders; i++) {
        Attributes ds = dataset(i);
        steps.add(
            new ScheduledStep(
                ds.getString(Tag.AccessionNumber),
                ds.getString(Tag.PatientID),
                ds.getString(Tag.PatientName),
                ds.getString(Tag.PatientBirthDate),
                ds.getString(Tag.PatientSex),
                ds.getString(Tag.Modality),
                PROCEDURE,
                PROCEDURE,
                "DX1"));
      }
      return steps;
    }

    /** Writes one worklist file per order. */
    void writeWorklist(WorklistFiles files) throws IOException {
      for (ScheduledStep s : steps()) {
        files.add(s);
      }
    }

    /** Writes images {@code from} to {@code to} as Part 10 files (explicit VR little endian). */
    void writeFiles(Path dir, int from, int to) throws IOException {
      for (int i = from; i < to; i++) {
        Attributes ds = dataset(i);
        Attributes meta =
            DicomOutputStream.createFileMetaInformation(
                ds.getString(Tag.SOPClassUID),
                ds.getString(Tag.SOPInstanceUID),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        new DicomFile(meta, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null)
            .write(dir.resolve(String.format("%06d.dcm", i)));
      }
    }
  }

  private BenchEvents() {}

  /** The {@code dicom.instance.received} record ingest would publish for {@code ds}. */
  static ProducerRecord<String, byte[]> record(String topic, Attributes ds) {
    InstanceReceived e =
        CorpusEvents.event(new LabeledCase("bench", ds, Set.of(), List.of(), false), 0);
    CloudEvent<InstanceReceived> ce =
        CloudEvent.of(
            SOURCE, Topics.INSTANCE_RECEIVED.eventType(), e.sopInstanceUid(), Instant.now(), e);
    return KafkaCloudEvents.toRecord(topic, e.studyInstanceUid(), ce);
  }

  /**
   * What is wrong with the validated events of a mode: each of the {@code expected} SOP instances
   * exactly once, each PASS with its order MATCHED. Empty when all is well; otherwise counts and
   * rule ids only (never values, which hold the synthetic patients' names).
   */
  static List<String> problems(List<ConsumerRecord<String, byte[]>> got, int expected) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, Integer> wrong = new TreeMap<>();
    int duplicates = 0;
    for (ConsumerRecord<String, byte[]> r : got) {
      InstanceValidated v;
      try {
        v =
            KafkaCloudEvents.fromRecord(
                    r, Topics.INSTANCE_VALIDATED.eventType(), InstanceValidated.class)
                .data();
      } catch (Exception e) {
        wrong.merge("unreadable event", 1, Integer::sum);
        continue;
      }
      if (!seen.add(v.instance().sopInstanceUid())) {
        duplicates++;
      }
      InstanceValidated.Validation val = v.validation();
      if (val.verdict() != InstanceValidated.Verdict.PASS
          || val.order().status() != InstanceValidated.OrderStatus.MATCHED) {
        String rules =
            String.join(",", val.findings().stream().map(f -> f.ruleId()).sorted().toList());
        wrong.merge(
            val.verdict() + " order " + val.order().status() + " " + rules, 1, Integer::sum);
      }
    }
    if (got.size() != expected || seen.size() != expected) {
      problems.add(
          got.size()
              + " validated events for "
              + expected
              + " instances ("
              + seen.size()
              + " distinct, "
              + duplicates
              + " duplicates)");
    }
    wrong.forEach((k, n) -> problems.add(n + " events " + k));
    return problems;
  }
}
