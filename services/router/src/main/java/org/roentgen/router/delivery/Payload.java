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

  /**
   * A STAT instance: a DICOM destination asks the peer for HIGH priority in the C-STORE request
   * (PS3.7 9.1.1.1.1), others take no notice.
   */
  default boolean stat() {
    return false;
  }

  /** {@code p} marked STAT. */
  static Payload stat(Payload p) {
    return p.stat() ? p : new StatPayload(p);
  }

  /** A payload marked STAT, otherwise the one it wraps. */
  record StatPayload(Payload of) implements Payload {
    @Override
    public String sopClassUid() {
      return of.sopClassUid();
    }

    @Override
    public String sopInstanceUid() {
      return of.sopInstanceUid();
    }

    @Override
    public String studyInstanceUid() {
      return of.studyInstanceUid();
    }

    @Override
    public String transferSyntaxUid() {
      return of.transferSyntaxUid();
    }

    @Override
    public long size() {
      return of.size();
    }

    @Override
    public String sha256() {
      return of.sha256();
    }

    @Override
    public InputStream open() throws IOException {
      return of.open();
    }

    @Override
    public boolean stat() {
      return true;
    }
  }
}
