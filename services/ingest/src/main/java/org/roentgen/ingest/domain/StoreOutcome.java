package org.roentgen.ingest.domain;

import org.roentgen.contracts.InstanceReceived;
import org.roentgen.dicom.net.dimse.Status;

/**
 * The answer to one object.
 *
 * @param status the DIMSE status (PS3.4 B.2.3) to answer
 * @param comment Error Comment (0000,0902) for failures, at most 64 characters, no patient data
 * @param cause why it failed, or null on success
 * @param event the event published (durable) or to be published (spool), or null
 * @param duplicate true when identical content was already stored under this SOP Instance UID
 */
public record StoreOutcome(
    int status, String comment, FailureCause cause, InstanceReceived event, boolean duplicate) {

  static StoreOutcome success(InstanceReceived event, boolean duplicate) {
    return new StoreOutcome(Status.SUCCESS.code(), null, null, event, duplicate);
  }

  static StoreOutcome failure(Status status, FailureCause cause, String comment) {
    String c = comment.length() > 64 ? comment.substring(0, 64) : comment;
    return new StoreOutcome(status.code(), c, cause, null, false);
  }

  public boolean succeeded() {
    return cause == null;
  }
}
