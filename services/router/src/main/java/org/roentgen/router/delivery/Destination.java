package org.roentgen.router.delivery;

/**
 * A place instances are delivered to: a DICOM peer (C-STORE), a DICOMweb server (STOW-RS) or an S3
 * bucket. Implementations are safe for concurrent use by the delivery engine's workers (at most the
 * destination's configured concurrency at once) and reuse their connections (associations) between
 * sends.
 */
public interface Destination extends AutoCloseable {
  /** The destination's name, as the rules and the REST API know it. */
  String name();

  /**
   * Sends one instance and returns when the destination has confirmed it.
   *
   * @throws DeliveryException classified by cause, transient or permanent; nothing else
   */
  SendResult send(Payload payload) throws DeliveryException;

  /**
   * A cheap check that the destination answers (C-ECHO, an HTTP request, the bucket's existence),
   * used by the circuit breaker before it lets deliveries through again.
   *
   * @throws DeliveryException when it does not
   */
  void probe() throws DeliveryException;

  /** Releases connections; sends in progress may fail. */
  @Override
  void close();
}
