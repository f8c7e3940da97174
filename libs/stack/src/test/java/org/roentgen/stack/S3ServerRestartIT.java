package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.roentgen.stack.S3ServerIT.S3Clients;

/**
 * An S3 server of its own (never the shared one) stopped or killed and started again keeps its port
 * and its objects, and leaves no process behind.
 */
class S3ServerRestartIT {

  @Test
  void stopAndKillThenRestartKeepThePortAndTheObjects() throws Exception {
    try (S3Server s3 = S3Server.builder().credentials("restart-key", "restart-secret").build()) {
      s3.start();
      MinioClient minio = S3Clients.minio(s3);
      String bucket = S3Clients.newBucket(minio);
      byte[] data = S3Clients.bytes(4096, 3);
      minio.putObject(
          PutObjectArgs.builder().bucket(bucket).object("kept").stream(
                  new ByteArrayInputStream(data), (long) data.length, null)
              .build());
      String endpoint = s3.endpoint();
      long firstPid = s3.pid().orElseThrow();

      s3.stop();

      assertThat(s3.isRunning()).isFalse();
      assertThat(ProcessHandle.of(firstPid)).isEmpty();
      s3.start();
      assertThat(s3.endpoint()).isEqualTo(endpoint);
      assertThat(S3Clients.get(minio, bucket, "kept")).isEqualTo(data);
      long secondPid = s3.pid().orElseThrow();

      s3.kill();

      assertThat(ProcessHandle.of(secondPid)).isEmpty();
      s3.start();
      assertThat(S3Clients.get(minio, bucket, "kept")).isEqualTo(data);
    }
  }
}
