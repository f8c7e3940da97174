package org.roentgen.router.destination;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.DicomParseException;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.dimse.Priority;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.dicom.net.ul.MessageWriter;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.Destination;
import org.roentgen.router.delivery.Payload;
import org.roentgen.router.delivery.SendResult;
import org.roentgen.router.destination.AssociationPool.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DICOM peer that receives instances by C-STORE (PS3.4 B.2), over a pool of associations reused
 * between sends ({@link AssociationPool}).
 *
 * <p>Each instance goes in its own transfer syntax when the peer accepted it: the data set streams
 * from the payload to the association as it is stored, after the file meta information, without
 * being parsed or held. Otherwise an uncompressed instance is converted ({@link Conversion}) to the
 * first of the configured syntaxes the peer accepted; a compressed one fails with
 * NO_ACCEPTABLE_TRANSFER_SYNTAX (permanent), as does any instance for which the peer accepted no
 * usable syntax. Failures are classified by {@link DicomFailures} and {@link DimseStatuses}.
 *
 * <p>When a send on a reused association fails before its request is complete (the peer had closed
 * the idle association in the meantime, which it may do at any time), the send is tried once more
 * on a new association: the peer cannot have stored an instance whose request it did not receive.
 */
public final class DicomDestination implements Destination {
  private static final Logger LOG = LoggerFactory.getLogger(DicomDestination.class);

  private final DicomDestinationSettings settings;
  private final AssociationOptions options;
  private final AssociationPool pool;

  public DicomDestination(DicomDestinationSettings settings) {
    this.settings = settings;
    this.options = options(settings);
    this.pool =
        new AssociationPool(
            settings.name(),
            settings.peer(),
            settings.aeTitle(),
            settings.callingAeTitle(),
            settings.maxAssociations(),
            settings.idleRelease(),
            this::connect);
  }

  static AssociationOptions options(DicomDestinationSettings s) {
    // The reader's idle timeout must outlast an association's idle time in the pool; it also
    // bounds a send that makes no progress, which the DIMSE timeout should bound.
    Duration idle = s.idleRelease().plusSeconds(5);
    AssociationOptions o =
        AssociationOptions.defaults()
            .withMaxPduLength(s.maxPduLength())
            .withMaxSendPduLength(s.maxPduLength())
            .withConnectTimeout(s.connectTimeout())
            .withAssociationTimeout(s.associationTimeout())
            .withArtimTimeout(s.associationTimeout())
            .withReleaseTimeout(s.associationTimeout())
            .withIdleTimeout(idle.compareTo(s.dimseTimeout()) > 0 ? idle : s.dimseTimeout());
    return s.tls() == null ? o : o.withTls(s.tls().sslContext(), false);
  }

  private DimseClient connect(AssociationRequest rq) throws IOException {
    return DimseClient.connect(
        rq, settings.host(), settings.port(), options, settings.dimseTimeout());
  }

  @Override
  public String name() {
    return settings.name();
  }

  public DicomDestinationSettings settings() {
    return settings;
  }

  @Override
  public SendResult send(Payload payload) throws DeliveryException {
    try {
      return attempt(payload, true);
    } catch (StaleAssociation e) {
      LOG.debug(
          "{}: a pooled association ended before the request for {} went out; new association",
          name(),
          payload.sopInstanceUid(),
          e.getCause());
      try {
        return attempt(payload, false);
      } catch (StaleAssociation again) {
        throw (DeliveryException) again.getCause();
      }
    }
  }

  /** A reused association failed before the request was complete: worth one more try. */
  private static final class StaleAssociation extends Exception {
    StaleAssociation(DeliveryException cause) {
      super(cause);
    }
  }

