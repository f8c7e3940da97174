package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shared S3 server does what the services ask of S3, through the MinIO Java SDK. */
class S3ServerIT {
  private static final long PART = 5L * 1024 * 1024;

  @Test
  void putsStatsRangedGetsAndListsWithUserMetadata() throws Exception {
    MinioClient minio = S3Clients.minio(SharedStack.get());
    String bucket = S3Clients.newBucket(minio);
    byte[] data = S3Clients.bytes(10_000, 1);

    minio.putObject(
        PutObjectArgs.builder().bucket(bucket).object("study/series/instance.dcm").stream(
                new ByteArrayInputStream(data), (long) data.length, null)
            .contentType("application/dicom")
            .userMetadata(Map.of("sha256", "abc123", "source-ae", "MODALITY1"))
            .build());

    StatObjectResponse stat =
        minio.statObject(
            StatObjectArgs.builder().bucket(bucket).object("study/series/instance.dcm").build());
    assertThat(stat.size()).isEqualTo(data.length);
    assertThat(stat.contentType()).isEqualTo("application/dicom");
    assertThat(stat.userMetadata().getFirst("sha256")).isEqualTo("abc123");
    assertThat(stat.userMetadata().getFirst("source-ae")).isEqualTo("MODALITY1");
    assertThat(S3Clients.get(minio, bucket, "study/series/instance.dcm", 1234, 100))
        .isEqualTo(Arrays.copyOfRange(data, 1234, 1334));
    assertThat(S3Clients.list(minio, bucket, "study/"))
        .containsExactly("study/series/instance.dcm");
  }

  @Test
  void putsALargeObjectOfUnknownSizeAsMultipartAndReadsAcrossParts() throws Exception {
    MinioClient minio = S3Clients.minio(SharedStack.get());
    String bucket = S3Clients.newBucket(minio);
    byte[] data = S3Clients.bytes((int) (2 * PART + 123_456), 2);

    minio.putObject(
        PutObjectArgs.builder().bucket(bucket).object("large.dcm").stream(
                new ByteArrayInputStream(data), null, PART)
            .build());

    StatObjectResponse stat =
        minio.statObject(StatObjectArgs.builder().bucket(bucket).object("large.dcm").build());
    assertThat(stat.size()).isEqualTo(data.length);
    // An S3 multipart ETag is the MD5 of the part MD5s, then "-" and the number of parts.
    assertThat(stat.etag()).endsWith("-3");
    int from = (int) PART - 10;
    assertThat(S3Clients.get(minio, bucket, "large.dcm", from, 20))
        .isEqualTo(Arrays.copyOfRange(data, from, from + 20));
    assertThat(S3Clients.get(minio, bucket, "large.dcm", 0, data.length)).isEqualTo(data);
  }

  @Test
  void listsBucketsAndNothingElse() throws Exception {
    MinioClient minio = S3Clients.minio(SharedStack.get());
    String bucket = S3Clients.newBucket(minio);

    assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
    assertThat(minio.listBuckets())
        .extracting(b -> b.name())
        .contains(bucket)
        .allMatch(name -> name.startsWith("stack-it-"));
  }

  /** MinIO client helpers shared by the S3 tests. */
  static final class S3Clients {
    private S3Clients() {}

    static MinioClient minio(SharedStack stack) {
      return MinioClient.builder()
          .endpoint(stack.s3Endpoint())
          .credentials(stack.s3AccessKey(), stack.s3SecretKey())
          .build();
    }

    static MinioClient minio(S3Server s3) {
      return MinioClient.builder()
          .endpoint(s3.endpoint())
          .credentials(s3.accessKey(), s3.secretKey())
          .build();
    }

    static String newBucket(MinioClient minio) throws Exception {
      String bucket = "stack-it-" + UUID.randomUUID().toString().substring(0, 8);
      minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      return bucket;
    }

    static byte[] bytes(int size, long seed) {
      byte[] data = new byte[size];
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < size; i++) {
        data[i] = (byte) random.nextInt(256);
      }
      return data;
    }

    /** A ranged GET: the {@code length} bytes at {@code offset}. */
    static byte[] get(MinioClient minio, String bucket, String object, long offset, long length)
        throws Exception {
      try (GetObjectResponse in =
          minio.getObject(
              GetObjectArgs.builder()
                  .bucket(bucket)
                  .object(object)
                  .offset(offset)
                  .length(length)
                  .build())) {
        return in.readAllBytes();
      }
    }

    static byte[] get(MinioClient minio, String bucket, String object) throws Exception {
      try (InputStream in =
          minio.getObject(GetObjectArgs.builder().bucket(bucket).object(object).build())) {
        return in.readAllBytes();
      }
    }

    static List<String> list(MinioClient minio, String bucket, String prefix) throws Exception {
      List<String> names = new ArrayList<>();
      for (Result<Item> r :
          minio.listObjects(
              ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
        names.add(r.get().objectName());
      }
      return names;
    }
  }
}
