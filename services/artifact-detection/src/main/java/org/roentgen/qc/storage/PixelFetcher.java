package org.roentgen.qc.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.roentgen.contracts.InstanceQc.NotAnalysed;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;
import org.roentgen.contracts.InstanceReceived.PixelData;
import org.roentgen.platform.objectstore.ObjectInfo;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;

/**
 * Reads exactly the value of Pixel Data (7FE0,0010) of a stored object with one ranged GET, at the
 * offset and length the event gives (length -1, undefined: to the end of the object, whose size a
 * HEAD tells). Never the whole object.
 *
 * <p>What a retry cannot fix is an answer, not an exception: an object that is gone
 * (OBJECT_MISSING), shorter than its pixel data reference (PIXEL_DATA_MISMATCH), or pixel data
 * above the configured limit (UNSUPPORTED_IMAGE_TYPE). Everything else (the server unreachable,
 * 5xx, a read that breaks off, access refused) throws an {@link ObjectStoreException}, which the
 * consumer retries after a backoff: the image waits, it is never dropped.
 */
public final class PixelFetcher {
  /** The pixel data value, or why there is none to analyse. */
  public record Pixels(ByteBuffer value, NotAnalysed problem) {
    static Pixels of(NotAnalysedReason reason, String message) {
      return new Pixels(null, new NotAnalysed(reason, message));
    }
  }

  private final ObjectStore store;
  private final long maxBytes;

  /**
   * @param maxBytes the largest value read; larger ones are not analysed
   */
  public PixelFetcher(ObjectStore store, long maxBytes) {
    this.store = store;
    this.maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 16);
  }

  /** The pixel data value of the object at {@code bucket}/{@code key}. */
  public Pixels fetch(String bucket, String key, PixelData pixelData) throws ObjectStoreException {
    long offset = pixelData.offset();
    long length = pixelData.length();
    if (length < 0) {
      Optional<ObjectInfo> info = store.stat(bucket, key);
      if (info.isEmpty()) {
        return missing(bucket, key);
      }
      length = info.get().size() - offset;
      if (length < 0) {
        return shorter(info.get().size(), offset, 0);
      }
    }
    if (length == 0) {
      return new Pixels(ByteBuffer.allocate(0), null);
    }
    if (length > maxBytes) {
      return Pixels.of(
          NotAnalysedReason.UNSUPPORTED_IMAGE_TYPE,
          "pixel data of "
              + length
              + " bytes is above the limit of "
              + maxBytes
              + " (qc.analysis.max-pixel-data-size)");
    }
    byte[] value = new byte[(int) length];
    int read;
    try (InputStream in = store.get(bucket, key, offset, length)) {
      read = in.readNBytes(value, 0, value.length);
    } catch (ObjectStoreException e) {
      if (e.retryable()) {
        throw e;
      }
      // Refused: gone, out of range, or not allowed. Only the first two are the object's fault.
      Optional<ObjectInfo> info = store.stat(bucket, key);
      if (info.isEmpty()) {
        return missing(bucket, key);
      }
      if (info.get().size() < offset + length) {
        return shorter(info.get().size(), offset, length);
      }
      throw e;
    } catch (IOException e) {
      throw new ObjectStoreException(
          "the ranged read broke off: " + e.getMessage(), bucket, key, true, e);
    }
    if (read < value.length) {
      return shorter(offset + read, offset, length);
    }
    return new Pixels(ByteBuffer.wrap(value), null);
  }

  private static Pixels missing(String bucket, String key) {
    return Pixels.of(
        NotAnalysedReason.OBJECT_MISSING,
        "the object " + key + " is no longer in bucket " + bucket);
  }

  private static Pixels shorter(long size, long offset, long length) {
    return Pixels.of(
        NotAnalysedReason.PIXEL_DATA_MISMATCH,
        "the object has "
            + size
            + " bytes, its pixel data is said to lie at "
            + offset
            + (length > 0 ? " for " + length + " bytes" : ""));
  }
}
