package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.roentgen.dicom.net.pdu.AbortReason;
import org.roentgen.dicom.net.pdu.PduDecodeException;
import org.roentgen.dicom.net.pdu.PduHeader;
import org.roentgen.dicom.net.pdu.PduReader;
import org.roentgen.dicom.net.pdu.PduType;
import org.roentgen.dicom.net.pdu.PdvReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading side of an association: reads PDUs off the transport, turns them into events for the
 * {@link Protocol} and hands PDVs to the message streams. Pull-driven: a handler reading a data set
 * stream reads the PDV straight off the socket, and the next P-DATA-TF only when it needs more, so
 * nothing is buffered and a slow handler slows the peer down through TCP.
 */
final class Receiver {

  private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);

  private final Association association;
  private final Protocol protocol;
  private final PduReader reader;
  private final AssociationHandler handler;
  private PdvReader pdvs;
  private boolean inputUnusable;

  Receiver(
      Association association, Protocol protocol, PduReader reader, AssociationHandler handler) {
    this.association = association;
    this.protocol = protocol;
    this.reader = reader;
    this.handler = handler;
  }

  /** The message loop: runs until the transport is closed (STA1). */
  void run() {
    try {
      PdvReader pdv;
      while ((pdv = nextPdv()) != null) {
        startMessage(pdv);
      }
    } catch (RuntimeException e) {
      LOG.error("{}: reader failed", association, e);
      protocol.abortByUser(null);
    } finally {
      handler.onClosed(association, protocol.endCause());
    }
  }

  /**
   * Requestor: reads until the A-ASSOCIATE-AC/RJ (or an abort) has been handled.
   *
   * @return whether the association is established (STA6)
   */
  boolean awaitAssociateResponse() {
    while (protocol.state() == State.STA5) {
      readPdu();
    }
    return protocol.state() == State.STA6;
  }

  private void startMessage(PdvReader first) {
    int pcid = first.presentationContextId();
    if (!first.command()) {
      protocolError(
          AbortReason.UNEXPECTED_PDU_PARAMETER,
          "data set fragment on context " + pcid + " without a preceding command");
      return;
    }
    String transferSyntax = association.transferSyntax(pcid);
    if (transferSyntax == null) {
      protocolError(
          AbortReason.INVALID_PDU_PARAMETER_VALUE,
          "PDV on presentation context " + pcid + " which was not accepted");
      return;
    }
    IncomingMessage message =
        new IncomingMessage(this, pcid, association.abstractSyntax(pcid), transferSyntax, first);
    try {
      handler.onMessage(association, message);
      message.finish();
    } catch (AssociationException e) {
      LOG.debug("{}: message ended with the association: {}", association, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: handler failed, aborting the association", association, e);
      protocol.abortByUser(null);
    }
  }

  /** Aborts for a PDV that breaks PS3.8 Annex E and drops the rest of its PDU. */
  void protocolError(AbortReason reason, String message) {
    pdvs = null;
    inputUnusable = true;
    protocol.invalidPdu(reason, message);
  }

  /** The error a message stream throws when the association ended under it. */
  AssociationException endedDuringMessage() {
    AssociationException cause = protocol.endCause();
    return cause != null
        ? cause
        : new AssociationAbortedException("association ended during a message", null, null);
  }

  /**
   * The next PDV of an accepted P-DATA-TF; other PDUs met on the way are handled as events.
   *
   * @return the cursor positioned on the PDV, or {@code null} once the transport is closed
   */
  PdvReader nextPdv() {
    while (true) {
      if (pdvs != null) {
        try {
          if (pdvs.next()) {
            return pdvs;
          }
        } catch (IOException e) {
          readFailed(e);
        }
        pdvs = null;
      }
      if (!readPdu()) {
        return null;
      }
    }
  }

  /** Reads and handles one PDU; returns false once the transport is closed. */
  private boolean readPdu() {
    if (protocol.state() == State.STA1) {
      return false;
    }
    if (inputUnusable) {
      drainUntilClosed();
      return false;
    }
    try {
      PduHeader header = reader.readHeader();
      if (header == null) {
        protocol.transportClosed(null);
      } else if (header.type() == PduType.P_DATA_TF) {
        PdvReader pData = reader.readPData(header);
        if (protocol.pDataReceived()) {
          pdvs = pData;
        } else {
          pData.skipRemaining();
        }
      } else {
        protocol.received(reader.readBody(header));
      }
    } catch (IOException e) {
      readFailed(e);
    }
    return protocol.state() != State.STA1;
  }

  /**
   * A read from the transport failed. The position in the stream is then unknown, so the input is
   * only drained from here on until the transport closes.
   */
  void readFailed(IOException e) {
    pdvs = null;
    inputUnusable = true;
    if (e instanceof SocketTimeoutException) {
      timedOut();
    } else if (e instanceof PduDecodeException d
        && d.problem() != PduDecodeException.Problem.TRUNCATED) {
      protocol.invalidPdu(d.reason(), d.getMessage());
    } else {
      protocol.transportClosed(e);
    }
  }

  private void timedOut() {
    State s = protocol.state();
    if (s == State.STA13 || s == State.STA2) {
      return;
    }
    AssociationTimeoutException cause =
        s == State.STA5
            ? new AssociationTimeoutException(
                "no A-ASSOCIATE-AC/RJ within " + association.options().associationTimeout())
            : new AssociationTimeoutException(
                "peer silent for " + association.options().idleTimeout() + " in " + s);
    LOG.debug("{}: {}", association, cause.getMessage());
    protocol.abortByUser(cause);
  }

  /** After a failed read: discard input until the peer or ARTIM closes the transport. */
  private void drainUntilClosed() {
    byte[] scratch = new byte[8192];
    while (protocol.state() != State.STA1) {
      try {
        if (association.socket().getInputStream().read(scratch) < 0) {
          protocol.transportClosed(null);
        }
      } catch (SocketTimeoutException e) {
        if (protocol.state() != State.STA13) {
          timedOut();
        }
      } catch (IOException e) {
        protocol.transportClosed(e);
      }
    }
  }
}
