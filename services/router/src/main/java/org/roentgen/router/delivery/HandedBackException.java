package org.roentgen.router.delivery;

/**
 * A job not finished when the router stopped: nothing was confirmed for it, and its event must be
 * consumed again (by this instance after a restart, or by another one).
 */
public final class HandedBackException extends RuntimeException {
  public HandedBackException(String destination) {
    super("handed back at shutdown: " + destination);
  }
}
