package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectInfo;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.Payload;
import org.roentgen.stack.SharedStack;

/** Puts to a real S3 server (S3Proxy from the shared test stack) and reads back. */
class S3DestinationIT {
  @TempDir Path tmp;
  private static MinioObjectStore store;
  private static ObjectStoreSettings s3;
  private static String bucket;

  @BeforeAll
  static void s3() throws Exception {
    SharedStack s = SharedStack.get();
    s3 = ObjectStoreSettings.of(s.s3Endpoint(), s.s3AccessKey(), s.s3SecretKey());
    store = new MinioObjectStore(s3);
    bucket = "it-destination-" + UUID.randomUUID().toString().substring(0, 8);
    store.ensureBucket(bucket);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static String key(FilePayload p, String series) {
    return "routed/" + p.studyInstanceUid() + "/" + series + "/" + p.sopInstanceUid() + ".dcm";
  }

  private static String series(Path f) throws Exception {
    return DicomFile.readHeader(f).dataset().getString(Tag.SeriesInstanceUID);
  }

  @Test
  void putsThePart10FileUnderStudySeriesInstanceWithItsSha256() throws Exception {
    try (S3Destination d =
        new S3Destination(new S3DestinationSettings("bucket", bucket, "routed/", s3))) {
      d.probe();
      for (String name : new String[] {"CT_small.dcm", "image_dfl.dcm", "JPEG2000.dcm"}) {
        Path f = Corpus.file("test_files/" + name);
        FilePayload p = FilePayload.of(f);
        d.send(p);
        String key = key(p, series(f));
        ObjectInfo info = store.stat(bucket, key).orElseThrow();
        assertThat(info.sha256()).isEqualTo(p.sha256());
        try (InputStream in = store.get(bucket, key)) {
          assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(f));
        }
      }
    }
  }

  @Test
  void findsTheSeriesUidBehindALongHeaderByReadingTheStartAgain() throws Exception {
    Path ct = Corpus.file("test_files/CT_small.dcm");
    DicomFile original = DicomFile.read(ct);
    Attributes ds = original.dataset();
    ds.setString(0x00090010, VR.LO, "ROENTGEN TEST");
    ds.setBytes(0x00091010, VR.OB, new byte[S3Destination.HEADER_LIMIT + 1000]);
    Path big = tmp.resolve("big-header.dcm");
    DicomOutputStream.writeFile(big, original.fileMeta(), ds);
    FilePayload p = FilePayload.of(big);
    AtomicInteger opens = new AtomicInteger();
    Payload counting =
        new Payload() {
          @Override
          public String sopClassUid() {
            return p.sopClassUid();
          }

          @Override
          public String sopInstanceUid() {
            return p.sopInstanceUid();
          }

          @Override
          public String studyInstanceUid() {
            return p.studyInstanceUid();
          }

          @Override
          public String transferSyntaxUid() {
            return p.transferSyntaxUid();
          }

          @Override
          public long size() {
            return p.size();
          }

          @Override
          public String sha256() {
            return p.sha256();
          }

          @Override
          public InputStream open() throws java.io.IOException {
            opens.incrementAndGet();
            return p.open();
          }
        };
    try (S3Destination d =
        new S3Destination(new S3DestinationSettings("bucket", bucket, "routed/", s3))) {
      d.send(counting);
      assertThat(opens.get()).as("a second read for the series UID").isEqualTo(2);
      assertThat(store.stat(bucket, key(p, series(big))).orElseThrow().sha256())
          .isEqualTo(p.sha256());
      d.send(FilePayload.of(Corpus.file("test_files/CT_small.dcm")));
    }
  }

  @Test
  void aPayloadReadWithAnotherDigestIsTransientAndLeavesNoObject() throws Exception {
    Path f = Corpus.file("test_files/MR_small.dcm");
    FilePayload real = FilePayload.of(f);
    FilePayload wrong =
        new FilePayload(
            f,
            real.sopClassUid(),
            real.sopInstanceUid(),
            real.studyInstanceUid(),
            real.transferSyntaxUid(),
            real.size(),
            "ab".repeat(32));
    try (S3Destination d =
        new S3Destination(new S3DestinationSettings("bucket", bucket, "digest/", s3))) {
      DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> d.send(wrong));
      assertThat(e.failureCause()).isEqualTo(FailureCause.OBJECT_STORE);
      assertThat(e.permanent()).isFalse();
      assertThat(
              store.stat(
                  bucket,
                  "digest/"
                      + real.studyInstanceUid()
                      + "/"
                      + series(f)
                      + "/"
                      + real.sopInstanceUid()
                      + ".dcm"))
          .isEmpty();
    }
  }

  @Test
  void aMissingBucketIsPermanentAndFailsTheProbe() throws Exception {
    try (S3Destination d =
        new S3Destination(new S3DestinationSettings("nobucket", bucket + "-absent", "", s3))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class,
              () -> d.send(FilePayload.of(Corpus.file("test_files/CT_small.dcm"))));
      assertThat(e.failureCause()).isEqualTo(FailureCause.OBJECT_STORE);
      assertThat(e.getMessage()).contains("NoSuchBucket");
      assertThat(e.permanent()).isTrue();
      DeliveryException probe = catchThrowableOfType(DeliveryException.class, d::probe);
      assertThat(probe.failureCause()).isEqualTo(FailureCause.OBJECT_STORE);
    }
  }

  @Test
  void wrongCredentialsArePermanent() throws Exception {
    ObjectStoreSettings denied = ObjectStoreSettings.of(s3.endpoint(), s3.accessKey(), "wrong-key");
    try (S3Destination d =
        new S3Destination(new S3DestinationSettings("denied", bucket, "", denied))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class,
              () -> d.send(FilePayload.of(Corpus.file("test_files/CT_small.dcm"))));
      assertThat(e.failureCause()).as(e.getMessage()).isEqualTo(FailureCause.OBJECT_STORE);
      assertThat(e.permanent()).as(e.getMessage()).isTrue();
      assertThat(e.getMessage()).doesNotContain("wrong-key");
    }
  }

  @Test
  void anUnreachableServerIsTransient() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ObjectStoreSettings down = ObjectStoreSettings.of("http://127.0.0.1:" + port, "a", "b");
    try (S3Destination d = new S3Destination(new S3DestinationSettings("down", bucket, "", down))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class,
              () -> d.send(FilePayload.of(Corpus.file("test_files/CT_small.dcm"))));
      assertThat(e.failureCause()).isEqualTo(FailureCause.OBJECT_STORE);
      assertThat(e.permanent()).isFalse();
      assertThat(catchThrowableOfType(DeliveryException.class, d::probe)).isNotNull();
    }
  }
}
