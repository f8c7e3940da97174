package org.roentgen.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The data of {@code dicom.instance.received.v1} (schema: {@code
 * contracts/schemas/dicom.instance.received.v1.json}): a DICOM object that ingest has made durable,
 * where it lies, where it came from, and its header as DICOM JSON without bulk data.
 *
 * @param previousVersion the earlier object kept under the same SOP Instance UID when this one
 *     differs from it; null for a first version
 * @param modality Modality (0008,0060), or null
 * @param pixelData where the Pixel Data value lies in the object, or null when there is none
 */
public record InstanceReceived(
    String sopInstanceUid,
    String sopClassUid,
    String studyInstanceUid,
    String seriesInstanceUid,
    String transferSyntaxUid,
    String modality,
    StoredObject object,
    StoredObject previousVersion,
    Source source,
    JsonNode header,
    PixelData pixelData,
    Instant receivedAt) {

  public InstanceReceived {
    Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    Objects.requireNonNull(sopClassUid, "sopClassUid");
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
    Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** True when this object replaced different content under the same SOP Instance UID. */
  public boolean isNewVersion() {
    return previousVersion != null;
  }

  /**
   * A Part 10 file in the object store.
   *
   * @param sha256 SHA-256 of the whole file, lower-case hex
   * @param version 1 for the first content under a SOP Instance UID, then 2, 3...
   */
  public record StoredObject(String bucket, String key, long size, String sha256, int version) {
    public StoredObject {
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(sha256, "sha256");
      if (size < 0 || version < 1) {
        throw new IllegalArgumentException("size must be >= 0 and version >= 1");
      }
    }
  }

  /** How the object arrived. */
  public enum Protocol {
    DIMSE,
    STOW_RS;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
      return this == STOW_RS ? "STOW-RS" : "DIMSE";
    }
  }

  /**
   * Who sent the object.
   *
   * @param callingAeTitle the sender's AE title (DIMSE), or null
   * @param calledAeTitle the AE title it called (DIMSE), or null
   * @param remoteAddress the sender's address and port
   * @param receiver the ingest instance that received it
   */
  public record Source(
      Protocol protocol,
      String callingAeTitle,
      String calledAeTitle,
      String remoteAddress,
      String receiver) {
    public Source {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(remoteAddress, "remoteAddress");
    }
  }

  /**
   * Where the value of Pixel Data lies in the stored object.
   *
   * @param offset byte offset of the value in the object
   * @param length bytes of the value (to the end of the object for undefined-length encapsulated
   *     pixel data)
   * @param encapsulated true for compressed pixel data in fragments
   */
  public record PixelData(long offset, long length, boolean encapsulated) {}
}
