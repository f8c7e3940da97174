package org.roentgen.dicom.net.ul;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts transport connections and runs the acceptor side of each association on a bounded pool
 * (one thread per live association, blocked in reads, never polling). Beyond {@code
 * maxAssociations} a new association is still read up to its A-ASSOCIATE-RQ, then answered with
 * A-ASSOCIATE-RJ rejected-transient, service-provider (presentation), local-limit-exceeded (PS3.8
 * Table 9-21) by a small separate pool, so the accept loop never blocks on a peer.
 */
public final class AssociationAcceptor implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(AssociationAcceptor.class);

  /** Threads answering associations over the limit. */
  private static final int REJECTOR_THREADS = 2;

  /** Connections over the limit waiting to be rejected; beyond this they are closed at once. */
  private static final int REJECTOR_QUEUE = 256;

  private static final AcceptancePolicy REJECT_ALL =
      rq -> {
        throw new IllegalStateException("the provider rejects before the policy is asked");
      };

  private final AssociationOptions options;
  private final AcceptancePolicy policy;
  private final AssociationHandler handler;
  private final int maxAssociations;
  private final Semaphore slots;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor rejectors;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong rejectedOverLimit = new AtomicLong();
  private ServerSocket serverSocket;
  private Thread acceptThread;
  private volatile boolean closing;

  /**
   * @param maxAssociations associations served at once; more are rejected as transient
   */
  public AssociationAcceptor(
      AssociationOptions options,
      AcceptancePolicy policy,
      AssociationHandler handler,
      int maxAssociations) {
    if (maxAssociations < 1) {
      throw new IllegalArgumentException("maxAssociations must be positive");
    }
    this.options = options;
    this.policy = policy;
    this.handler = handler;
    this.maxAssociations = maxAssociations;
    this.slots = new Semaphore(maxAssociations);
    this.workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            threads("dicom-ul-acceptor"));
    this.rejectors =
        new ThreadPoolExecutor(
            REJECTOR_THREADS,
            REJECTOR_THREADS,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(REJECTOR_QUEUE),
            threads("dicom-ul-rejector"));
    this.rejectors.allowCoreThreadTimeOut(true);
  }

  /** Binds and starts accepting; returns the bound address (port 0 picks a free port). */
  public synchronized InetSocketAddress start(InetSocketAddress bindAddress) throws IOException {
    if (serverSocket != null) {
      throw new IllegalStateException("already started");
    }
    ServerSocket server =
        options.sslContext() == null
            ? java.nio.channels.ServerSocketChannel.open().socket()
            : options.sslContext().getServerSocketFactory().createServerSocket();
    if (server instanceof SSLServerSocket tls) {
      tls.setNeedClientAuth(options.tlsNeedClientAuth());
    }
    server.setReuseAddress(true);
    server.bind(bindAddress, maxAssociations + REJECTOR_QUEUE);
    serverSocket = server;
    acceptThread = new Thread(this::acceptLoop, "dicom-ul-accept-" + server.getLocalPort());
    acceptThread.setDaemon(true);
    acceptThread.start();
    LOG.info(
        "accepting DICOM associations on {} (max {})",
        server.getLocalSocketAddress(),
        maxAssociations);
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** Binds to all interfaces on {@code port} (0 for any free port) and returns the port. */
  public int start(int port) throws IOException {
    return start(new InetSocketAddress(port)).getPort();
  }

  /** Associations being served now. */
  /** Connections turned away because the association limit was reached, since start. */
  public long rejectedOverLimit() {
    return rejectedOverLimit.get();
  }

  public int activeAssociations() {
    return active.get();
  }

  private void acceptLoop() {
    while (!closing) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (SocketException | java.nio.channels.ClosedChannelException e) {
        // A closed server socket (channel-backed ones throw AsynchronousCloseException).
        if (!closing) {
          LOG.error("accept failed; acceptor stops", e);
        }
        return;
      } catch (IOException e) {
        LOG.warn("accept failed", e);
        continue;
      }
      dispatch(socket);
    }
  }

  private void dispatch(Socket socket) {
    if (slots.tryAcquire()) {
      active.incrementAndGet();
      try {
        workers.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        release();
        Association.closeQuietly(socket);
      }
      return;
    }
    rejectedOverLimit.incrementAndGet();
    LOG.debug(
        "association limit {} reached: rejecting {}",
        maxAssociations,
        socket.getRemoteSocketAddress());
    try {
      rejectors.execute(() -> Association.serve(socket, options, REJECT_ALL, NO_MESSAGES, true));
    } catch (RejectedExecutionException e) {
      Association.closeQuietly(socket);
    }
  }

  private void serve(Socket socket) {
    try {
      Association.serve(socket, options, policy, handler, false);
    } finally {
      release();
    }
  }

  private void release() {
    active.decrementAndGet();
    slots.release();
  }

  /** Stops accepting; live associations continue until they end. */
  @Override
  public synchronized void close() throws IOException {
    closing = true;
    if (serverSocket != null) {
      serverSocket.close();
    }
    workers.shutdown();
    rejectors.shutdown();
  }

  /** Waits until all associations have ended, after {@link #close()}. */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return workers.awaitTermination(timeout, unit) && rejectors.awaitTermination(timeout, unit);
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Handler of associations rejected for the limit: they never carry messages. */
  private static final AssociationHandler NO_MESSAGES =
      (association, message) -> {
        throw new IllegalStateException("a rejected association received a message");
      };
}
