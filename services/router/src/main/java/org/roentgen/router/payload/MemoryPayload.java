package org.roentgen.router.payload;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.roentgen.router.delivery.Payload;

/** A Part 10 file made for one destination (coerced or de-identified), held in memory. */
record MemoryPayload(
    String sopClassUid,
    String sopInstanceUid,
    String studyInstanceUid,
    String transferSyntaxUid,
    byte[] bytes,
    String sha256)
    implements Payload {

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public InputStream open() {
    return new ByteArrayInputStream(bytes);
  }
}
