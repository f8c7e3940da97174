package org.roentgen.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.ContractSchemas;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UidDictionary;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.dicom.testkit.SyntheticRadiographs;
import org.roentgen.ingest.config.IngestConfig;
import org.roentgen.ingest.dicom.DicomListener;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.events.KafkaCloudEvents;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.stack.SharedStack;

/**
 * DCMTK's storescu sends the pydicom corpus and 500 generated radiographs to ingest, with real
 * Kafka and S3 behind it. Every object answered Success is in S3 as a Part 10 file whose dataset is
 * byte-identical to the one sent, its SHA-256 the one in its event, and every event is on the
 * topic, valid against its schema, keyed by StudyInstanceUID.
 */
@QuarkusTest
@QuarkusTestResource(value = SharedStackResource.class, restrictToAnnotatedClass = true)
class IngestEndToEndIT {
  @Inject DicomListener listener;
  @Inject ObjectStore store;
  @Inject IngestConfig config;

  /** Corpus files that storescu can send: Part 10, a storage SOP class, study and series. */
  private static List<Path> sendableCorpus() {
    List<Path> out = new ArrayList<>();
    for (Path p : Corpus.files()) {
      try {
        DicomFile f = DicomFile.readHeader(p);
        Attributes m = f.fileMeta();
        if (m != null
            && m.getString(Tag.TransferSyntaxUID) != null
            && UidDictionary.isStorageSopClass(m.getString(Tag.MediaStorageSOPClassUID))
            && f.dataset().getString(Tag.StudyInstanceUID) != null
            && f.dataset().getString(Tag.SeriesInstanceUID) != null) {
          out.add(p);
        }
      } catch (IOException | RuntimeException e) {
        // Not readable as Part 10: not something a modality would send.
      }
    }
    return out;
  }

