package org.roentgen.router.delivery;

import java.io.IOException;
import java.io.InputStream;

/**
 * One instance ready to send: a DICOM Part 10 file (file meta information and data set) as it is to
 * reach the destination, after any coercion and de-identification for that destination. It can be
 * opened more than once (each attempt, each transfer syntax conversion opens it anew).
 */
public interface Payload {
  String sopClassUid();

  String sopInstanceUid();

  String studyInstanceUid();

  /** The transfer syntax of the data set in the file. */
  String transferSyntaxUid();

  /** The size of the Part 10 file in bytes. */
  long size();

  /** SHA-256 of the Part 10 file, lower-case hex: the delivery ledger's content hash. */
  String sha256();

  /** The whole Part 10 file, from its preamble. The caller closes it. */
  InputStream open() throws IOException;
}
