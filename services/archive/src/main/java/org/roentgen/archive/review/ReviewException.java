package org.roentgen.archive.review;

/** A review action that cannot be done as asked; {@link #status()} is the HTTP answer. */
public final class ReviewException extends RuntimeException {
  private final int status;

  public ReviewException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
