package org.roentgen.dicom.net.dimse;

import java.io.IOException;
import java.io.InputStream;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.ul.MessageWriter;

/** The small data sets of DIMSE messages (query identifiers, matches) read and written whole. */
final class Datasets {
  /** Largest identifier or match read into memory; real ones are a few kilobytes. */
  static final int MAX_IDENTIFIER_BYTES = 1 << 20;

  private Datasets() {}

  /**
   * Reads a whole data set of at most {@link #MAX_IDENTIFIER_BYTES} bytes; a longer one is read to
   * its end and refused.
   *
   * @throws DimseException when it is too long or not a well-formed data set
   */
  static Attributes read(InputStream in, TransferSyntax ts) throws IOException {
    byte[] b = in.readNBytes(MAX_IDENTIFIER_BYTES + 1);
    if (b.length > MAX_IDENTIFIER_BYTES) {
      in.transferTo(OutputStreamSink.NULL);
      throw new DimseException("data set longer than " + MAX_IDENTIFIER_BYTES + " bytes");
    }
    try {
      return DicomInputStream.of(b, 0, b.length).transferSyntax(ts).readDataset();
    } catch (IOException e) {
      throw new DimseException("malformed data set: " + e.getMessage());
    }
  }

  /** Writes {@code ds} in {@code ts} as the data set of a message. */
  static MessageWriter writer(Attributes ds, TransferSyntax ts) {
    return out -> {
      DicomOutputStream d = new DicomOutputStream(out);
      d.writeDataset(ds, ts);
      d.flush();
    };
  }
}
