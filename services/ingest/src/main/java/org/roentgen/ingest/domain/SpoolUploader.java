package org.roentgen.ingest.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.roentgen.dicom.io.DicomInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed spool entries to S3 and Kafka, oldest first, with the same keys, versions and
 * events as the durable policy; retries with exponential backoff while S3 or Kafka is away; on
 * start finishes whatever the spool holds. An entry leaves the spool only once both have confirmed.
 * On shutdown, uploads in progress finish and the rest stays for the next start.
 */
public final class SpoolUploader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolUploader.class);

  private final Spool spool;
  private final Ingestor ingestor;
  private final IngestMetrics metrics;
  private final Duration backoff;
  private final Duration maxBackoff;
  private final ScheduledExecutorService workers;
  private final Map<Path, Integer> attempts = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean closing;

  public SpoolUploader(
      Spool spool,
      Ingestor ingestor,
      IngestMetrics metrics,
      int threads,
      Duration backoff,
      Duration maxBackoff) {
    this.spool = spool;
    this.ingestor = ingestor;
    this.metrics = metrics;
    this.backoff = backoff;
    this.maxBackoff = maxBackoff;
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              Thread t = new Thread(r, "ingest-spool-upload");
              t.setDaemon(true);
              return t;
            });
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.workers = pool;
  }

  /** Entries waiting to reach S3 and Kafka. */
  public int pending() {
    return pending.get();
  }

  /** Queues what the spool holds from before, then every entry committed from now on. */
  public void start() throws IOException {
    spool.listener(this::submit);
    for (Path p : spool.recover()) {
      submit(p);
    }
    if (pending.get() > 0) {
      LOG.info("spool: {} entries from before the start to upload", pending.get());
    }
  }

  private void submit(Path object) {
    if (attempts.putIfAbsent(object, 0) == null) {
      pending.incrementAndGet();
      workers.execute(() -> upload(object));
    }
  }

  private void upload(Path object) {
    if (closing) {
      return;
    }
    Spool.Entry entry;
    try {
      entry = spool.entryOf(object);
    } catch (IOException e) {
      finish(object, "unreadable sidecar: " + e.getMessage());
      return;
    }
    IncomingObject o = entry.incoming();
    Ingestor.Stored stored;
    try {
      long metaLength = metaLength(object);
      Ingestor.Received r;
      try (InputStream dataset = Files.newInputStream(object)) {
        // Skip ingest's own meta information, then parse the dataset's header as on receipt.
        dataset.skipNBytes(metaLength);
        r = ingestor.parse(o, dataset);
        if (r.capture() != null) {
          r.capture().close();
        }
      }
      if (r.failure() != null) {
        finish(object, "cannot be stored: " + r.failure().comment());
        return;
      }
      try (InputStream whole = Files.newInputStream(object)) {
        stored = ingestor.persist(o, r.parsed(), whole, entry.receivedAt());
      }
    } catch (IOException e) {
      retry(object, FailureCause.SPOOL, e.toString());
      return;
    }
    StoreOutcome out = stored.outcome();
    if (out.succeeded()) {
      try {
        spool.remove(object);
      } catch (IOException e) {
        LOG.warn("spool: cannot remove uploaded {}: {}", object.getFileName(), e.toString());
      }
      attempts.remove(object);
      pending.decrementAndGet();
    } else if (out.cause() == FailureCause.OBJECT_STORE || out.cause() == FailureCause.EVENT_BUS) {
      retry(object, out.cause(), out.comment());
    } else {
      finish(object, out.cause().label() + ": " + out.comment());
    }
  }

  private static long metaLength(Path object) throws IOException {
    try (DicomInputStream in = DicomInputStream.open(object)) {
      in.readFileMetaInformation();
      return in.position();
    }
  }

  private void retry(Path object, FailureCause cause, String why) {
    int n = attempts.merge(object, 1, Integer::sum);
    metrics.failed(cause);
    long delay =
        Math.min(maxBackoff.toMillis(), backoff.toMillis() << Math.min(20, Math.max(0, n - 1)));
    LOG.warn(
        "spool: upload of {} failed ({}), attempt {}, next in {} ms",
        object.getFileName(),
        why,
        n,
        delay);
    if (!workers.isShutdown()) {
      workers.schedule(() -> upload(object), delay, TimeUnit.MILLISECONDS);
    }
  }

  /** An entry that no retry can store: kept aside in failed/, never deleted. */
  private void finish(Path object, String reason) {
    LOG.error("spool: {} moved to failed/: {}", object.getFileName(), reason);
    try {
      spool.quarantine(object, reason);
    } catch (IOException e) {
      LOG.error("spool: cannot move {} to failed/: {}", object.getFileName(), e.toString());
    }
    attempts.remove(object);
    pending.decrementAndGet();
  }

  /** Lets uploads in progress finish (bounded); queued entries stay in the spool. */
  @Override
  public void close() {
    closing = true;
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("spool: uploads still running at shutdown; they resume on the next start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
