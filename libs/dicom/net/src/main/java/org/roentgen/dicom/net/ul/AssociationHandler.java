package org.roentgen.dicom.net.ul;

import java.io.IOException;

/**
 * Receives what arrives on an association (the indications of PS3.8 Section 7). All methods are
 * called on the association's reader thread, one at a time; {@link #onMessage} blocks further
 * reading until it returns, which is how a slow sink pushes back on the peer.
 */
public interface AssociationHandler {

  /**
   * A message (P-DATA indication) arrived: its command stream is ready to read. Read the command,
   * then, if the command announces a data set, call {@link IncomingMessage#dataset()} and read it
   * before returning. Both streams are valid only until this method returns; unread fragments of
   * opened streams are skipped then.
   *
   * @throws IOException to abort the association (A-ABORT, service-user source)
   */
  void onMessage(Association association, IncomingMessage message) throws IOException;

  /** The association was established (A-ASSOCIATE-AC sent or received). */
  default void onEstablished(Association association) {}

  /**
   * The peer asked to release (A-RELEASE indication). The association may still send P-DATA until
   * this method returns; the A-RELEASE-RP is sent then.
   */
  default void onReleaseRequested(Association association) {}

  /**
   * The association is over and its transport closed.
   *
   * @param cause {@code null} after a normal release, else why it ended
   */
  default void onClosed(Association association, AssociationException cause) {}
}
