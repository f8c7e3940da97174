package org.roentgen.platform.objectstore;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the S3 server.
 *
 * @param endpoint e.g. {@code http://127.0.0.1:9000}
 * @param region the region to sign for ({@code us-east-1} for MinIO and S3Proxy)
 * @param connectTimeout bound on opening a connection
 * @param requestTimeout bound on each read or write of a request, so a stalled server fails the
 *     call instead of hanging it
 * @param partSize bytes per part of an upload of unknown size (at least 5 MiB, the S3 minimum); one
 *     part is held in memory per upload
 */
public record ObjectStoreSettings(
    String endpoint,
    String accessKey,
    String secretKey,
    String region,
    Duration connectTimeout,
    Duration requestTimeout,
    long partSize) {
  /** The S3 minimum part size. */
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  public ObjectStoreSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("partSize below the S3 minimum of 5 MiB: " + partSize);
    }
  }

  /** Settings with the defaults: region us-east-1, 5 s connect, 30 s per request, 16 MiB parts. */
  public static ObjectStoreSettings of(String endpoint, String accessKey, String secretKey) {
    return new ObjectStoreSettings(
        endpoint,
        accessKey,
        secretKey,
        "us-east-1",
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        16L * 1024 * 1024);
  }
}
