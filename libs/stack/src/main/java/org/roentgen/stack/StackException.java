package org.roentgen.stack;

/**
 * A server of the stack could not be prepared, started or stopped. The message names the server
 * and, where there is one, ends with the last lines of the server's log, so a failed test says why
 * without a second look.
 */
public class StackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String server;
  private final String logTail;

  /**
   * @param server the server, as in its {@link #server()} ({@code kafka}, {@code s3proxy}, {@code
   *     postgres})
   * @param message what failed
   * @param logTail the last lines of the server's log, or an empty string
   * @param cause the underlying failure, or {@code null}
   */
  public StackException(String server, String message, String logTail, Throwable cause) {
    super(
        server
            + ": "
            + message
            + (logTail.isEmpty() ? "" : "\n--- last lines of the log ---\n" + logTail),
        cause);
    this.server = server;
    this.logTail = logTail;
  }

  /** A failure with no log to show. */
  public StackException(String server, String message, Throwable cause) {
    this(server, message, "", cause);
  }

  /** The server that failed: {@code kafka}, {@code s3proxy} or {@code postgres}. */
  public String server() {
    return server;
  }

  /** The last lines of the server's log when it failed; empty if there was none. */
  public String logTail() {
    return logTail;
  }
}
