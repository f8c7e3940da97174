package org.roentgen.qc.storage;

import java.io.ByteArrayInputStream;
import java.util.Map;
import org.roentgen.contracts.InstanceQc.Preview;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;
import org.roentgen.qc.domain.Analysis.PreviewImage;

/**
 * Writes an annotated preview beside its object: key {@code <object key>.qc.png}, content type
 * image/png. The key follows from the object alone, so a retry or a redelivery overwrites the same
 * object instead of adding one. A failure throws; the consumer retries the image.
 */
public final class PreviewStore {
  /** What is appended to the object's key. */
  public static final String SUFFIX = ".qc.png";

  public static final String CONTENT_TYPE = "image/png";

  private final ObjectStore store;

  public PreviewStore(ObjectStore store) {
    this.store = store;
  }

  /** The preview's key for an object's key. */
  public static String keyOf(String objectKey) {
    return objectKey + SUFFIX;
  }

  /**
   * Stores the preview of the object {@code objectKey} in {@code bucket}; returns its reference.
   */
  public Preview store(String bucket, String objectKey, PreviewImage preview)
      throws ObjectStoreException {
    String key = keyOf(objectKey);
    byte[] png = preview.png();
    store.put(bucket, key, new ByteArrayInputStream(png), png.length, CONTENT_TYPE, Map.of());
    return new Preview(bucket, key, CONTENT_TYPE, preview.width(), preview.height());
  }
}
