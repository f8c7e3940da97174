package org.roentgen.router.destination;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.net.pdu.AAssociateRj;
import org.roentgen.dicom.net.pdu.RejectReason;
import org.roentgen.dicom.net.pdu.RejectResult;
import org.roentgen.dicom.net.ul.AssociationAbortedException;
import org.roentgen.dicom.net.ul.AssociationException;
import org.roentgen.dicom.net.ul.AssociationRejectedException;
import org.roentgen.dicom.net.ul.AssociationTimeoutException;
import org.roentgen.router.delivery.DeliveryException;

/**
 * Classifies what can go wrong between the router and a peer, from the transport to the association
 * (DIMSE statuses are {@link DimseStatuses}'):
 *
 * <ul>
 *   <li>Refused, unreachable, reset, closed: {@link FailureCause#CONNECTION}, transient.
 *   <li>No answer in time (TCP connect, TLS handshake, A-ASSOCIATE-AC, the peer silent, a DIMSE
 *       response): {@link FailureCause#TIMEOUT}, transient.
 *   <li>TLS handshake failures (an untrusted certificate, no common protocol or cipher suite, an
 *       alert from the peer): {@link FailureCause#TLS}, permanent; unless the handshake died of a
 *       network error (reset, timeout), which is CONNECTION or TIMEOUT.
 *   <li>A-ABORT from the peer or the provider, and an association that broke the protocol: {@link
 *       FailureCause#ASSOCIATION_ABORTED}, transient.
 *   <li>A-ASSOCIATE-RJ: {@link FailureCause#ASSOCIATION_REJECTED}, see {@link
 *       #permanent(AAssociateRj)}.
 * </ul>
 */
public final class DicomFailures {
  private DicomFailures() {}

  /**
   * Whether an A-ASSOCIATE-RJ (PS3.8 9.3.4, Table 9-21) is permanent. It is only when the peer says
   * so (rejected-permanent) and names a mismatch of configuration that trying again cannot mend:
   * called AE title not recognized, calling AE title not recognized, application context not
   * supported (service-user), protocol version not supported (service-provider, ACSE). Everything
   * else is transient: rejected-transient; the presentation-related provider reasons (temporary
   * congestion, local limit exceeded), whatever the result field says; and "no reason given" from
   * either source, which is what many archives answer while they start, stop or are overloaded.
   *
   * <p>Permanent rejections send the instances to the dead letters at once; once the AE titles are
   * put right on either side, the dead letters are re-driven. The cost of the other choice (a
   * misconfigured destination retried until the attempt or age limit) is only delay, so every
   * doubtful case is transient.
   */
  public static boolean permanent(AAssociateRj rj) {
    if (rj.result() != RejectResult.REJECTED_PERMANENT) {
      return false;
    }
    RejectReason r = rj.reason();
    return r == RejectReason.CALLED_AE_TITLE_NOT_RECOGNIZED
        || r == RejectReason.CALLING_AE_TITLE_NOT_RECOGNIZED
        || r == RejectReason.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED
        || r == RejectReason.PROTOCOL_VERSION_NOT_SUPPORTED;
  }

  /**
   * The classified failure for an exception of the transport, TLS, the upper layer or DIMSE.
   *
   * @param peer names the peer in the message, e.g. {@code "PACS@10.0.0.5:104"}
   */
  public static DeliveryException of(String destination, String peer, IOException e) {
    String where = destination + " (" + peer + "): ";
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AssociationRejectedException r) {
        AAssociateRj rj = r.rejection();
        return new DeliveryException(
            FailureCause.ASSOCIATION_REJECTED,
            permanent(rj),
            null,
            where
                + "association rejected ("
                + rj.result()
                + ", "
                + rj.source()
                + ", "
                + rj.reason()
                + ")",
            e);
      }
    }
    Throwable network = networkCause(e);
    SSLException tls = find(e, SSLException.class);
    if (tls != null && network == null) {
      return new DeliveryException(
          FailureCause.TLS, true, null, where + "TLS handshake failed: " + tls.getMessage(), e);
    }
    if (network instanceof SocketTimeoutException
        || network instanceof HttpTimeoutException
        || find(e, AssociationTimeoutException.class) != null) {
      return new DeliveryException(
          FailureCause.TIMEOUT, false, null, where + "timed out: " + e.getMessage(), e);
    }
    AssociationAbortedException aborted = find(e, AssociationAbortedException.class);
    if (aborted != null && aborted.abort() != null) {
      return new DeliveryException(
          FailureCause.ASSOCIATION_ABORTED,
          false,
          null,
          where + "association aborted: " + aborted.getMessage(),
          e);
    }
    if (network != null) {
      return new DeliveryException(
          FailureCause.CONNECTION,
          false,
          null,
          where
              + "connection failed: "
              + network.getClass().getSimpleName()
              + " "
              + messageOf(network),
          e);
    }
    if (aborted != null || e instanceof AssociationException) {
      return new DeliveryException(
          FailureCause.ASSOCIATION_ABORTED,
          false,
          null,
          where + "association ended: " + e.getMessage(),
          e);
    }
    // A DIMSE message that broke PS3.7 (the association is aborted) or an unexpected I/O failure.
    return new DeliveryException(
        FailureCause.ASSOCIATION_ABORTED,
        false,
        null,
        where + e.getClass().getSimpleName() + ": " + e.getMessage(),
        e);
  }

  /**
   * The first network-level cause: refused, unreachable, reset, closed, timed out. An end of stream
   * inside a TLS handshake is not one: a peer that closes the connection there is refusing the
   * handshake.
   */
  private static Throwable networkCause(Throwable e) {
    boolean inTls = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      inTls |= t instanceof SSLException;
      if (t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException
          || t instanceof PortUnreachableException
          || t instanceof SocketTimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof SocketException
          || t instanceof ClosedChannelException
          || t instanceof EOFException && !inTls) {
        return t;
      }
    }
    return null;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() == null ? "" : t.getMessage();
  }

  /**
   * The classified failure of an HTTP exchange: as {@link #of}, where what is not a timeout, a TLS
   * failure or a refused connection is a broken connection (CONNECTION, transient).
   */
  public static DeliveryException http(String destination, String url, IOException e) {
    DeliveryException d = of(destination, url, e);
    if (d.failureCause() == FailureCause.ASSOCIATION_ABORTED
        || d.failureCause() == FailureCause.ASSOCIATION_REJECTED) {
      return new DeliveryException(
          FailureCause.CONNECTION,
          false,
          null,
          destination
              + " ("
              + url
              + "): connection failed: "
              + e.getClass().getSimpleName()
              + " "
              + messageOf(e),
          e);
    }
    return d;
  }
}
