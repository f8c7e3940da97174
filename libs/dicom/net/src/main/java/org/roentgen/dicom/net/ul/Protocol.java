package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.roentgen.dicom.net.pdu.AAbort;
import org.roentgen.dicom.net.pdu.AAssociateAc;
import org.roentgen.dicom.net.pdu.AAssociateRj;
import org.roentgen.dicom.net.pdu.AAssociateRq;
import org.roentgen.dicom.net.pdu.AReleaseRp;
import org.roentgen.dicom.net.pdu.AReleaseRq;
import org.roentgen.dicom.net.pdu.AbortReason;
import org.roentgen.dicom.net.pdu.Pdu;
import org.roentgen.dicom.net.pdu.PduWriter;
import org.roentgen.dicom.net.pdu.RejectReason;
import org.roentgen.dicom.net.pdu.RejectResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the protocol machine of one association: fires events into the {@link StateMachine} and
 * performs the actions of PS3.8 Tables 9-6 ... 9-9 under one lock, which also serializes every PDU
 * written to the transport.
 */
final class Protocol {

  private static final Logger LOG = LoggerFactory.getLogger(Protocol.class);
  private static final long ABORT_LOCK_WAIT_MILLIS = 1000;

  private final Association association;
  private final StateMachine fsm;
  private final PduWriter writer;

  /**
   * When the last P-DATA-TF went out (System.nanoTime): a send that stops progressing is aborted.
   */
  volatile long sendProgress;

  /** The socket as a channel for file transfers, or null (TLS, or not a channel socket). */
  private final java.nio.channels.WritableByteChannel channel;

  private final AssociationHandler handler;
  private final ReentrantLock lock = new ReentrantLock();
  private ScheduledFuture<?> artim;
  private long artimGeneration;
  private AcceptancePolicy policy;
  private boolean overLimit;
  private volatile AAssociateRq rq;
  private volatile AAssociateAc ac;
  private volatile AssociationException endCause;

  Protocol(
      Association association,
      StateMachine fsm,
      PduWriter writer,
      AssociationHandler handler,
      java.nio.channels.WritableByteChannel channel) {
    this.channel = channel;
    this.association = association;
    this.fsm = fsm;
    this.writer = writer;
    this.handler = handler;
  }

  State state() {
    return fsm.state();
  }

  boolean requestor() {
    return fsm.requestor();
  }

  AAssociateRq associateRq() {
    return rq;
  }

  AAssociateAc associateAc() {
    return ac;
  }

  AssociationException endCause() {
    return endCause;
  }

  // ---- primitives of the local user and transport -------------------------------------------

  /** EVT1 then EVT2: the transport is connected, send the A-ASSOCIATE-RQ (AE-1, AE-2). */
  void requestAssociation(AAssociateRq request) throws AssociationStateException {
    rq = request;
    fire(Event.EVT1, null, null);
    fire(Event.EVT2, request, null);
  }

  /** EVT5: a transport connection was accepted; starts ARTIM (AE-5). */
  void acceptTransport(AcceptancePolicy acceptancePolicy, boolean overConnectionLimit) {
    this.policy = acceptancePolicy;
    this.overLimit = overConnectionLimit;
    fireQuietly(Event.EVT5, null, null);
  }

  /** EVT11 (AR-1). */
  void requestRelease() throws AssociationStateException {
    fire(Event.EVT11, new AReleaseRq(), null);
  }

