package org.roentgen.validation.dicom;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.validation.domain.ScheduledStep;
import org.roentgen.validation.domain.Worklist;
import org.roentgen.validation.domain.WorklistUnavailableException;

/**
 * The {@link Worklist} of a Modality Worklist SCP, asked with a C-FIND of the Modality Worklist
 * Information Model - FIND SOP class (PS3.4 annex K, K.4.1) by accession number; the identifier and
 * the mapping of matches are {@link MwlQuery}'s.
 *
 * <p>Each query is bounded as a whole by {@link WorklistSettings#responseTimeout()}: waiting for a
 * free association, connecting, negotiating and every response. It runs on a worker thread while
 * the caller waits at most that long; past it the association is aborted and the caller gets a
 * {@link WorklistUnavailableException} at once. At most {@link WorklistSettings#maxAssociations()}
 * queries run at once, each on its own association. An association that answered is kept for the
 * next query for {@link WorklistSettings#keepAlive()}; one that failed in any way is aborted and
 * never reused, and a query that fails on a kept association (the SCP may have dropped it) is tried
 * once more on a new one. Messages name the peer and the cause, never patient data. Thread-safe;
 * {@link #close()} releases the kept associations.
 */
public final class MwlWorklist implements Worklist, AutoCloseable {
  /** Matches read for one accession number at most; more is a broken or wildcard-happy SCP. */
  static final int MAX_MATCHES = 100;

  /** How long closing waits for the peer (A-RELEASE-RP, transport close after A-ABORT). */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final WorklistSettings settings;
  private final AssociationRequest request;
  private final Semaphore permits;
  private final ExecutorService workers;
  private final KeptAssociations kept;

