package org.roentgen.router.delivery;

/**
 * Makes a job's payload when its first attempt comes (reads the object, applies the destination's
 * coercions and de-identification), so that queued instances hold no data.
 */
@FunctionalInterface
public interface PayloadSource {
  /**
   * @throws DeliveryException OBJECT_STORE (transient) when the object cannot be read now,
   *     OBJECT_MISSING or TRANSFORM (permanent) when it never will be
   */
  Payload prepare() throws DeliveryException;
}
