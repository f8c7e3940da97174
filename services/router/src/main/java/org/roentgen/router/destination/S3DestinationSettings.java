package org.roentgen.router.destination;

import java.util.Objects;
import org.roentgen.platform.objectstore.ObjectStoreSettings;

/**
 * An S3 bucket that receives each instance as its Part 10 file under {@code
 * <keyPrefix><StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm}, with its SHA-256 as user
 * metadata ({@code sha256}).
 *
 * @param name the destination's name
 * @param bucket the bucket, which must exist (S3 naming rules: 3..63 lower-case letters, digits,
 *     '.' and '-', starting and ending with a letter or digit)
 * @param keyPrefix put before every key, e.g. {@code "routed/"}; empty for none
 * @param store the S3 server and credentials (as the pipeline's own store is configured)
 */
public record S3DestinationSettings(
    String name, String bucket, String keyPrefix, ObjectStoreSettings store)
    implements DestinationSettings {

  public S3DestinationSettings {
    DestinationSettings.requireName(name);
    if (bucket == null
        || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
        || bucket.contains("..")
        || bucket.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalArgumentException(name + ": not a valid S3 bucket name: " + bucket);
    }
    keyPrefix = keyPrefix == null ? "" : keyPrefix;
    if (keyPrefix.startsWith("/") || keyPrefix.length() > 512) {
      throw new IllegalArgumentException(
          name + ": the key prefix must not start with '/' and stays under 512 characters");
    }
    Objects.requireNonNull(store, "store");
  }

  /** Names the bucket and the server, never the keys. */
  @Override
  public String toString() {
    return "S3DestinationSettings[name="
        + name
        + ", bucket="
        + bucket
        + ", keyPrefix="
        + keyPrefix
        + ", endpoint="
        + store.endpoint()
        + "]";
  }
}
