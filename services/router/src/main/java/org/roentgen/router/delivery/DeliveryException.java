package org.roentgen.router.delivery;

import org.roentgen.contracts.InstanceDelivery.FailureCause;

/**
 * A failed delivery attempt, classified: the cause, and whether trying again can help (transient)
 * or not (permanent). The message names the destination and the cause, never patient data.
 */
public final class DeliveryException extends Exception {
  private final FailureCause cause;
  private final boolean permanent;
  private final Integer status;

  /**
   * @param status the DIMSE or HTTP status, or null
   */
  public DeliveryException(
      FailureCause cause, boolean permanent, Integer status, String message, Throwable source) {
    super(message, source);
    this.cause = cause;
    this.permanent = permanent;
    this.status = status;
  }

  public DeliveryException(FailureCause cause, boolean permanent, Integer status, String message) {
    this(cause, permanent, status, message, null);
  }

  public FailureCause failureCause() {
    return cause;
  }

  public boolean permanent() {
    return permanent;
  }

  public Integer status() {
    return status;
  }
}
