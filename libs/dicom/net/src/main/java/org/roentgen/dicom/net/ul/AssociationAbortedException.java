package org.roentgen.dicom.net.ul;

import org.roentgen.dicom.net.pdu.AAbort;

/**
 * The association ended abnormally: an A-ABORT from the peer (A-ABORT indication), an abort by the
 * service-provider (A-P-ABORT: protocol error, transport closed, timeout), or a local abort.
 */
public final class AssociationAbortedException extends AssociationException {

  private final AAbort abort;

  /**
   * @param abort the A-ABORT PDU received or sent, or {@code null} when the transport failed
   */
  public AssociationAbortedException(String message, AAbort abort, Throwable cause) {
    super(
        message + (abort == null ? "" : " (" + abort.source() + ", " + abort.reason() + ")"),
        cause);
    this.abort = abort;
  }

  /** The A-ABORT PDU received or sent, or {@code null} when the transport failed. */
  public AAbort abort() {
    return abort;
  }
}
