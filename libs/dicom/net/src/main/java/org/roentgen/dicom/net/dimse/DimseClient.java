package org.roentgen.dicom.net.dimse;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.pdu.AsyncOperationsWindow;
import org.roentgen.dicom.net.ul.Association;
import org.roentgen.dicom.net.ul.AssociationException;
import org.roentgen.dicom.net.ul.AssociationHandler;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.dicom.net.ul.IncomingMessage;
import org.roentgen.dicom.net.ul.MessageWriter;

/**
 * The SCU side of DIMSE (PS3.7 9.1) on one association: C-ECHO, C-STORE and C-FIND. Requests may be
 * outstanding up to the asynchronous operations window the acceptor granted (PS3.7 D.3.3.3; one
 * when none was negotiated): {@link #storeAsync} sends without waiting while the window has room.
 * The DIMSE timeout bounds the wait for each response, so a C-FIND with many pending responses may
 * take longer as long as they keep coming.
 */
public final class DimseClient implements AssociationHandler, Closeable {
  /** Outstanding operations used when the acceptor grants an unlimited window (0). */
  private static final int UNLIMITED_WINDOW_CAP = 64;

  private final Duration timeout;
  private Association association;
  private int nextMessageId = 1;
  private int window = 1;

  /** Requests sent and not finally answered, oldest first, by message ID. */
  private final Map<Integer, Pending> outstanding = new LinkedHashMap<>();

  private static final class Pending {
    final int messageId;
    final Consumer<Attributes> matches;
    final TransferSyntax ts;
    final CompletableFuture<Command> done = new CompletableFuture<>();

    /** When the last response arrived (or the request was sent): the DIMSE timeout runs from it. */
    volatile long lastActivity = System.nanoTime();

    Pending(int messageId, Consumer<Attributes> matches, TransferSyntax ts) {
      this.messageId = messageId;
      this.matches = matches;
      this.ts = ts;
    }
  }

