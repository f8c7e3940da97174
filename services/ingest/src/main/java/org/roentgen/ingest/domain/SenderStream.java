package org.roentgen.ingest.domain;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The dataset as it comes from the sender, remembering a failed read: when an upload fails, this
 * tells whether the sender went away (the association) or the store failed.
 */
final class SenderStream extends FilterInputStream {
  private volatile IOException failure;

  SenderStream(InputStream in) {
    super(in);
  }

  /** The read failure, or null while the sender is fine. */
  IOException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }
}
