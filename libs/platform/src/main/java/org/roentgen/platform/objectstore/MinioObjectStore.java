package org.roentgen.platform.objectstore;

import io.minio.BucketExistsArgs;
import io.minio.Checksum;
import io.minio.GetObjectArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectAPIArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * {@link ObjectStore} on the MinIO Java SDK, for MinIO in production and S3Proxy locally and in
 * tests. An object that fits in one part is sent with one PUT and its SHA-256 recorded as user
 * metadata; the request is signed with that SHA-256 as its payload hash, so the server checks the
 * bytes it stores against the digest computed while they arrived, and the SDK hashes nothing again.
 * A larger object streams up in parts (one or two parts in memory), its SHA-256 computed on the way
 * and returned, not recorded; its parts carry a CRC32 checksum that the server verifies (the JDK's
 * intrinsic CRC32, not the SDK's default pure-Java CRC32C, which cost a third of the upload CPU).
 */
public final class MinioObjectStore implements ObjectStore {
  private static final Set<String> RETRYABLE_CODES =
      Set.of(
          "InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout", "OperationAborted");

  private static final String USER_METADATA_PREFIX = "X-Amz-Meta-";

  /** The first buffer of an upload; it doubles up to the part size as the object grows. */
  private static final int INITIAL_BUFFER = 1024 * 1024;

  /** Part buffers kept for reuse; beyond this many uploads at once, buffers are allocated. */
  private static final int POOLED_PARTS = 8;

  /**
   * How long an idle connection stays in the pool: shorter than the server's own idle timeout
   * (S3Proxy's Jetty closes an idle connection after 30 s, measured). With OkHttp's default of 5
   * minutes, and retryOnConnectionFailure off, the first request on a connection the server had
   * closed failed ("\n not found: limit=0"): every WADO-RS retrieve after half a minute without one
   * was answered 500, once per pooled connection.
   */
  private static final long IDLE_CONNECTION_SECONDS = 10;

  /** Idle connections kept in the pool (OkHttp's default). */
  private static final int IDLE_CONNECTIONS = 5;

  private final ArrayBlockingQueue<byte[]> parts = new ArrayBlockingQueue<>(POOLED_PARTS);
  private final MinioClient client;
  private final MinioAsyncClient async;
  private final OkHttpClient http;
  private final ObjectStoreSettings settings;

  public MinioObjectStore(ObjectStoreSettings settings) {
    this.settings = settings;
    for (int i = 0; i < POOLED_PARTS; i++) {
      parts.add(new byte[0]);
    }
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .connectionPool(
                new ConnectionPool(IDLE_CONNECTIONS, IDLE_CONNECTION_SECONDS, TimeUnit.SECONDS))
            .build();
    this.client =
        MinioClient.builder()
            .endpoint(settings.endpoint())
            .region(settings.region())
            .credentials(settings.accessKey(), settings.secretKey())
            .httpClient(http, false)
            .build();
    this.async =
        MinioAsyncClient.builder()
            .endpoint(settings.endpoint())
            .region(settings.region())
            .credentials(settings.accessKey(), settings.secretKey())
            .httpClient(http, false)
            .build();
  }

  @Override
  public void ensureBucket(String bucket) throws ObjectStoreException {
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
    } catch (ErrorResponseException e) {
      if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
        throw failure("cannot create the bucket", bucket, null, e);
      }
    } catch (MinioException | RuntimeException e) {
      throw failure("cannot create the bucket", bucket, null, e);
    }
  }

  @Override
  public PutResult put(
      String bucket,
      String key,
      InputStream in,
      long size,
      String contentType,
      Map<String, String> metadata,
      StreamEndListener onEnd)
      throws ObjectStoreException {
    DigestingInputStream digest = new DigestingInputStream(in, onEnd);
    // The part buffer comes from a small pool: allocating and growing one per object cost more
    // CPU than anything else in the upload. A pooled buffer is sized to a part on first use.
    byte[] pooled = parts.poll();
    if (pooled != null && pooled.length < settings.partSize()) {
      pooled = new byte[(int) settings.partSize()];
    }
    try {
      // Collect up to one part: an object that fits goes up in one PUT, its digest known first.
      byte[] first =
          pooled != null ? pooled : new byte[(int) Math.min(settings.partSize(), INITIAL_BUFFER)];
      int length = 0;
      while (length < settings.partSize()) {
        if (length == first.length) {
          first = Arrays.copyOf(first, (int) Math.min(settings.partSize(), 2L * first.length));
        }
        int n = digest.read(first, length, first.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
      // A full first part: one more byte says whether the object goes on.
      int next = length < settings.partSize() ? -1 : digest.read();
      boolean whole = next < 0;
      ObjectWriteResponse written;
      if (whole) {
        String sha = digest.sha256Hex();
        return new PutResult(
            bucket,
            key,
            length,
            sha,
            putWhole(bucket, key, first, length, sha, contentType, metadata));
      }
      InputStream rest =
          new SequenceInputStream(
              new ByteArrayInputStream(first, 0, length),
              new SequenceInputStream(new ByteArrayInputStream(new byte[] {(byte) next}), digest));
      written =
          client.putObject(
              PutObjectArgs.builder().bucket(bucket).object(key).stream(
                      rest, size >= 0 ? size : null, settings.partSize())
                  .parallelUploads(1)
                  .checksum(Checksum.Algorithm.CRC32)
                  .contentType(contentType)
                  .userMetadata(metadata)
                  .build());
      return new PutResult(bucket, key, digest.count(), digest.sha256Hex(), written.etag());
    } catch (MinioException | RuntimeException e) {
      throw failure("upload failed", bucket, key, e);
    } catch (IOException e) {
      throw new ObjectStoreException("upload failed: " + e.getMessage(), bucket, key, false, e);
    } finally {
      if (pooled != null) {
        parts.offer(pooled);
      }
    }
  }

  /**
   * One PUT of a whole object, signed with its SHA-256 as the payload hash: the server refuses the
   * request (XAmzContentSHA256Mismatch) unless what it received has that digest.
   */
  private String putWhole(
      String bucket,
      String key,
      byte[] data,
      int length,
      String sha,
      String contentType,
      Map<String, String> metadata)
      throws MinioException {
    Http.Headers headers = new Http.Headers();
    for (Map.Entry<String, String> m : metadata.entrySet()) {
      headers.put(USER_METADATA_PREFIX + m.getKey(), m.getValue());
    }
    headers.put(USER_METADATA_PREFIX + SHA256_METADATA, sha);
    headers.put(Http.Headers.X_AMZ_CONTENT_SHA256, sha);
    try {
      return async
          .putObject(
              PutObjectAPIArgs.builder()
                  .bucket(bucket)
                  .object(key)
                  .data(data, length)
                  .headers(headers)
                  .contentType(contentType)
                  .build())
          .get()
          .etag();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MinioException(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MinioException m) {
        throw m;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new MinioException(cause);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String bucket, String key) throws ObjectStoreException {
    try {
      StatObjectResponse s =
          client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
      String sha = s.userMetadata() == null ? null : s.userMetadata().getFirst(SHA256_METADATA);
      return Optional.of(new ObjectInfo(bucket, key, s.size(), s.etag(), sha, s.contentType()));
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)) {
        return Optional.empty();
      }
      throw failure("stat failed", bucket, key, e);
    } catch (MinioException | RuntimeException e) {
      throw failure("stat failed", bucket, key, e);
    }
  }

  @Override
  public InputStream get(String bucket, String key) throws ObjectStoreException {
    try {
      return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
    } catch (MinioException | RuntimeException e) {
      throw failure("read failed", bucket, key, e);
    }
  }

  @Override
  public InputStream get(String bucket, String key, long offset, long length)
      throws ObjectStoreException {
    if (offset < 0 || length <= 0) {
      throw new IllegalArgumentException("offset " + offset + ", length " + length);
    }
    try {
      return client.getObject(
          GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).length(length).build());
    } catch (MinioException | RuntimeException e) {
      throw failure("ranged read failed", bucket, key, e);
    }
  }

  @Override
  public String sha256(String bucket, String key) throws ObjectStoreException {
    Optional<ObjectInfo> info = stat(bucket, key);
    if (info.isEmpty()) {
      throw new ObjectStoreException("no such object", bucket, key, false, null);
    }
    if (info.get().sha256() != null) {
      return info.get().sha256();
    }
    try (InputStream in = get(bucket, key)) {
      return DigestingInputStream.sha256Of(in);
    } catch (ObjectStoreException e) {
      throw e;
    } catch (IOException e) {
      throw new ObjectStoreException("read failed: " + e.getMessage(), bucket, key, true, e);
    }
  }

  @Override
  public void delete(String bucket, String key) throws ObjectStoreException {
    try {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
    } catch (MinioException | RuntimeException e) {
      throw failure("delete failed", bucket, key, e);
    }
  }

  @Override
  public boolean reachable(String bucket) {
    try {
      return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    } catch (MinioException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private static ObjectStoreException failure(String what, String bucket, String key, Exception e) {
    if (e instanceof ErrorResponseException r) {
      String code = r.errorResponse().code();
      int status = r.response() == null ? 0 : r.response().code();
      boolean retry = status >= 500 || RETRYABLE_CODES.contains(code);
      return new ObjectStoreException(
          what + ": " + code + " (HTTP " + status + ")", bucket, key, retry, e);
    }
    // Anything else is the transport: refused, reset, timed out. The server may come back.
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new ObjectStoreException(
        what + ": " + root.getClass().getSimpleName() + " " + root.getMessage(),
        bucket,
        key,
        true,
        e);
  }
}