  @Test
  void everyAcknowledgedObjectIsInS3ByteForByteWithItsEventOnTheTopic() throws Exception {
    Path tmp = Files.createTempDirectory("ingest-e2e");
    List<Path> radiographs = SyntheticRadiographs.write(tmp.resolve("dx"), 500, 256, 256, 11);
    Storescu.Result dx = Storescu.send(listener.port(), "DX_ROOM1", radiographs);
    assertThat(dx.failed()).as(dx.log()).isEmpty();
    assertThat(dx.succeeded()).hasSize(500);

    // The corpus, grouped by transfer syntax: storescu proposes a syntax only when told to.
    Map<String, List<Path>> bySyntax = new HashMap<>();
    for (Path p : sendableCorpus()) {
      String ts = DicomFile.readHeader(p).fileMeta().getString(Tag.TransferSyntaxUID);
      if (Storescu.proposalFor(ts) != null) {
        bySyntax.computeIfAbsent(ts, k -> new ArrayList<>()).add(p);
      }
    }
    int corpusFiles = bySyntax.values().stream().mapToInt(List::size).sum();
    assertThat(corpusFiles).isGreaterThan(50);
    Set<Path> corpusSent = new HashSet<>();
    // What storescu puts on the wire, as DCMTK's bit-preserving storescp receives it.
    Storescp reference = new Storescp(tmp.resolve("reference"));
    List<Path> unreferenced = new ArrayList<>();
    StringBuilder corpusLog = new StringBuilder();
    for (Map.Entry<String, List<Path>> group : bySyntax.entrySet()) {
      List<Path> files = group.getValue();
      // One file per storescu: a file storescu itself cannot read stops its whole run.
      for (Path file : files) {
        List<Path> batch = List.of(file);
        String proposal = Storescu.proposalFor(group.getKey());
        Storescu.Result r = Storescu.send(listener.port(), "CORPUS", batch, "-R", proposal);
        if (!r.succeeded().isEmpty()
            && Storescu.send(reference.port(), "CORPUS", batch, "-R", proposal)
                .succeeded()
                .isEmpty()) {
          unreferenced.addAll(r.succeeded());
        }
        assertThat(r.refused()).as("refused by ingest: " + r.log()).isEmpty();
        corpusSent.addAll(r.succeeded());
        if (!r.failed().isEmpty()) {
          corpusLog.append(r.failed()).append('\n').append(r.log()).append('\n');
        }
      }
    }
    // Ingest refused nothing; the few files storescu itself cannot read are not sent.
    assertThat(corpusSent.size()).as(corpusLog.toString()).isGreaterThan(corpusFiles * 9 / 10);

    // The datasets sent, by SOP Instance UID (the corpus has several files per UID).
    reference.close();
    Map<String, Set<String>> sentShas = new HashMap<>();
    List<Path> sent = new ArrayList<>(radiographs);
    sent.addAll(reference.files());
    for (Path p : sent) {
      byte[] file = Files.readAllBytes(p);
      String iuid = Part10Files.meta(file).getString(Tag.MediaStorageSOPInstanceUID);
      sentShas
          .computeIfAbsent(iuid, k -> new HashSet<>())
          .add(Part10Files.sha256(Part10Files.dataset(file)));
    }
    // A file storescp did not take (a SOP class it does not know): the file is the reference.
    for (Path p : unreferenced) {
      byte[] file = Files.readAllBytes(p);
      String iuid = Part10Files.meta(file).getString(Tag.MediaStorageSOPInstanceUID);
      sentShas
          .computeIfAbsent(iuid, k -> new HashSet<>())
          .add(Part10Files.sha256(Part10Files.dataset(file)));
    }
    int distinctContents = sentShas.values().stream().mapToInt(Set::size).sum();

    String topic = config.kafka().topic();
    List<ConsumerRecord<String, byte[]>> records =
        ReceivedEvents.read(
            SharedStack.get().kafkaBootstrapServers(),
            topic,
            Duration.ofSeconds(120),
            all -> distinctKeys(all) >= distinctContents);

    Map<String, InstanceReceived> byObject = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      String json = new String(r.value(), StandardCharsets.UTF_8);
      assertThat(ContractSchemas.violations(Topics.INSTANCE_RECEIVED, json)).as(json).isEmpty();
      CloudEvent<InstanceReceived> ce =
          KafkaCloudEvents.fromRecord(
              r, Topics.INSTANCE_RECEIVED.eventType(), InstanceReceived.class);
      InstanceReceived e = ce.data();
      assertThat(r.key()).isEqualTo(e.studyInstanceUid());
      assertThat(ce.subject()).isEqualTo(e.sopInstanceUid());
      byObject.put(e.object().key(), e);
    }
    Map<String, Set<String>> storedShas = new HashMap<>();
    for (InstanceReceived e : byObject.values()) {
      byte[] object;
      try (InputStream in = store.get(e.object().bucket(), e.object().key())) {
        object = in.readAllBytes();
      }
      assertThat(object.length).isEqualTo(e.object().size());
      assertThat(Part10Files.sha256(object)).isEqualTo(e.object().sha256());
      Attributes meta = Part10Files.meta(object);
      assertThat(meta.getString(Tag.TransferSyntaxUID)).isEqualTo(e.transferSyntaxUid());
      assertThat(meta.getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo(e.sopInstanceUid());
      String datasetSha = Part10Files.sha256(Part10Files.dataset(object));
      storedShas.computeIfAbsent(e.sopInstanceUid(), k -> new HashSet<>()).add(datasetSha);
      assertThat(sentShas.get(e.sopInstanceUid()))
          .as("dataset of %s is one that was sent", e.object().key())
          .contains(datasetSha);
      JsonNode header = e.header();
      assertThat(header.path("0020000D").path("Value").path(0).asText())
          .isEqualTo(e.studyInstanceUid());
      assertThat(header.has("7FE00010")).isFalse();
      if (e.pixelData() != null && !e.pixelData().encapsulated()) {
        // The reference addresses the pixel data: a ranged read gives its first bytes.
        DicomFile stored = DicomFile.readHeader(writeTemp(tmp, object));
        assertThat(e.pixelData().offset()).isEqualTo(stored.pixelData().valueOffset());
        assertThat(e.pixelData().length()).isEqualTo(stored.pixelData().length());
      }
    }
    // Every content answered Success has its object and event (and nothing else is there).
    assertThat(storedShas).isEqualTo(sentShas);
    assertThat(byObject).hasSize(distinctContents);
  }

  private static Path writeTemp(Path dir, byte[] object) throws IOException {
    Path f = Files.createTempFile(dir, "obj", ".dcm");
    Files.write(f, object);
    return f;
  }

  private static long distinctKeys(List<ConsumerRecord<String, byte[]>> records) {
    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      ids.add(KafkaCloudEvents.get(r.headers(), KafkaCloudEvents.ID));
    }
    return ids.size();
  }
}
