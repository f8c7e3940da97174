package org.roentgen.dicom.net.dimse;

/**
 * Thrown by a handler to answer a request with a failure or warning status and an Error Comment
 * (0000,0902), deliberately: the server answers it as given, without logging it as a fault.
 */
public final class StatusException extends RuntimeException {
  private final int status;

  /**
   * @param comment the Error Comment, at most 64 characters (longer is cut); no patient data
   */
  public StatusException(int status, String comment) {
    super(comment == null ? "" : comment.length() > 64 ? comment.substring(0, 64) : comment);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The Error Comment. */
  public String comment() {
    return getMessage();
  }
}
