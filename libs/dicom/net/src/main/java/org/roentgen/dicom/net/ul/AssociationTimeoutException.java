package org.roentgen.dicom.net.ul;

/** A peer did not answer in time: connect, A-ASSOCIATE-RQ/AC, release, or idle (no data). */
public final class AssociationTimeoutException extends AssociationException {

  public AssociationTimeoutException(String message) {
    super(message);
  }
}
