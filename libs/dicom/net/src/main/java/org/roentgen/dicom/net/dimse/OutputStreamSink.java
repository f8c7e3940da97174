package org.roentgen.dicom.net.dimse;

import java.io.OutputStream;

/** Sinks for data that must be read off the wire but is not kept. */
final class OutputStreamSink {
  private OutputStreamSink() {}

  /** Discards everything. */
  static final OutputStream NULL = OutputStream.nullOutputStream();
}
