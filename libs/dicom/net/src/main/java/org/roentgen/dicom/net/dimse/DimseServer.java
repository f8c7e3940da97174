package org.roentgen.dicom.net.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.ul.Association;
import org.roentgen.dicom.net.ul.AssociationException;
import org.roentgen.dicom.net.ul.AssociationHandler;
import org.roentgen.dicom.net.ul.IncomingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCP side of DIMSE (PS3.7 9.1): reads each request's command, answers C-ECHO itself, and hands
 * C-STORE and C-FIND to one decision handler each. A handler's failure becomes a failure status
 * with a comment (never a dropped association); a request the server does not perform is answered
 * "unrecognized operation" (PS3.7 C.5.5).
 *
 * <p>A C-FIND handler runs on a thread of its own while the association's reader goes on, so a
 * C-CANCEL-RQ (PS3.7 9.3.2.3) stops the matches: {@link FindHandler.Matches#add} returns false and
 * the final response has status Cancel (PS3.4 C.4.1.3.1).
 */
public final class DimseServer implements AssociationHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DimseServer.class);

  private final StoreHandler store;
  private final FindHandler find;
  private final Map<Association, Integer> cancelled = new ConcurrentHashMap<>();

  /** Queries answered at once; more are refused (out of resources) rather than queued. */
  private static final int MAX_CONCURRENT_FINDS = 16;

  /** Runs C-FIND handlers; idle threads end after a minute. */
  private final ExecutorService finders =
      new java.util.concurrent.ThreadPoolExecutor(
          0,
          MAX_CONCURRENT_FINDS,
          60,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "dimse-find-" + FINDER_IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private static final AtomicInteger FINDER_IDS = new AtomicInteger();

  /**
   * @param store C-STORE decisions, or null to refuse storage
   * @param find C-FIND decisions, or null to refuse queries
   */
  public DimseServer(StoreHandler store, FindHandler find) {
    this.store = store;
    this.find = find;
  }

  @Override
  public void onMessage(Association as, IncomingMessage message) throws IOException {
    Command rq = Command.read(message.command());
    int pcid = message.presentationContextId();
    CommandField field = rq.field();
    if (field == CommandField.C_CANCEL_RQ) {
      cancelled.put(as, rq.messageIdBeingRespondedTo());
      return;
    }
    if (field == null || field.isResponse()) {
      throw new DimseException("unexpected message " + rq + " on " + as);
    }
    switch (field) {
      case C_ECHO_RQ ->
          as.send(pcid, Command.response(rq, Status.SUCCESS.code(), false, null).encode());
      case C_STORE_RQ -> onStore(as, message, rq, pcid);
      case C_FIND_RQ -> onFind(as, message, rq, pcid);
      default -> {
        if (rq.hasDataset()) {
          message.dataset().transferTo(OutputStreamSink.NULL);
        }
        as.send(
            pcid, Command.response(rq, Status.UNRECOGNIZED_OPERATION.code(), false, null).encode());
      }
    }
  }

  private void onStore(Association as, IncomingMessage message, Command rq, int pcid)
      throws IOException {
    int status;
    String comment = null;
    InputStream dataset = message.dataset();
    if (store == null) {
      dataset.transferTo(OutputStreamSink.NULL);
      status = Status.SOP_CLASS_NOT_SUPPORTED.code();
    } else {
      try {
        status = store.store(as, rq, message.transferSyntax(), dataset);
      } catch (StatusException e) {
        status = e.status();
        comment = e.comment();
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "C-STORE of {} from {} failed: {}",
            rq.affectedSopInstanceUid(),
            as.callingAeTitle(),
            e.toString());
        status = Status.OUT_OF_RESOURCES.code();
        comment = e.getMessage();
      }
      dataset.transferTo(OutputStreamSink.NULL);
    }
    as.send(pcid, Command.response(rq, status, false, comment).encode());
  }

  private void onFind(Association as, IncomingMessage message, Command rq, int pcid)
      throws IOException {
    TransferSyntax ts = TransferSyntax.of(message.transferSyntax());
    if (!rq.hasDataset()) {
      as.send(
          pcid,
          Command.response(
                  rq, Status.CANNOT_UNDERSTAND.code(), false, "C-FIND-RQ without an identifier")
              .encode());
      return;
    }
    Attributes keys;
    try {
      keys = Datasets.read(message.dataset(), ts);
    } catch (DimseException e) {
      as.send(
          pcid,
          Command.response(rq, Status.CANNOT_UNDERSTAND.code(), false, e.getMessage()).encode());
      return;
    }
    if (find == null) {
      as.send(
          pcid, Command.response(rq, Status.SOP_CLASS_NOT_SUPPORTED.code(), false, null).encode());
      return;
    }
    cancelled.remove(as);
    // Off the reader thread, so that the reader sees a C-CANCEL-RQ while matches go out.
    try {
      finders.execute(
          () -> {
            try {
              runFind(as, rq, pcid, ts, keys);
            } catch (IOException e) {
              LOG.debug(
                  "C-FIND from {} ended with the association: {}",
                  as.callingAeTitle(),
                  e.toString());
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException busy) {
      as.send(
          pcid,
          Command.response(rq, Status.OUT_OF_RESOURCES.code(), false, "too many queries at once")
              .encode());
    }
  }

  private void runFind(Association as, Command rq, int pcid, TransferSyntax ts, Attributes keys)
      throws IOException {
    int status;
    String comment = null;
    try {
      status =
          find.find(
              as,
              rq,
              keys,
              match -> {
                if (Integer.valueOf(rq.messageId()).equals(cancelled.get(as))) {
                  return false;
                }
                as.send(
                    pcid,
                    Command.response(rq, Status.PENDING.code(), true, null).encode(),
                    Datasets.writer(match, ts));
                return true;
              });
    } catch (AssociationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      LOG.warn("C-FIND from {} failed: {}", as.callingAeTitle(), e.toString());
      status = Status.UNABLE_TO_PROCESS.code();
      comment = e.getMessage();
    }
    if (Integer.valueOf(rq.messageId()).equals(cancelled.remove(as))) {
      status = Status.CANCEL.code();
    }
    as.send(pcid, Command.response(rq, status, false, comment).encode());
  }

  @Override
  public void onClosed(Association as, AssociationException cause) {
    cancelled.remove(as);
  }
}
