package org.roentgen.dicom.io;

import java.io.IOException;
import java.nio.file.Path;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;

/**
 * A Part 10 file as read: its file meta information (null for a bare dataset), dataset, transfer
 * syntax, and, when reading stopped before pixel data, where the pixel data is.
 */
public record DicomFile(
    Attributes fileMeta,
    Attributes dataset,
    TransferSyntax transferSyntax,
    DicomInputStream.ElementHeader pixelData) {

  /** Reads a whole file. */
  public static DicomFile read(Path file) throws IOException {
    try (DicomInputStream in = DicomInputStream.open(file)) {
      Attributes meta = in.readFileMetaInformation();
      Attributes ds = in.readDataset();
      return new DicomFile(meta, ds, in.transferSyntax(), null);
    }
  }

  /**
   * Reads the header of a file: everything before the Pixel Data element, whose offset and length
   * are reported without reading its value.
   */
  public static DicomFile readHeader(Path file) throws IOException {
    try (DicomInputStream in = DicomInputStream.open(file).stopBefore(Tag.PixelData)) {
      Attributes meta = in.readFileMetaInformation();
      Attributes ds = in.readDataset();
      return new DicomFile(meta, ds, in.transferSyntax(), in.stoppedAt());
    }
  }

  /** Writes this file (meta information and dataset, in the meta's transfer syntax). */
  public void write(Path file) throws IOException {
    DicomOutputStream.writeFile(file, fileMeta, dataset);
  }
}