  private DimseClient(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Opens an association and returns a client on it. To send asynchronously, propose a window in
   * the request ({@code AssociationRequest.withAsyncOperationsWindow}).
   */
  public static DimseClient connect(
      AssociationRequest request,
      String host,
      int port,
      AssociationOptions options,
      Duration dimseTimeout)
      throws IOException {
    DimseClient c = new DimseClient(dimseTimeout);
    c.association = Association.connect(request, host, port, options, c);
    AsyncOperationsWindow granted =
        c.association.associateAc().userInformation().asyncOperationsWindow();
    if (granted != null && request.asyncOperationsWindow() != null) {
      int n =
          granted.maxOperationsInvoked() == 0
              ? UNLIMITED_WINDOW_CAP
              : granted.maxOperationsInvoked();
      int asked = request.asyncOperationsWindow().maxOperationsInvoked();
      c.window = Math.max(1, asked == 0 ? n : Math.min(n, asked));
    }
    return c;
  }

  public Association association() {
    return association;
  }

  /** How many operations may be outstanding on this association. */
  public int window() {
    return window;
  }

  /** C-ECHO (PS3.4 A.4); returns the response. */
  public Command echo() throws IOException {
    int pcid = context(UID.Verification, null);
    Pending p = start(null, null);
    association.send(pcid, Command.cEchoRq(p.messageId, UID.Verification).encode());
    return await(p);
  }

  /**
   * C-STORE (PS3.4 B.2): sends a data set already encoded in {@code transferSyntaxUid}, streamed by
   * {@code dataset}; returns the response.
   */
  public Command store(
      String sopClassUid,
      String sopInstanceUid,
      String transferSyntaxUid,
      Priority priority,
      MessageWriter dataset)
      throws IOException {
    Pending p = sendStore(sopClassUid, sopInstanceUid, transferSyntaxUid, priority, dataset);
    return await(p);
  }

  /**
   * C-STORE without waiting for its response while the window has room; when it is full, waits (at
   * most the DIMSE timeout) for the oldest outstanding response first. The future completes with
   * the response, or exceptionally when the association ends first.
   */
  public CompletableFuture<Command> storeAsync(
      String sopClassUid,
      String sopInstanceUid,
      String transferSyntaxUid,
      Priority priority,
      MessageWriter dataset)
      throws IOException {
    return sendStore(sopClassUid, sopInstanceUid, transferSyntaxUid, priority, dataset).done;
  }

  private Pending sendStore(
      String sopClassUid,
      String sopInstanceUid,
      String ts,
      Priority priority,
      MessageWriter dataset)
      throws IOException {
    int pcid = context(sopClassUid, ts);
    Pending p = start(null, null);
    try {
      association.send(
          pcid,
          Command.cStoreRq(p.messageId, sopClassUid, sopInstanceUid, priority).encode(),
          dataset);
    } catch (IOException | RuntimeException e) {
      // A message cut short leaves the peer mid-data set: nothing more can go on this association.
      association.abort();
      forget(p, e);
      throw e;
    }
    return p;
  }

  /** Waits for every outstanding operation to be answered (at most the DIMSE timeout each). */
  public void awaitOutstanding() throws IOException {
    while (true) {
      Pending oldest;
      synchronized (this) {
        if (outstanding.isEmpty()) {
          return;
        }
        oldest = outstanding.values().iterator().next();
      }
      try {
        await(oldest);
      } catch (IOException e) {
        if (!association.isEstablished()) {
          throw e;
        }
      }
    }
  }

  /**
   * C-FIND (PS3.4 C.4.1, K.4.1): sends the keys, gives each match to {@code matches}, returns the
   * final response.
   */
  public Command find(String sopClassUid, Attributes keys, Consumer<Attributes> matches)
      throws IOException {
    int pcid = context(sopClassUid, null);
    TransferSyntax ts = TransferSyntax.of(association.transferSyntax(pcid));
    Pending p = start(matches, ts);
    association.send(
        pcid,
        Command.cFindRq(p.messageId, sopClassUid, Priority.MEDIUM).encode(),
        Datasets.writer(keys, ts));
    return await(p);
  }

  private int context(String abstractSyntax, String ts) throws DimseException {
    int pcid =
        ts == null
            ? association.presentationContextId(abstractSyntax)
            : association.presentationContextId(abstractSyntax, ts);
    if (pcid < 0) {
      throw new DimseException(
          "no accepted presentation context for "
              + abstractSyntax
              + (ts == null ? "" : " in " + ts));
    }
    return pcid;
  }

  /** Registers a new request, first waiting for room in the window. */
  private Pending start(Consumer<Attributes> matches, TransferSyntax ts) throws IOException {
    while (true) {
      Pending oldest;
      synchronized (this) {
        if (outstanding.size() < window) {
          int id = nextMessageId;
          nextMessageId = nextMessageId == 0xFFFF ? 1 : nextMessageId + 1;
          Pending p = new Pending(id, matches, ts);
          outstanding.put(id, p);
          return p;
        }
        oldest = outstanding.values().iterator().next();
      }
      try {
        await(oldest);
      } catch (IOException e) {
        if (!association.isEstablished()) {
          throw e;
        }
        // that operation failed; its caller learns it from its future, and the window has room
      }
    }
  }

  private synchronized void forget(Pending p, Throwable cause) {
    outstanding.remove(p.messageId);
    p.done.completeExceptionally(cause);
  }

  private Command await(Pending p) throws IOException {
    p.lastActivity = System.nanoTime();
    try {
      while (true) {
        long left = timeout.toNanos() - (System.nanoTime() - p.lastActivity);
        if (left <= 0) {
          DimseException e =
              new DimseException("no response to message " + p.messageId + " within " + timeout);
          association.abort();
          forget(p, e);
          throw e;
        }
        try {
          return p.done.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // a pending response may have come meanwhile: look again
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for a response");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  @Override
  public void onMessage(Association as, IncomingMessage message) throws IOException {
    Command rsp = Command.read(message.command());
    Pending p;
    synchronized (this) {
      p = outstanding.get(rsp.messageIdBeingRespondedTo());
    }
    if (p == null || rsp.field() == null || !rsp.field().isResponse()) {
      throw new DimseException("unexpected message " + rsp);
    }
    p.lastActivity = System.nanoTime();
    boolean pendingStatus = Status.kindOf(rsp.status()) == Status.Kind.PENDING;
    if (rsp.hasDataset()) {
      if (pendingStatus && p.matches != null) {
        p.matches.accept(Datasets.read(message.dataset(), p.ts));
      } else {
        // Only a pending C-FIND-RSP carries a match (PS3.7 9.1.2.1); skip any other data set.
        message.dataset().transferTo(OutputStreamSink.NULL);
      }
    }
    if (!pendingStatus) {
      synchronized (this) {
        outstanding.remove(p.messageId);
      }
      p.done.complete(rsp);
    }
  }

  @Override
  public void onClosed(Association as, AssociationException cause) {
    List<Pending> left;
    synchronized (this) {
      left = new ArrayList<>(outstanding.values());
      outstanding.clear();
    }
    for (Pending p : left) {
      p.done.completeExceptionally(
          cause != null ? cause : new DimseException("association closed"));
    }
  }

  /** Releases the association (A-RELEASE) once every outstanding operation is answered. */
  public void release() throws IOException {
    awaitOutstanding();
    association.release();
  }

  /** Releases, or aborts when the release fails. */
  @Override
  public void close() {
    try {
      release();
    } catch (IOException e) {
      association.abort();
    }
  }
}
