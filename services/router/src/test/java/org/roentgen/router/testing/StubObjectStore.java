package org.roentgen.router.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.roentgen.platform.objectstore.ObjectInfo;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.PutResult;

/**
 * A read-only object store for unit tests: every object exists and reads as {@code size} zero bytes
 * ({@link #holding}), or none exists ({@link #empty}). Writes are not expected.
 */
public final class StubObjectStore implements ObjectStore {
  private final int size;

  private StubObjectStore(int size) {
    this.size = size;
  }

  /** Every object exists, {@code size} bytes long. */
  public static StubObjectStore holding(int size) {
    return new StubObjectStore(size);
  }

  /** No object exists. */
  public static StubObjectStore empty() {
    return new StubObjectStore(-1);
  }

  @Override
  public void ensureBucket(String bucket) {}

  @Override
  public PutResult put(
      String bucket,
      String key,
      InputStream in,
      long size,
      String contentType,
      Map<String, String> metadata,
      StreamEndListener onEnd) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<ObjectInfo> stat(String bucket, String key) {
    return size < 0
        ? Optional.empty()
        : Optional.of(new ObjectInfo(bucket, key, size, "etag", null, "application/dicom"));
  }

  @Override
  public InputStream get(String bucket, String key) {
    if (size < 0) {
      throw new IllegalStateException("the stub holds no object " + bucket + "/" + key);
    }
    return new ByteArrayInputStream(new byte[size]);
  }

  @Override
  public InputStream get(String bucket, String key, long offset, long length) {
    if (size < 0) {
      throw new IllegalStateException("the stub holds no object " + bucket + "/" + key);
    }
    return new ByteArrayInputStream(new byte[(int) length]);
  }

  @Override
  public String sha256(String bucket, String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void delete(String bucket, String key) {}

  @Override
  public boolean reachable(String bucket) {
    return true;
  }

  @Override
  public void close() {}
}
