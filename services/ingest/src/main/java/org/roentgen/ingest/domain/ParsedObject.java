package org.roentgen.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.roentgen.contracts.InstanceReceived;

/**
 * What ingest learned from an object's header before storing it.
 *
 * @param meta the file meta information ingest puts in front of the dataset (its own)
 * @param pixelData where Pixel Data lies in the stored object, offsets counted from the start of
 *     the object; its length is -1 when undefined (then it runs to the end of the object)
 */
public record ParsedObject(
    String studyInstanceUid,
    String seriesInstanceUid,
    String modality,
    JsonNode header,
    byte[] meta,
    InstanceReceived.PixelData pixelData) {

  /** The pixel data reference completed with the object's size. */
  InstanceReceived.PixelData pixelDataIn(long objectSize) {
    if (pixelData == null || pixelData.length() >= 0) {
      return pixelData;
    }
    return new InstanceReceived.PixelData(
        pixelData.offset(), objectSize - pixelData.offset(), pixelData.encapsulated());
  }
}