  /**
   * EVT15 (AA-1). With a {@code cause} (a timeout) the transport is also closed at once, since the
   * peer is not expected to answer.
   */
  void abortByUser(AssociationException cause) {
    boolean locked;
    try {
      locked = lock.tryLock(ABORT_LOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      locked = false;
    }
    if (!locked) {
      setEndCause(cause);
      setEndCause(aborted("aborted by local user (transport busy)", (AAbort) null));
      Association.closeQuietly(association.socket());
      return;
    }
    try {
      State s = fsm.state();
      if (s == State.STA1) {
        return;
      }
      setEndCause(cause);
      if (s == State.STA2 || s == State.STA13) {
        setEndCause(aborted("aborted by local user", (AAbort) null));
        transportClosed(null);
        return;
      }
      fireQuietly(Event.EVT15, null, null);
      if (cause != null) {
        transportClosed(null);
      }
    } finally {
      lock.unlock();
    }
  }

  /** EVT9 (DT-1, AR-7): one P-DATA-TF PDU from a buffer prepared by the caller. */
  void writePData(byte[] buf, int pcid, boolean command, boolean last, int len) throws IOException {
    lock.lock();
    try {
      checkSend();
      writer.writePDataInPlace(buf, pcid, command, last, len);
      sendProgress = System.nanoTime();
    } catch (IOException e) {
      throw sendFailed(e);
    } finally {
      lock.unlock();
    }
  }

  /** EVT9 (DT-1, AR-7): one P-DATA-TF PDU whose fragment is the caller's byte range. */
  void writePData(int pcid, boolean command, boolean last, byte[] b, int off, int len)
      throws IOException {
    lock.lock();
    try {
      checkSend();
      writer.writePData(pcid, command, last, b, off, len);
      sendProgress = System.nanoTime();
    } catch (IOException e) {
      throw sendFailed(e);
    } finally {
      lock.unlock();
    }
  }

  private void checkSend() throws AssociationException {
    try {
      fire(Event.EVT9, null, null);
    } catch (AssociationStateException e) {
      throw endCause != null ? endCause : e;
    }
  }

  private AssociationException sendFailed(IOException e) {
    if (e instanceof AssociationException ae) {
      return ae;
    }
    return endCause != null ? endCause : failed("transport failed while sending", e);
  }

  /** True when P-DATA can be sent straight from a file (plain TCP on a socket channel). */
  boolean canTransferFromFiles() {
    return channel != null;
  }

  /**
   * Sends one P-DATA-TF whose PDV data are {@code len} bytes at {@code position} of {@code file}
   * ({@link PduWriter#writePData(int, boolean, boolean, java.nio.channels.FileChannel, long, int,
   * java.nio.channels.WritableByteChannel)}).
   */
  void writePData(
      int pcid,
      boolean command,
      boolean last,
      java.nio.channels.FileChannel file,
      long position,
      int len)
      throws IOException {
    lock.lock();
    try {
      checkSend();
      writer.writePData(pcid, command, last, file, position, len, channel);
      sendProgress = System.nanoTime();
    } catch (IOException e) {
      throw sendFailed(e);
    } finally {
      lock.unlock();
    }
  }

  void flush() throws IOException {
    lock.lock();
    try {
      writer.flush();
    } catch (IOException e) {
      throw sendFailed(e);
    } finally {
      lock.unlock();
    }
  }

  // ---- indications from the receiver ------------------------------------------------------

  /** A PDU other than P-DATA-TF arrived: EVT3, 4, 6, 12, 13 or 16. */
  void received(Pdu pdu) {
    if (pdu instanceof AAssociateRq request) {
      associateRqReceived(request);
    } else if (pdu instanceof AAssociateAc accept) {
      fireQuietly(Event.EVT3, accept, null);
    } else if (pdu instanceof AAssociateRj) {
      fireQuietly(Event.EVT4, pdu, null);
    } else if (pdu instanceof AReleaseRq) {
      Transition t = fireQuietly(Event.EVT12, pdu, null);
      if (t != null && t.action() == Action.AR_2) {
        handler.onReleaseRequested(association);
        fireQuietly(Event.EVT14, new AReleaseRp(), null);
      }
    } else if (pdu instanceof AReleaseRp) {
      fireQuietly(Event.EVT13, pdu, null);
    } else if (pdu instanceof AAbort) {
      fireQuietly(Event.EVT16, pdu, null);
    } else {
      throw new IllegalArgumentException("P-DATA-TF goes through pDataReceived");
    }
  }

  /** EVT10: returns whether the PDVs are to be delivered (DT-2, AR-6). */
  boolean pDataReceived() {
    Transition t = fireQuietly(Event.EVT10, null, null);
    return t != null && (t.action() == Action.DT_2 || t.action() == Action.AR_6);
  }

  /** EVT19: an invalid PDU, or a PDV that breaks PS3.8 Annex E. */
  void invalidPdu(AbortReason reason, String message) {
    LOG.debug("{}: invalid PDU: {}", association, message);
    setEndCause(aborted("protocol error: " + message, AAbort.byProvider(reason)));
    fireQuietly(Event.EVT19, null, reason);
  }

  /** EVT17, unless the transport is already known to be closed. */
  void transportClosed(IOException cause) {
    lock.lock();
    try {
      if (fsm.state() != State.STA1) {
        LOG.debug("{}: transport closed in {}", association, fsm.state(), cause);
        fireQuietly(Event.EVT17, null, null);
      }
    } finally {
      lock.unlock();
    }
  }

  private void associateRqReceived(AAssociateRq request) {
    AAssociateRj providerRejection = null;
    if ((request.protocolVersion() & AAssociateRq.PROTOCOL_VERSION_1) == 0) {
      providerRejection =
          new AAssociateRj(
              RejectResult.REJECTED_PERMANENT, RejectReason.PROTOCOL_VERSION_NOT_SUPPORTED);
    } else if (overLimit) {
      providerRejection =
          new AAssociateRj(RejectResult.REJECTED_TRANSIENT, RejectReason.LOCAL_LIMIT_EXCEEDED);
    }
    Transition t;
    lock.lock();
    try {
      if (fsm.state() == State.STA2) {
        rq = request;
      }
      t = fireQuietly(Event.EVT6, providerRejection, null, providerRejection == null);
    } finally {
      lock.unlock();
    }
    if (t == null || t.to() != State.STA3) {
      return;
    }
    Negotiation decision;
    try {
      decision = policy.negotiate(request);
    } catch (RuntimeException e) {
      LOG.warn("{}: acceptance policy failed; rejecting", association, e);
      decision =
          Negotiation.reject(RejectResult.REJECTED_PERMANENT, RejectReason.USER_NO_REASON_GIVEN);
    }
    if (decision instanceof Negotiation.Accept accept) {
      AAssociateAc answer = accept.toPdu(request, association.options().maxPduLength());
      ac = answer;
      Transition sent = fireQuietly(Event.EVT7, answer, null);
      if (sent != null && sent.action() == Action.AE_7) {
        try {
          association
              .socket()
              .setSoTimeout(AssociationOptions.millis(association.options().idleTimeout()));
        } catch (IOException e) {
          LOG.debug("{}: cannot set the idle timeout", association, e);
        }
        handler.onEstablished(association);
      }
    } else {
      fireQuietly(Event.EVT8, ((Negotiation.Reject) decision).rejection(), null);
    }
  }

  // ---- the machine ------------------------------------------------------------------------

  private Transition fireQuietly(Event event, Pdu pdu, AbortReason reason) {
    return fireQuietly(event, pdu, reason, true);
  }

  private Transition fireQuietly(Event event, Pdu pdu, AbortReason reason, boolean acceptable) {
    try {
      return fire(event, pdu, reason, acceptable);
    } catch (AssociationStateException e) {
      LOG.debug("{}: {}", association, e.getMessage());
      return null;
    }
  }

  private Transition fire(Event event, Pdu pdu, AbortReason reason)
      throws AssociationStateException {
    return fire(event, pdu, reason, true);
  }

  private Transition fire(Event event, Pdu pdu, AbortReason reason, boolean acceptable)
      throws AssociationStateException {
    lock.lock();
    try {
      Transition t = fsm.fire(event, acceptable);
      if (event != Event.EVT9 && event != Event.EVT10 && LOG.isDebugEnabled()) {
        LOG.debug(
            "{}: {} in {} -> {} -> {}",
            association,
            event,
            t.from(),
            t.action().standardName(),
            t.to());
      }
      perform(t, pdu, reason == null ? AbortReason.UNEXPECTED_PDU : reason);
      return t;
    } finally {
      lock.unlock();
    }
  }

  /** The actions of PS3.8 Tables 9-6 ... 9-9. Called with the lock held. */
  private void perform(Transition t, Pdu pdu, AbortReason reason) {
    switch (t.action()) {
      case AE_1, DT_1, DT_2, AR_6, AR_7, AA_6 -> {
        // AE-1: the transport was connected by the caller; DT/AR-6/7: data moves outside; AA-6:
        // ignore the PDU.
      }
      case AE_2, AE_7, AR_1, AR_9 -> send(pdu);
      case AE_3 -> ac = (AAssociateAc) pdu;
      case AE_4 -> {
        setEndCause(new AssociationRejectedException((AAssociateRj) pdu));
        closeTransport();
      }
      case AE_5, AR_4 -> {
        if (t.action() == Action.AR_4) {
          send(pdu);
        }
        startArtim();
      }
      case AE_6 -> {
        stopArtim();
        if (t.to() == State.STA13) {
          setEndCause(new AssociationRejectedException((AAssociateRj) pdu));
          send(pdu);
          startArtim();
        }
      }
      case AE_8 -> {
        setEndCause(new AssociationRejectedException((AAssociateRj) pdu));
        send(pdu);
        startArtim();
      }
      case AR_2 -> {
        // A-RELEASE indication: received() calls the handler, then answers with EVT14.
      }
      case AR_3 -> closeTransport();
      case AR_5, AA_2, AA_5 -> {
        if (t.from() == State.STA2) {
          setEndCause(
              aborted(
                  "no A-ASSOCIATE-RQ before the transport closed or ARTIM expired", (AAbort) null));
        }
        closeTransport();
      }
      case AR_8 -> {
        if (t.to() == State.STA9) {
          fireQuietly(Event.EVT14, new AReleaseRp(), null);
        }
      }
      case AR_10 -> fireQuietly(Event.EVT14, new AReleaseRp(), null);
      case AA_1 -> {
        AAbort abort = t.event() == Event.EVT19 ? AAbort.byProvider(reason) : AAbort.byUser();
        setEndCause(aborted("aborted by local user", abort));
        send(abort);
        startArtim();
      }
      case AA_3 -> {
        setEndCause(aborted("aborted by peer", (AAbort) pdu));
        closeTransport();
      }
      case AA_4 -> {
        setEndCause(aborted("transport closed unexpectedly in " + t.from(), (AAbort) null));
        closeTransport();
      }
      case AA_7 -> send(AAbort.byProvider(reason));
      case AA_8 -> {
        AAbort abort = AAbort.byProvider(reason);
        setEndCause(
            aborted(
                (t.defined() ? "" : "unexpected " + t.event() + " in " + t.from() + ": ")
                    + "aborted by service-provider",
                abort));
        send(abort);
        startArtim();
      }
    }
  }

  private void send(Pdu pdu) {
    try {
      writer.write(pdu);
      writer.flush();
    } catch (IOException e) {
      LOG.debug("{}: cannot send {}", association, pdu.type(), e);
    }
  }

  private void closeTransport() {
    stopArtim();
    Association.closeQuietly(association.socket());
  }

  private void setEndCause(AssociationException cause) {
    if (endCause == null && cause != null) {
      endCause = cause;
    }
  }

  private static AssociationAbortedException aborted(String message, AAbort abort) {
    return new AssociationAbortedException(message, abort, null);
  }

  private static AssociationAbortedException failed(String message, IOException cause) {
    return new AssociationAbortedException(message, null, cause);
  }

  // ---- ARTIM, PS3.8 Section 9.1.5 ----------------------------------------------------------

  private void startArtim() {
    stopArtim();
    long millis = association.options().artimTimeout().toMillis();
    long generation = ++artimGeneration;
    artim =
        Timers.SCHEDULER.schedule(() -> artimExpired(generation), millis, TimeUnit.MILLISECONDS);
  }

  private void stopArtim() {
    artimGeneration++;
    if (artim != null) {
      artim.cancel(false);
      artim = null;
    }
  }

  private void artimExpired(long generation) {
    boolean locked;
    try {
      locked = lock.tryLock(ABORT_LOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      locked = false;
    }
    if (!locked) {
      Association.closeQuietly(association.socket());
      return;
    }
    try {
      State s = fsm.state();
      if (generation == artimGeneration && (s == State.STA2 || s == State.STA13)) {
        artim = null;
        fireQuietly(Event.EVT18, null, null);
      }
    } finally {
      lock.unlock();
    }
  }
}
