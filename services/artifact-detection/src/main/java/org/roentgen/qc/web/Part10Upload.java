package org.roentgen.qc.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.roentgen.contracts.EventJson;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.json.DicomJson;
import org.roentgen.qc.domain.ImageHeader;

/**
 * A DICOM file as uploaded, read the way the consumer sees a stored object: the header as DICOM
 * JSON without bulk data, and the Pixel Data value as stored (up to the end of the file for
 * undefined-length encapsulated data). The body goes to a temporary file first, deleted at once.
 *
 * @param pixelValue the value, or null when the data set has no Pixel Data
 */
record Part10Upload(ImageHeader header, ByteBuffer pixelValue, boolean encapsulated) {
  private static final DicomJson HEADER_JSON = DicomJson.omittingBulkData(0);

  /** Thrown for a body that is not a readable DICOM file; the message says why. */
  static final class UnreadableException extends Exception {
    UnreadableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static Part10Upload read(InputStream body) throws IOException, UnreadableException {
    Path tmp = Files.createTempFile("qc-analyze-", ".dcm");
    try {
      Files.copy(body, tmp, StandardCopyOption.REPLACE_EXISTING);
      return read(tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Part10Upload read(Path file) throws IOException, UnreadableException {
    if (Files.size(file) == 0) {
      throw new UnreadableException("the body is empty: send a DICOM file", null);
    }
    DicomFile f;
    JsonNode json;
    try {
      f = DicomFile.readHeader(file);
      if (f.dataset().isEmpty()) {
        throw new UnreadableException("the body holds no DICOM data set", null);
      }
      json = EventJson.mapper().readTree(HEADER_JSON.write(f.dataset()));
    } catch (IOException | RuntimeException e) {
      throw new UnreadableException("not a readable DICOM file: " + e.getMessage(), e);
    }
    ImageHeader h = ImageHeader.fromDicomJson(json, f.transferSyntax().uid());
    DicomInputStream.ElementHeader ph = f.pixelData();
    if (ph == null) {
      return new Part10Upload(h, null, false);
    }
    try (FileChannel ch = FileChannel.open(file)) {
      long end = ph.undefinedLength() ? ch.size() : ph.valueOffset() + ph.length();
      if (end > ch.size()) {
        throw new UnreadableException(
            "the file ends at byte " + ch.size() + ", inside its pixel data (to " + end + ")",
            null);
      }
      ByteBuffer b = ByteBuffer.allocate((int) (end - ph.valueOffset()));
      while (b.hasRemaining() && ch.read(b, ph.valueOffset() + b.position()) > 0) {
        // read the whole value
      }
      b.flip();
      return new Part10Upload(h, b, ph.undefinedLength() || f.transferSyntax().encapsulated());
    }
  }
}
