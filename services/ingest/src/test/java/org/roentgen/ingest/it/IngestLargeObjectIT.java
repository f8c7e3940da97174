package org.roentgen.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.testkit.SyntheticRadiographs;
import org.roentgen.ingest.domain.ObjectKeys;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.stack.SharedStack;

/**
 * An object larger than ingest's whole heap (400 MB through a 192 MiB heap) streams through to S3
 * in both policies: it is never held in memory.
 */
class IngestLargeObjectIT {
  @Test
  void anObjectLargerThanTheHeapStreamsThroughInBothPolicies() throws Exception {
    Path tmp = Files.createTempDirectory("ingest-large");
    SharedStack stack = SharedStack.get();
    Map<String, String> config =
        Map.of(
            "ingest.kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
            "ingest.s3.endpoint", stack.s3Endpoint(),
            "ingest.s3.access-key", stack.s3AccessKey(),
            "ingest.s3.secret-key", stack.s3SecretKey(),
            "ingest.s3.bucket", "large",
            "ingest.spool.dir", tmp.resolve("spool").toString(),
            "ingest.store.policies.SPOOLER", "spool");
    Path dir = tmp.resolve("in");
    List<Path> files = SyntheticRadiographs.write(dir, 2, 14_200, 14_200, 42);
    try (IngestProcess ingest = new IngestProcess(config, tmp.resolve("ingest.log"), "192m");
        MinioObjectStore store =
            new MinioObjectStore(
                ObjectStoreSettings.of(
                    stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey()))) {
      ingest.start();
      Storescu.Result durable =
          Storescu.send(ingest.dicomPort(), "MODALITY", List.of(files.get(0)));
      assertThat(durable.succeeded()).as(ingest.tail()).hasSize(1);
      Storescu.Result spool = Storescu.send(ingest.dicomPort(), "SPOOLER", List.of(files.get(1)));
      assertThat(spool.succeeded()).as(ingest.tail()).hasSize(1);
      for (Path f : files) {
        Attributes h = DicomFile.readHeader(f).dataset();
        String key =
            ObjectKeys.of(
                h.getString(Tag.StudyInstanceUID),
                h.getString(Tag.SeriesInstanceUID),
                h.getString(Tag.SOPInstanceUID),
                1);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!store.exists("large", key) && System.nanoTime() < deadline) {
          Thread.sleep(500); // the spool uploader works in the background
        }
        assertThat(store.exists("large", key)).as(key).isTrue();
        String sent;
        try (InputStream in = Files.newInputStream(f)) {
          sent = Part10Files.datasetSha256(in);
        }
        try (InputStream in = store.get("large", key)) {
          assertThat(Part10Files.datasetSha256(in)).isEqualTo(sent);
        }
      }
      assertThat(ingest.tail()).doesNotContain("OutOfMemoryError");
    }
  }
}
