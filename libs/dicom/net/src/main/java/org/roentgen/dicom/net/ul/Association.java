package org.roentgen.dicom.net.ul;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocket;
import org.roentgen.dicom.net.pdu.AAssociateAc;
import org.roentgen.dicom.net.pdu.AAssociateRq;
import org.roentgen.dicom.net.pdu.PduLimits;
import org.roentgen.dicom.net.pdu.PduReader;
import org.roentgen.dicom.net.pdu.PduWriter;
import org.roentgen.dicom.net.pdu.PresentationContextAc;
import org.roentgen.dicom.net.pdu.PresentationContextRq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DICOM association, requestor or acceptor side (PS3.8 Sections 7 and 9). Sending is
 * thread-safe: whole messages never interleave. Receiving happens on one reader thread that calls
 * the {@link AssociationHandler}.
 *
 * <p>Requestor: {@link #connect}; acceptor: {@link AssociationAcceptor}. The protocol machine
 * ({@link StateMachine}) and the actions of PS3.8 Tables 9-6 ... 9-9 live in {@link Protocol}.
 */
public final class Association {

  private static final Logger LOG = LoggerFactory.getLogger(Association.class);
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final ExecutorService REQUESTOR_READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "dicom-ul-requestor-" + IDS.get());
            t.setDaemon(true);
            return t;
          });

  private final Socket socket;
  private final AssociationOptions options;
  private final Protocol protocol;
  private final Receiver receiver;
  private final ReentrantLock messageLock = new ReentrantLock();

  /** The P-DATA buffer of outgoing messages, guarded by {@link #messageLock}. */
  private byte[] sendBuffer;

  /** The socket's input, read by the reader only. */
  private final InputStream input;

  private final CountDownLatch closed = new CountDownLatch(1);
  private final String name;
  private volatile Thread readerThread;

  Association(
      Socket socket, AssociationOptions options, boolean requestor, AssociationHandler handler)
      throws IOException {
    this.socket = socket;
    this.options = options;
    this.name = (requestor ? "SCU#" : "SCP#") + IDS.incrementAndGet();
    socket.setTcpNoDelay(true);
    socket.setKeepAlive(true);
    // Plain TCP reads through a direct buffer (ChannelInput); TLS through the socket's stream.
    InputStream in =
        socket.getChannel() != null
            ? new ChannelInput(socket)
            : new BufferedInputStream(socket.getInputStream(), options.streamBufferSize());
    this.input = in;
    PduReader reader = new PduReader(in, PduLimits.forAdvertised(options.maxPduLength()));
    PduWriter writer =
        new PduWriter(
            new BufferedOutputStream(socket.getOutputStream(), options.streamBufferSize()));
    this.protocol =
        new Protocol(this, new StateMachine(requestor), writer, handler, socket.getChannel());
    this.receiver = new Receiver(this, protocol, reader, handler);
  }

  /**
   * Opens a transport connection and negotiates an association as requestor (PS3.8 Section 9.2,
   * AE-1 ... AE-4).
   *
   * @param handler receives the peer's messages (DIMSE responses, requests in a reverse role)
   * @return the established association
   * @throws AssociationRejectedException if the peer sent A-ASSOCIATE-RJ
   * @throws AssociationAbortedException if the peer aborted or broke the protocol
   * @throws AssociationTimeoutException if no A-ASSOCIATE-AC/RJ came within the timeout
   * @throws IOException if the transport connection failed
   */
  public static Association connect(
      AssociationRequest request,
      String host,
      int port,
      AssociationOptions options,
      AssociationHandler handler)
      throws IOException {
    Socket socket = openSocket(host, port, options);
    Association as;
    try {
      as = new Association(socket, options, true, handler);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    as.protocol.requestAssociation(request.toPdu(options.maxPduLength()));
    socket.setSoTimeout(AssociationOptions.millis(options.associationTimeout()));
    if (!as.receiver.awaitAssociateResponse()) {
      throw as.protocol.endCause();
    }
    socket.setSoTimeout(AssociationOptions.millis(options.idleTimeout()));
    handler.onEstablished(as);
    REQUESTOR_READERS.execute(as::runReader);
    return as;
  }

  private static Socket openSocket(String host, int port, AssociationOptions options)
      throws IOException {
    // A plain TCP socket is opened as a channel so that data sets can go from a file to the
    // socket without passing through the heap (FileChannel.transferTo, see FileRegionSink).
    Socket socket = options.sslContext() == null ? SocketChannel.open().socket() : new Socket();
    int connectTimeout = AssociationOptions.millis(options.connectTimeout());
    try {
      socket.connect(new InetSocketAddress(host, port), connectTimeout);
      if (options.sslContext() == null) {
        return socket;
      }
      SSLSocket tls =
          (SSLSocket)
              options.sslContext().getSocketFactory().createSocket(socket, host, port, true);
      tls.setSoTimeout(connectTimeout);
      tls.startHandshake();
      return tls;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Runs the acceptor side on the calling thread until the transport closes. */
  static void serve(
      Socket socket,
      AssociationOptions options,
      AcceptancePolicy policy,
      AssociationHandler handler,
      boolean overLimit) {
    Association as;
    try {
      as = new Association(socket, options, false, handler);
    } catch (IOException e) {
      LOG.debug("cannot set up the transport from {}", socket.getRemoteSocketAddress(), e);
      closeQuietly(socket);
      return;
    }
    as.protocol.acceptTransport(policy, overLimit);
    as.runReader();
  }

  private void runReader() {
    readerThread = Thread.currentThread();
    try {
      receiver.run();
    } finally {
      readerThread = null;
      if (input instanceof ChannelInput c) {
        c.release();
      }
      closed.countDown();
    }
  }

  /** Sends a command-only message (P-DATA request primitives, PS3.8 Section 9.3.5). */
  public void send(int presentationContextId, byte[] command) throws IOException {
    send(presentationContextId, command, null);
  }

  /**
   * Sends a message: the command bytes, then the data set written by {@code dataset} (if not null),
   * each fragmented into PDVs so that no P-DATA-TF PDU exceeds the peer's Maximum Length Received
   * (PS3.8 Annex D.1). The data set streams out while it is written.
   *
   * @throws AssociationAbortedException if the association ends while sending
   * @throws AssociationStateException if the association is not established
   */
  public void send(int presentationContextId, byte[] command, MessageWriter dataset)
      throws IOException {
    if (transferSyntax(presentationContextId) == null) {
      throw new IllegalArgumentException(
          "presentation context " + presentationContextId + " was not accepted");
    }
    int fragment = maxFragmentLength();
    messageLock.lock();
    ScheduledFuture<?> guard = sendWatchdog();
    try {
      // One buffer per association, reused by every message (they never interleave).
      if (sendBuffer == null || sendBuffer.length < PduWriter.PDATA_OVERHEAD + fragment) {
        sendBuffer = new byte[PduWriter.PDATA_OVERHEAD + fragment];
      }
      try (PDataOutputStream out =
          new PDataOutputStream(protocol, presentationContextId, true, fragment, sendBuffer)) {
        out.write(command);
      }
      if (dataset != null) {
        PDataOutputStream out =
            new PDataOutputStream(protocol, presentationContextId, false, fragment, sendBuffer);
        dataset.writeTo(out);
        out.close();
      }
      protocol.flush();
    } finally {
      if (guard != null) {
        guard.cancel(false);
      }
      messageLock.unlock();
    }
  }

  /**
   * A peer that stops reading would block a send in the socket forever (a read timeout does not
   * cover writes): with an idle timeout set, a message that makes no progress for that long aborts
   * the association. Returns null without one.
   */
  private ScheduledFuture<?> sendWatchdog() {
    Duration limit = options.idleTimeout();
    if (limit.isZero() || limit.isNegative()) {
      return null;
    }
    protocol.sendProgress = System.nanoTime();
    return Timers.watch(
        limit,
        () -> protocol.sendProgress,
        () -> false,
        () -> {
          LOG.warn("{}: the peer took no data for {}; aborting", name, limit);
          abort();
        });
  }

  /** The largest PDV fragment we send: the peer's limit (capped by our own) minus PDV header. */
  int maxFragmentLength() throws AssociationException {
    long peer = peerMaxPduLength();
    long pdu = peer == 0 ? options.maxSendPduLength() : Math.min(peer, options.maxSendPduLength());
    int fragment = (int) pdu - org.roentgen.dicom.net.pdu.PresentationDataValue.HEADER_LENGTH;
    if (fragment < MIN_FRAGMENT_LENGTH) {
      abort();
      throw new AssociationException(
          "the peer's Maximum Length Received ("
              + peer
              + ") leaves no room for data; the association is aborted");
    }
    return fragment;
  }

  /** The smallest PDV data field we send with; a peer asking for less cannot be served. */
  private static final int MIN_FRAGMENT_LENGTH = 128;

  /**
   * Releases the association (A-RELEASE, PS3.8 Section 7.2) and waits for the peer's A-RELEASE-RP,
   * handling a release collision (STA9 ... STA12).
   *
   * <p>Must not be called from the association's own reader thread (inside the handler), since the
   * reader is what receives the A-RELEASE-RP.
   *
   * @throws AssociationTimeoutException if the peer did not answer; the association is aborted
   * @throws AssociationAbortedException if the association was aborted instead
   */
  public void release() throws IOException {
    if (Thread.currentThread() == readerThread) {
      throw new IllegalStateException("release() called from the association's reader thread");
    }
    protocol.requestRelease();
    if (!awaitClosed(options.releaseTimeout())) {
      protocol.abortByUser(
          new AssociationTimeoutException("no A-RELEASE-RP within " + options.releaseTimeout()));
      throw protocol.endCause();
    }
    if (protocol.endCause() != null) {
      throw protocol.endCause();
    }
  }

  /** Aborts the association (A-ABORT request, PS3.8 Section 7.3); does not wait. */
  public void abort() {
    protocol.abortByUser(null);
  }

  /** Waits until the transport is closed; returns false on timeout. */
  public boolean awaitClosed(Duration timeout) {
    try {
      return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Why the association ended: {@code null} while open and after a normal release. */
  public AssociationException endCause() {
    return protocol.endCause();
  }

  /** True while P-DATA may be sent (STA6, PS3.8 Table 9-10). */
  public boolean isEstablished() {
    return state() == State.STA6;
  }

  public State state() {
    return protocol.state();
  }

  public boolean isRequestor() {
    return protocol.requestor();
  }

  /** The A-ASSOCIATE-RQ sent or received. */
  public AAssociateRq associateRq() {
    return protocol.associateRq();
  }

  /** The A-ASSOCIATE-AC sent or received, or {@code null} before establishment. */
  public AAssociateAc associateAc() {
    return protocol.associateAc();
  }

  public String callingAeTitle() {
    return associateRq().callingAeTitle();
  }

  public String calledAeTitle() {
    return associateRq().calledAeTitle();
  }

  public SocketAddress remoteAddress() {
    return socket.getRemoteSocketAddress();
  }

  /** The peer's Maximum Length Received (0 = no limit). */
  public long peerMaxPduLength() {
    AAssociateAc ac = associateAc();
    if (ac == null) {
      return 0;
    }
    return isRequestor()
        ? ac.userInformation().maxPduLength()
        : associateRq().userInformation().maxPduLength();
  }

  /** The transfer syntax accepted for a presentation context, or {@code null}. */
  public String transferSyntax(int presentationContextId) {
    AAssociateAc ac = associateAc();
    PresentationContextAc pc = ac == null ? null : ac.presentationContext(presentationContextId);
    return pc != null && pc.accepted() ? pc.transferSyntax() : null;
  }

  /** The abstract syntax of a proposed presentation context, or {@code null}. */
  public String abstractSyntax(int presentationContextId) {
    PresentationContextRq pc = associateRq().presentationContext(presentationContextId);
    return pc == null ? null : pc.abstractSyntax();
  }

  /** The ID of an accepted presentation context for an abstract syntax, or -1. */
  public int presentationContextId(String abstractSyntax, String transferSyntax) {
    for (PresentationContextRq pc : associateRq().presentationContexts()) {
      if (pc.abstractSyntax().equals(abstractSyntax)
          && transferSyntax.equals(transferSyntax(pc.id()))) {
        return pc.id();
      }
    }
    return -1;
  }

  /** The first accepted presentation context for {@code abstractSyntax}, or -1. */
  public int presentationContextId(String abstractSyntax) {
    for (PresentationContextRq pc : associateRq().presentationContexts()) {
      if (pc.abstractSyntax().equals(abstractSyntax) && transferSyntax(pc.id()) != null) {
        return pc.id();
      }
    }
    return -1;
  }

  AssociationOptions options() {
    return options;
  }

  Socket socket() {
    return socket;
  }

  @Override
  public String toString() {
    AAssociateRq rq = protocol.associateRq();
    return rq == null ? name : name + "[" + rq.callingAeTitle() + "->" + rq.calledAeTitle() + "]";
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.trace("close failed", e);
    }
  }
}
