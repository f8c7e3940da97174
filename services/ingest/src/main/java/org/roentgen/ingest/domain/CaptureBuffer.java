package org.roentgen.ingest.domain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes kept for replay: in memory up to a limit, then in a temporary file, so a large header never
 * sits on the heap. Closing deletes the file.
 */
final class CaptureBuffer extends OutputStream implements Closeable {
  private final int memoryLimit;
  private final Path spillDir;
  private final ByteArrayOutputStream memory = new ByteArrayOutputStream(16 * 1024);
  private Path file;
  private OutputStream fileOut;
  private long length;

  CaptureBuffer(int memoryLimit, Path spillDir) {
    this.memoryLimit = memoryLimit;
    this.spillDir = spillDir;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (fileOut == null && memory.size() + len > memoryLimit) {
      Files.createDirectories(spillDir);
      file = Files.createTempFile(spillDir, "header-", ".part");
      fileOut = Files.newOutputStream(file);
    }
    if (fileOut != null) {
      fileOut.write(b, off, len);
    } else {
      memory.write(b, off, len);
    }
    length += len;
  }

  long length() {
    return length;
  }

  /** True when the bytes went to a file. */
  boolean spilled() {
    return file != null;
  }

  /** The bytes written, in order; valid until {@link #close()}. */
  InputStream replay() throws IOException {
    InputStream head = new ByteArrayInputStream(memory.toByteArray());
    if (fileOut == null) {
      return head;
    }
    fileOut.flush();
    return new SequenceInputStream(head, Files.newInputStream(file));
  }

  @Override
  public void close() throws IOException {
    if (fileOut != null) {
      fileOut.close();
      Files.deleteIfExists(file);
      fileOut = null;
    }
  }
}