  private SendResult attempt(Payload payload, boolean mayReuse)
      throws DeliveryException, StaleAssociation {
    InputStream in = PayloadFailures.open(name(), payload);
    try {
      Part10Head head = readHead(payload, in);
      String ts = head.transferSyntax().uid();
      String cuid = payload.sopClassUid();
      String iuid = payload.sopInstanceUid();
      Lease lease = pool.acquire(Contexts.needed(cuid, ts, settings.transferSyntaxes()), mayReuse);
      // Until the request goes out, whatever fails leaves the association as it was.
      boolean reusable = true;
      Conversion conversion = null;
      try {
        TransferSyntax target =
            lease.contexts().choose(name(), cuid, ts, settings.transferSyntaxes());
        MessageWriter dataset;
        if (target.uid().equals(ts)) {
          dataset = out -> copyDataset(head, out);
        } else {
          conversion = Conversion.prepare(name(), payload, head.all(), target);
          dataset = conversion.writer();
          LOG.debug("{}: converting {} from {} to {}", name(), iuid, ts, target.uid());
        }
        reusable = false;
        CompletableFuture<Command> response;
        try {
          response =
              lease
                  .client()
                  .storeAsync(
                      cuid,
                      iuid,
                      target.uid(),
                      payload.stat() ? Priority.HIGH : Priority.MEDIUM,
                      dataset);
        } catch (IOException e) {
          PayloadFailures.ReadException read = PayloadFailures.readFailure(e);
          if (read != null) {
            throw PayloadFailures.of(name(), payload, read.reason());
          }
          DeliveryException failure = DicomFailures.of(name(), settings.peer(), e);
          if (lease.reused()) {
            throw new StaleAssociation(failure);
          }
          throw failure;
        }
        Command rsp = await(response, iuid);
        reusable = true;
        int status = rsp.status();
        if (DimseStatuses.delivered(status)) {
          if (Status.kindOf(status) == Status.Kind.WARNING) {
            LOG.debug("{}: {} stored with warning 0x{}", name(), iuid, Integer.toHexString(status));
          }
          return new SendResult(target.uid(), status);
        }
        throw DimseStatuses.failure(name(), "C-STORE-RSP", status, iuid);
      } finally {
        if (conversion != null) {
          conversion.close();
        }
        pool.release(lease, reusable);
      }
    } finally {
      PayloadFailures.closeQuietly(in);
    }
  }

  /** The payload's file meta information; a payload that is no Part 10 file is permanent. */
  private Part10Head readHead(Payload payload, InputStream in) throws DeliveryException {
    try {
      return Part10Head.read(in);
    } catch (DicomParseException e) {
      throw new DeliveryException(
          FailureCause.TRANSFORM,
          true,
          null,
          name()
              + ": SOP instance "
              + payload.sopInstanceUid()
              + " is not a readable Part 10 file: "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      throw PayloadFailures.of(name(), payload, e);
    }
  }

  /**
   * Streams the data set as stored, after the meta information; a deflated one of odd length gets
   * its padding byte (PS3.5 A.5).
   */
  private static void copyDataset(Part10Head head, OutputStream out) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long length = 0;
    try (InputStream in = head.dataset()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        length += n;
      }
    }
    if ((length & 1) != 0 && head.transferSyntax().deflated()) {
      out.write(0);
    }
  }

  /** Waits for the response at most the DIMSE timeout; a late peer has its association aborted. */
  private Command await(CompletableFuture<Command> response, String iuid) throws DeliveryException {
    try {
      return response.get(settings.dimseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      response.cancel(false);
      throw new DeliveryException(
          FailureCause.TIMEOUT,
          false,
          null,
          name()
              + " ("
              + settings.peer()
              + "): no C-STORE-RSP for SOP instance "
              + iuid
              + " within "
              + settings.dimseTimeout());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw DicomFailures.of(
          name(), settings.peer(), cause instanceof IOException io ? io : new IOException(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(
          FailureCause.TIMEOUT,
          false,
          null,
          name() + ": interrupted waiting for the C-STORE-RSP of " + iuid);
    }
  }

  /** C-ECHO (PS3.4 A.4) on a new association of its own, released after. */
  @Override
  public void probe() throws DeliveryException {
    AssociationRequest rq =
        AssociationRequest.of(settings.aeTitle(), settings.callingAeTitle())
            .withContext(
                UID.Verification,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
    DimseClient client;
    try {
      client = connect(rq);
    } catch (IOException e) {
      throw DicomFailures.of(name(), settings.peer(), e);
    }
    try {
      if (client.association().presentationContextId(UID.Verification) < 0) {
        throw new DeliveryException(
            FailureCause.REFUSED,
            true,
            null,
            name() + " (" + settings.peer() + "): the peer does not accept C-ECHO");
      }
      int status = client.echo().status();
      if (status != Status.SUCCESS.code()) {
        throw DimseStatuses.failure(name(), "C-ECHO-RSP", status, "(echo)");
      }
    } catch (IOException e) {
      throw DicomFailures.of(name(), settings.peer(), e);
    } finally {
      client.close();
    }
  }

  /** Associations opened for sends since the destination was built. */
  public long associationsOpened() {
    return pool.opened();
  }

  /** Associations open now (idle or carrying a send). */
  public int openAssociations() {
    return pool.liveCount();
  }

  /** Associations open and idle now. */
  public int idleAssociations() {
    return pool.idleCount();
  }

  @Override
  public void close() {
    pool.close(settings.associationTimeout().plusSeconds(1));
  }

  /** The settings name the AE title and address; the preferences follow. */
  @Override
  public String toString() {
    return "DicomDestination[" + name() + ", " + settings.peer() + "]";
  }
}
