package org.roentgen.dicom.net.ul;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Transport and timer settings of an association, for the requestor and the acceptor alike.
 * Immutable; start from {@link #defaults()} and change with the {@code with...} methods.
 *
 * @param maxPduLength Maximum Length Received we advertise (PS3.8 Annex D.1); P-DATA-TF PDUs longer
 *     than this (plus {@link org.roentgen.dicom.net.pdu.PduLimits#PDATA_TOLERANCE}) abort the
 *     association
 * @param maxSendPduLength upper bound of the P-DATA-TF PDUs we send, used as is when the peer
 *     advertises 0 (no limit)
 * @param connectTimeout TCP (and TLS handshake) connect timeout of the requestor
 * @param associationTimeout how long the requestor waits for A-ASSOCIATE-AC/RJ
 * @param artimTimeout ARTIM timer (PS3.8 Section 9.1.5): waiting for the A-ASSOCIATE-RQ after a
 *     connect, and for the transport to close after a release, abort or reject
 * @param releaseTimeout how long {@link Association#release()} waits for A-RELEASE-RP
 * @param idleTimeout abort when a peer sends nothing for this long on an established association
 *     (also bounds a PDU that stops mid-way); {@link Duration#ZERO} for none
 * @param sslContext TLS for both sides (PS3.15 Annex B.1), or {@code null} for plain TCP
 * @param tlsNeedClientAuth whether an acceptor requires a client certificate
 * @param streamBufferSize size of the buffered streams around the socket (the output, and the input
 *     under TLS; plain TCP input goes through a 1 MiB direct ring, 4 MiB once data sets are
 *     streamed to files)
 */
public record AssociationOptions(
    int maxPduLength,
    int maxSendPduLength,
    Duration connectTimeout,
    Duration associationTimeout,
    Duration artimTimeout,
    Duration releaseTimeout,
    Duration idleTimeout,
    SSLContext sslContext,
    boolean tlsNeedClientAuth,
    int streamBufferSize) {

  /** Default Maximum Length Received we advertise. */
  public static final int DEFAULT_MAX_PDU_LENGTH = 262_144;

  /** Default upper bound of the PDUs we send. */
  public static final int DEFAULT_MAX_SEND_PDU_LENGTH = 1_048_576;

  /** Smallest PDU length we accept to advertise or send with. */
  public static final int MIN_PDU_LENGTH = 4096;

  public AssociationOptions {
    if (maxPduLength < MIN_PDU_LENGTH || maxSendPduLength < MIN_PDU_LENGTH) {
      throw new IllegalArgumentException("PDU lengths must be at least " + MIN_PDU_LENGTH);
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(associationTimeout, "associationTimeout");
    Objects.requireNonNull(artimTimeout, "artimTimeout");
    Objects.requireNonNull(releaseTimeout, "releaseTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (streamBufferSize < 1024) {
      throw new IllegalArgumentException("stream buffer too small: " + streamBufferSize);
    }
  }

  public static AssociationOptions defaults() {
    return new AssociationOptions(
        DEFAULT_MAX_PDU_LENGTH,
        DEFAULT_MAX_SEND_PDU_LENGTH,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Duration.ZERO,
        null,
        false,
        65_536);
  }

  public AssociationOptions withMaxPduLength(int v) {
    return new AssociationOptions(
        v,
        maxSendPduLength,
        connectTimeout,
        associationTimeout,
        artimTimeout,
        releaseTimeout,
        idleTimeout,
        sslContext,
        tlsNeedClientAuth,
        streamBufferSize);
  }

  public AssociationOptions withMaxSendPduLength(int v) {
    return new AssociationOptions(
        maxPduLength,
        v,
        connectTimeout,
        associationTimeout,
        artimTimeout,
        releaseTimeout,
        idleTimeout,
        sslContext,
        tlsNeedClientAuth,
        streamBufferSize);
  }

  public AssociationOptions withConnectTimeout(Duration v) {
    return new AssociationOptions(
        maxPduLength,
        maxSendPduLength,
        v,
        associationTimeout,
        artimTimeout,
        releaseTimeout,
        idleTimeout,
        sslContext,
        tlsNeedClientAuth,
        streamBufferSize);
  }

  public AssociationOptions withStreamBufferSize(int v) {
    return new AssociationOptions(
        maxPduLength,
        maxSendPduLength,
        connectTimeout,
        associationTimeout,
        artimTimeout,
        releaseTimeout,
        idleTimeout,
        sslContext,
        tlsNeedClientAuth,
        v);
  }

  public AssociationOptions withAssociationTimeout(Duration v) {
    return new AssociationOptions(
        maxPduLength,
        maxSendPduLength,
        connectTimeout,
        v,
        artimTimeout,
        releaseTimeout,
        idleTimeout,
        sslContext,
        tlsNeedClientAuth,
        streamBufferSize);
  }

  public AssociationOptions withArtimTimeout(Duration v) {
    return new AssociationOptions(
        maxPduLength,
        maxSendPduLength,
        connectTimeout,
        associationTimeout,
        v,
        releaseTimeout,
        idleTimeout,
        sslContext,
        tlsNeedClientAuth,
        streamBufferSize);
  }

  public AssociationOptions withReleaseTimeout(Duration v) {
    return new AssociationOptions(
        maxPduLength,
        maxSendPduLength,
        connectTimeout,
        associationTimeout,
        artimTimeout,
        v,
        idleTimeout,
        sslContext,
        tlsNeedClientAuth,
        streamBufferSize);
  }

  public AssociationOptions withIdleTimeout(Duration v) {
    return new AssociationOptions(
        maxPduLength,
        maxSendPduLength,
        connectTimeout,
        associationTimeout,
        artimTimeout,
        releaseTimeout,
        v,
        sslContext,
        tlsNeedClientAuth,
        streamBufferSize);
  }

  public AssociationOptions withTls(SSLContext context, boolean needClientAuth) {
    return new AssociationOptions(
        maxPduLength,
        maxSendPduLength,
        connectTimeout,
        associationTimeout,
        artimTimeout,
        releaseTimeout,
        idleTimeout,
        context,
        needClientAuth,
        streamBufferSize);
  }

  static int millis(Duration d) {
    long ms = d.toMillis();
    return ms > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ms;
  }
}