  public MwlWorklist(WorklistSettings settings) {
    this.settings = settings;
    this.request =
        AssociationRequest.of(settings.calledAeTitle(), settings.callingAeTitle())
            .withContext(
                UID.ModalityWorklistInformationModelFind,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
    this.permits = new Semaphore(settings.maxAssociations(), true);
    this.workers = Executors.newCachedThreadPool(daemon("mwl-query-"));
    this.kept =
        new KeptAssociations(
            settings.keepAlive(), workers, "mwl-sweep-" + THREADS.incrementAndGet());
  }

  public WorklistSettings settings() {
    return settings;
  }

  /**
   * The scheduled steps of the order {@code accessionNumber}, one per Scheduled Procedure Step
   * Sequence item of every match whose AccessionNumber equals it exactly; empty when the worklist
   * has none, and without asking it when the accession number is blank.
   */
  @Override
  public List<ScheduledStep> byAccession(String accessionNumber)
      throws WorklistUnavailableException {
    String accession = MwlQuery.matchingValue(accessionNumber);
    if (accession == null) {
      return List.of();
    }
    long timeout = settings.responseTimeout().toNanos();
    long deadline = System.nanoTime() + timeout;
    Attempt attempt = new Attempt(accession, deadline);
    Future<List<Attributes>> result;
    try {
      if (!permits.tryAcquire(timeout, TimeUnit.NANOSECONDS)) {
        throw unavailable(
            "all "
                + settings.maxAssociations()
                + " associations busy for "
                + format(settings.responseTimeout()),
            null);
      }
      try {
        result = workers.submit(attempt::runAndRelease);
      } catch (RejectedExecutionException e) {
        permits.release();
        throw unavailable("the worklist client is closed", e);
      }
      List<Attributes> matches = result.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      List<ScheduledStep> steps = new ArrayList<>();
      for (Attributes match : matches) {
        if (MwlQuery.isExact(match, accession)) {
          steps.addAll(MwlQuery.steps(match, accession));
        }
      }
      return List.copyOf(steps);
    } catch (TimeoutException e) {
      attempt.cancel();
      throw unavailable("no answer within " + format(settings.responseTimeout()), e);
    } catch (InterruptedException e) {
      attempt.cancel();
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for the answer", e);
    } catch (ExecutionException e) {
      throw unavailable(describe(e.getCause()), e.getCause());
    }
  }

  /** One query: a kept or new association, C-FIND, the association kept or aborted. */
  private final class Attempt {
    private final String accession;
    private final long deadline;
    private volatile boolean cancelled;
    private volatile DimseClient current;

    Attempt(String accession, long deadline) {
      this.accession = accession;
      this.deadline = deadline;
    }

    List<Attributes> runAndRelease() throws IOException {
      try {
        DimseClient reused = kept.take();
        if (reused != null) {
          try {
            return find(reused);
          } catch (BadAnswer e) {
            throw e;
          } catch (IOException e) {
            // The SCP may have dropped a kept association: C-FIND changes nothing, ask again.
            if (cancelled || System.nanoTime() >= deadline) {
              throw e;
            }
          }
        }
        return find(connect());
      } finally {
        permits.release();
      }
    }

    private DimseClient connect() throws IOException {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left < 1) {
        throw new SocketTimeoutException("no time left to connect");
      }
      AssociationOptions options =
          AssociationOptions.defaults()
              .withConnectTimeout(
                  Duration.ofMillis(Math.min(settings.connectTimeout().toMillis(), left)))
              .withAssociationTimeout(Duration.ofMillis(left))
              .withArtimTimeout(CLOSE_WAIT)
              .withReleaseTimeout(CLOSE_WAIT);
      return DimseClient.connect(
          request, settings.host(), settings.port(), options, settings.responseTimeout());
    }

    private List<Attributes> find(DimseClient client) throws IOException {
      current = client;
      if (cancelled) {
        client.association().abort();
        throw new SocketTimeoutException("cancelled");
      }
      List<Attributes> matches = new ArrayList<>();
      boolean[] overflow = {false};
      int status;
      try {
        status =
            client
                .find(
                    UID.ModalityWorklistInformationModelFind,
                    MwlQuery.keys(accession),
                    m -> {
                      if (matches.size() < MAX_MATCHES) {
                        matches.add(m);
                      } else {
                        overflow[0] = true;
                      }
                    })
                .status();
      } catch (IOException | RuntimeException e) {
        client.association().abort();
        throw e;
      }
      // A final response, failure or not, leaves the association usable (PS3.7 9.1.2).
      kept.giveBack(client);
      if (status != Status.SUCCESS.code()) {
        throw new BadAnswer(String.format("C-FIND answered status 0x%04X", status));
      }
      if (overflow[0]) {
        throw new BadAnswer("more than " + MAX_MATCHES + " matches for one accession number");
      }
      return matches;
    }

    void cancel() {
      cancelled = true;
      DimseClient c = current;
      if (c != null) {
        c.association().abort();
      }
    }
  }

  /**
   * The SCP answered, but not with a usable list: a final status other than Success (PS3.4
   * K.4.1.1.4; the matches may be incomplete) or too many matches. Asking again would not help.
   */
  private static final class BadAnswer extends IOException {
    BadAnswer(String message) {
      super(message);
    }
  }

  /** Number of associations kept for the next query (for tests). */
  int idleAssociations() {
    return kept.size();
  }

  /** Releases the kept associations; queries after this fail as unavailable. */
  @Override
  public void close() {
    kept.close();
    workers.shutdown();
  }

  private WorklistUnavailableException unavailable(String cause, Throwable t) {
    return new WorklistUnavailableException("worklist " + settings.peer() + ": " + cause, t);
  }

  /** The cause of a failed query in words, from the toolkit's or the JDK's exception. */
  static String describe(Throwable t) {
    if (t instanceof ConnectException) {
      return "cannot connect: " + t.getMessage();
    }
    if (t instanceof UnknownHostException) {
      return "unknown host";
    }
    if (t instanceof SocketTimeoutException && t.getMessage() != null) {
      return "timed out: " + t.getMessage();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private static ThreadFactory daemon(String prefix) {
    return r -> {
      Thread t = new Thread(r, prefix + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
