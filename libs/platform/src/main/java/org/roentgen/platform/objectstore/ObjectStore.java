package org.roentgen.platform.objectstore;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * An S3 bucket store, as the pipeline uses it: objects are written once, streamed in with their
 * SHA-256 computed on the way, read whole or by byte range. Every method fails with an {@link
 * ObjectStoreException} that says whether a retry may help.
 */
public interface ObjectStore extends AutoCloseable {
  /** User metadata key under which the SHA-256 of an object is kept when known at upload. */
  String SHA256_METADATA = "sha256";

  /** Creates the bucket unless it exists. */
  void ensureBucket(String bucket) throws ObjectStoreException;

  /**
   * Streams {@code in} to the object until its end, computing its SHA-256 and size on the way.
   *
   * @param size the number of bytes when known, or -1 (then uploaded in parts; nothing larger than
   *     one part is held in memory)
   * @param metadata user metadata (no patient data: metadata is visible to every S3 user)
   */
  default PutResult put(
      String bucket,
      String key,
      InputStream in,
      long size,
      String contentType,
      Map<String, String> metadata)
      throws ObjectStoreException {
    return put(bucket, key, in, size, contentType, metadata, null);
  }

  /**
   * As {@link #put(String, String, InputStream, long, String, Map)}, telling {@code onEnd} the size
   * and SHA-256 as soon as {@code in} has ended, while the last bytes may still be on their way to
   * the server: what depends on the digest can start then, in parallel.
   */
  PutResult put(
      String bucket,
      String key,
      InputStream in,
      long size,
      String contentType,
      Map<String, String> metadata,
      StreamEndListener onEnd)
      throws ObjectStoreException;

  /** Told once that the stream of an upload has ended; must not block. */
  @FunctionalInterface
  interface StreamEndListener {
    void streamEnded(long size, String sha256);
  }

  /** The object's size, ETag and, when recorded at upload, SHA-256; empty when it is absent. */
  Optional<ObjectInfo> stat(String bucket, String key) throws ObjectStoreException;

  /** True when the object exists. */
  default boolean exists(String bucket, String key) throws ObjectStoreException {
    return stat(bucket, key).isPresent();
  }

  /** The whole object as a stream, to be closed by the caller. */
  InputStream get(String bucket, String key) throws ObjectStoreException;

  /** {@code length} bytes from {@code offset} (a ranged GET), to be closed by the caller. */
  InputStream get(String bucket, String key, long offset, long length) throws ObjectStoreException;

  /**
   * The object's SHA-256: the one recorded at upload, or, for objects uploaded in parts, computed
   * by reading the object.
   */
  String sha256(String bucket, String key) throws ObjectStoreException;

  /** Deletes the object; absent objects are not an error. */
  void delete(String bucket, String key) throws ObjectStoreException;

  /** True when the store answers (for readiness checks); never throws. */
  boolean reachable(String bucket);

  @Override
  void close();
}
