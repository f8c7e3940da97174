package org.roentgen.platform.objectstore;

import java.io.IOException;

/**
 * A failed object store operation, with the bucket and key it concerned and whether a retry may
 * succeed (the server unreachable, slow or answering 5xx) or not (denied, bad request).
 */
public final class ObjectStoreException extends IOException {
  private final String bucket;
  private final String key;
  private final boolean retryable;

  public ObjectStoreException(
      String message, String bucket, String key, boolean retryable, Throwable cause) {
    super(message + " (bucket " + bucket + (key == null ? "" : ", key " + key) + ")", cause);
    this.bucket = bucket;
    this.key = key;
    this.retryable = retryable;
  }

  public String bucket() {
    return bucket;
  }

  /** The object key, or null for bucket operations. */
  public String key() {
    return key;
  }

  /** True when the same call may succeed later (unreachable, timeout, server error). */
  public boolean retryable() {
    return retryable;
  }
}
