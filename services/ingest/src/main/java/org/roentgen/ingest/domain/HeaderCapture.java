package org.roentgen.ingest.domain;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.TransferSyntax;

/**
 * Reads the header of a dataset as it streams in: everything before Pixel Data is parsed, and the
 * bytes read for it are kept to be replayed, so the object can then stream on to its store
 * unchanged (the original bytes, never re-encoded) while the pixel data is still arriving.
 */
final class HeaderCapture implements Closeable {
  private final Attributes header;
  private final DicomInputStream.ElementHeader pixelData;
  private final CaptureBuffer captured;
  private final InputStream rest;

  private HeaderCapture(
      Attributes header,
      DicomInputStream.ElementHeader pixelData,
      CaptureBuffer captured,
      InputStream rest) {
    this.header = header;
    this.pixelData = pixelData;
    this.captured = captured;
    this.rest = rest;
  }

  /**
   * Parses the header of {@code dataset} (a bare dataset in {@code ts}).
   *
   * @throws org.roentgen.dicom.io.DicomParseException when the dataset is malformed
   */
  static HeaderCapture read(InputStream dataset, TransferSyntax ts, int memoryLimit, Path spillDir)
      throws IOException {
    CaptureBuffer buffer = new CaptureBuffer(memoryLimit, spillDir);
    Recording recording = new Recording(dataset, buffer);
    try {
      DicomInputStream in =
          new DicomInputStream(recording).transferSyntax(ts).stopBefore(Tag.PixelData);
      Attributes header = in.readDataset();
      DicomInputStream.ElementHeader stopped = in.stoppedAt();
      recording.stop();
      // Pixel data offsets inside a deflated stream do not address the stored bytes.
      DicomInputStream.ElementHeader pixel =
          stopped != null && stopped.tag() == Tag.PixelData && !ts.deflated() ? stopped : null;
      return new HeaderCapture(header, pixel, buffer, dataset);
    } catch (IOException | RuntimeException e) {
      buffer.close();
      throw e;
    }
  }

  /** The dataset up to (not including) Pixel Data. */
  Attributes header() {
    return header;
  }

  /** The Pixel Data element header (offset from the dataset start), or null. */
  DicomInputStream.ElementHeader pixelData() {
    return pixelData;
  }

  /** The whole dataset, byte for byte as sent: the captured bytes, then the rest of the stream. */
  InputStream dataset() throws IOException {
    return new java.io.SequenceInputStream(captured.replay(), rest);
  }

  @Override
  public void close() throws IOException {
    captured.close();
  }

  /** Copies what is read into the capture buffer until stopped. */
  private static final class Recording extends FilterInputStream {
    private final CaptureBuffer buffer;
    private boolean recording = true;

    Recording(InputStream in, CaptureBuffer buffer) {
      super(in);
      this.buffer = buffer;
    }

    void stop() {
      recording = false;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0 && recording) {
        buffer.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0 && recording) {
        buffer.write(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
      long done = 0;
      while (done < n) {
        int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
