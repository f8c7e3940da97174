package org.roentgen.platform.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roentgen.stack.SharedStack;

/** The object store against a real S3 server (S3Proxy, started once per test JVM). */
class MinioObjectStoreIT {
  private static final String BUCKET = "objectstore-it";
  private static MinioObjectStore store;

  @BeforeAll
  static void connect() throws Exception {
    SharedStack s = SharedStack.get();
    store =
        new MinioObjectStore(
            new ObjectStoreSettings(
                s.s3Endpoint(),
                s.s3AccessKey(),
                s.s3SecretKey(),
                "us-east-1",
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                ObjectStoreSettings.MIN_PART_SIZE));
    store.ensureBucket(BUCKET);
    store.ensureBucket(BUCKET); // idempotent
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void smallObjectsGoUpWholeWithTheirDigestRecorded() throws Exception {
    byte[] data = random(100_000, 1);
    AtomicReference<String> told = new AtomicReference<>();
    PutResult r =
        store.put(
            BUCKET,
            "small/a.dcm",
            new ByteArrayInputStream(data),
            -1,
            "application/dicom",
            Map.of(),
            (size, sha) -> told.set(size + ":" + sha));
    assertThat(r.size()).isEqualTo(data.length);
    assertThat(r.sha256()).isEqualTo(sha(data));
    assertThat(told.get()).isEqualTo(data.length + ":" + sha(data));
    ObjectInfo info = store.stat(BUCKET, "small/a.dcm").orElseThrow();
    assertThat(info.size()).isEqualTo(data.length);
    assertThat(info.sha256()).isEqualTo(sha(data));
    assertThat(info.contentType()).isEqualTo("application/dicom");
    assertThat(store.sha256(BUCKET, "small/a.dcm")).isEqualTo(sha(data));
  }

  @Test
  void largeObjectsStreamInPartsAndRangedReadsReturnTheirBytes() throws Exception {
    // Three parts and a bit, of unknown size; exactly one part, to check the boundary case.
    for (int size :
        new int[] {
          (int) (3.2 * ObjectStoreSettings.MIN_PART_SIZE), (int) ObjectStoreSettings.MIN_PART_SIZE
        }) {
      byte[] data = random(size, size);
      String key = "large/" + size + ".dcm";
      PutResult r =
          store.put(BUCKET, key, new ByteArrayInputStream(data), -1, "application/dicom", Map.of());
      assertThat(r.size()).isEqualTo(size);
      assertThat(r.sha256()).isEqualTo(sha(data));
      assertThat(store.sha256(BUCKET, key))
          .as("computed by reading when not recorded")
          .isEqualTo(sha(data));
      try (InputStream in = store.get(BUCKET, key, size - 1000, 1000)) {
        assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, size - 1000, size));
      }
      try (InputStream in = store.get(BUCKET, key)) {
        assertThat(sha(in.readAllBytes())).isEqualTo(sha(data));
      }
    }
  }

  @Test
  void absentObjectsAndDeletes() throws Exception {
    assertThat(store.stat(BUCKET, "nothing/here.dcm")).isEmpty();
    assertThat(store.exists(BUCKET, "nothing/here.dcm")).isFalse();
    store.put(BUCKET, "gone.dcm", new ByteArrayInputStream(new byte[10]), -1, "x/y", Map.of());
    assertThat(store.exists(BUCKET, "gone.dcm")).isTrue();
    store.delete(BUCKET, "gone.dcm");
    store.delete(BUCKET, "gone.dcm");
    assertThat(store.exists(BUCKET, "gone.dcm")).isFalse();
    assertThat(store.reachable(BUCKET)).isTrue();
  }

  @Test
  void anUnreachableServerIsARetryableFailureWithinTheTimeout() {
    MinioObjectStore down =
        new MinioObjectStore(
            new ObjectStoreSettings(
                "http://127.0.0.1:1",
                "k",
                "s",
                "us-east-1",
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                ObjectStoreSettings.MIN_PART_SIZE));
    try {
      assertThat(down.reachable(BUCKET)).isFalse();
      assertThatThrownBy(
              () ->
                  down.put(BUCKET, "k", new ByteArrayInputStream(new byte[3]), -1, "x/y", Map.of()))
          .isInstanceOfSatisfying(
              ObjectStoreException.class, e -> assertThat(e.retryable()).isTrue())
          .hasMessageContaining("upload failed");
    } finally {
      down.close();
    }
  }
}
