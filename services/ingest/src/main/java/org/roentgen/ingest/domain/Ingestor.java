package org.roentgen.ingest.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.contracts.Topics;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.platform.events.CloudEvent;
import org.roentgen.platform.objectstore.ObjectInfo;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreException;
import org.roentgen.platform.objectstore.PutResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one received object durable and says what to answer. The header is parsed as the dataset
 * streams in (Study and Series UIDs name the key), then the object streams on to S3 unchanged
 * behind ingest's own file meta information; as soon as its last byte has arrived, its event goes
 * to Kafka while the upload finishes, and Success is answered only when both have confirmed within
 * the timeout. A re-sent identical object is a duplicate (its event published again, with the same
 * id); different content under the same SOP Instance UID is kept as a new version.
 *
 * <p>Logs name UIDs, AE titles and causes, never patient data.
 */
public final class Ingestor {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
  private static final String CONTENT_TYPE = "application/dicom";

  /**
   * @param timeout bound on S3 and Kafka confirming once the last byte arrived
   * @param maxObjectSize bytes of dataset accepted per object
   * @param headerMemory header bytes kept in memory before spilling to {@code spillDir}
   * @param receiver this instance's name, in events
   */
  public record Settings(
      String bucket,
      Duration timeout,
      long maxObjectSize,
      int headerMemory,
      Path spillDir,
      String receiver) {}

  private final IncomingHeader header;
  private final ObjectStore store;
  private final EventPublisher events;
  private final Settings settings;
  private final IngestMetrics metrics;
  private final Clock clock;

  public Ingestor(
      ObjectStore store,
      EventPublisher events,
      Settings settings,
      IngestMetrics metrics,
      Clock clock) {
    this.header = new IncomingHeader(settings);
    this.store = store;
    this.events = events;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Receives an object from the network and stores it with the durable policy.
   *
   * @param dataset the dataset as it arrives; read here up to where the answer is decided (the
   *     caller drains what is left)
   * @throws IOException only when reading from the sender fails (the association is gone)
   */
  public StoreOutcome receiveDurable(IncomingObject o, InputStream dataset) throws IOException {
    long start = System.nanoTime();
    SenderStream sender = new SenderStream(dataset);
    Received r;
    try {
      r = parse(o, sender);
    } catch (IOException e) {
      throw sender.failure() != null ? senderGone(o, sender, e, start) : e;
    }
    StoreOutcome out;
    long size = 0;
    if (r.failure != null) {
      out = r.failure;
    } else {
      try (HeaderCapture capture = r.capture) {
        InputStream object =
            new SequenceInputStream(new ByteArrayInputStream(r.parsed.meta()), capture.dataset());
        Stored s = persist(o, r.parsed, object, null);
        if (sender.failure() != null) {
          // The upload failed because the sender went away, not because of S3.
          throw senderGone(o, sender, sender.failure(), start);
        }
        out = s.outcome;
        size = s.size;
        if (out.succeeded()) {
          metrics.acknowledged(o.policy(), Duration.ofNanos(System.nanoTime() - s.lastByteNanos));
        }
      }
    }
    metrics.answered(
        o,
        r.parsed == null ? null : r.parsed.modality(),
        out,
        size,
        Duration.ofNanos(System.nanoTime() - start));
    return out;
  }

  /** Counts an object whose sender went away mid-transfer; returns what to throw. */
  private IOException senderGone(IncomingObject o, SenderStream sender, IOException e, long start) {
    IOException cause = sender.failure();
    LOG.info(
        "C-STORE of {} from {}: the sender went away mid-object: {}",
        o.sopInstanceUid(),
        o.source().callingAeTitle(),
        cause.toString());
    metrics.answered(
        o,
        null,
        StoreOutcome.failure(Status.PROCESSING_FAILURE, FailureCause.SENDER, "sender gone"),
        0,
        Duration.ofNanos(System.nanoTime() - start));
    return cause;
  }

  /** The header parsed and the stream positioned, or the failure to answer. */
  record Received(ParsedObject parsed, HeaderCapture capture, StoreOutcome failure) {}

  /** See {@link IncomingHeader#parse}. */
  Received parse(IncomingObject o, InputStream dataset) throws IOException {
    return header.parse(o, dataset);
  }

  /** The result of {@link #persist}: the outcome, the object's size, when its last byte came. */
  public record Stored(StoreOutcome outcome, long size, long lastByteNanos) {}

  /**
   * Uploads {@code object} (meta information and dataset) under the next free version key of its
   * SOP Instance UID and publishes its event, or recognises a duplicate.
   *
   * @param receivedAt when the object was received, or null for "when its last byte is read"
   */
  public Stored persist(IncomingObject o, ParsedObject p, InputStream object, Instant receivedAt) {
    List<ObjectInfo> existing;
    try {
      existing = versions(p.studyInstanceUid(), p.seriesInstanceUid(), o.sopInstanceUid());
    } catch (ObjectStoreException e) {
      return unavailable(o, FailureCause.OBJECT_STORE, e, 0, System.nanoTime());
    }
    int version = existing.size() + 1;
    String key =
        ObjectKeys.of(p.studyInstanceUid(), p.seriesInstanceUid(), o.sopInstanceUid(), version);
    AtomicReference<Instant> received = new AtomicReference<>(receivedAt);
    long[] lastByte = {System.nanoTime()};
    CompletableFuture<InstanceReceived> firstVersion = new CompletableFuture<>();
    ObjectStore.StreamEndListener onEnd =
        (size, sha) -> {
          lastByte[0] = System.nanoTime();
          received.compareAndSet(null, clock.instant());
          if (version == 1) {
            // The usual case: no earlier content, so the event is known now and goes to Kafka
            // while the upload finishes.
            InstanceReceived e =
                event(
                    o,
                    p,
                    new InstanceReceived.StoredObject(settings.bucket(), key, size, sha, 1),
                    null,
                    received.get(),
                    size);
            publish(e).whenComplete((v, t) -> complete(firstVersion, e, t));
          }
        };
    PutResult put;
    long putStart = System.nanoTime();
    try {
      put =
          store.put(
              settings.bucket(),
              key,
              object,
              -1,
              CONTENT_TYPE,
              Map.of("version", "" + version),
              onEnd);
    } catch (ObjectStoreException e) {
      firstVersion.cancel(false);
      if (hasCause(e, ObjectTooLargeException.class)) {
        return new Stored(
            StoreOutcome.failure(
                Status.OUT_OF_RESOURCES, FailureCause.TOO_LARGE, "object too large"),
            0,
            lastByte[0]);
      }
      return unavailable(o, FailureCause.OBJECT_STORE, e, 0, lastByte[0]);
    }
    metrics.dependency("s3", Duration.ofNanos(System.nanoTime() - putStart));
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    if (version == 1) {
      return awaited(o, firstVersion, deadline, put.size(), lastByte[0], false);
    }
    return laterVersion(o, p, put, existing, received.get(), deadline, lastByte[0]);
  }

  private Stored laterVersion(
      IncomingObject o,
      ParsedObject p,
      PutResult put,
      List<ObjectInfo> existing,
      Instant receivedAt,
      long deadline,
      long lastByte) {
    InstanceReceived e;
    boolean duplicate = false;
    try {
      InstanceReceived.StoredObject previous = null;
      InstanceReceived.StoredObject same = null;
      for (int i = 0; i < existing.size(); i++) {
        ObjectInfo info = existing.get(i);
        String sha =
            info.sha256() != null ? info.sha256() : store.sha256(settings.bucket(), info.key());
        InstanceReceived.StoredObject earlier =
            new InstanceReceived.StoredObject(
                settings.bucket(), info.key(), info.size(), sha, i + 1);
        if (sha.equals(put.sha256())) {
          same = earlier;
          break;
        }
        previous = earlier;
      }
      if (same != null) {
        // Identical content is already stored: keep the first copy, publish its event again
        // (same event id, so consumers drop it if they had it).
        store.delete(settings.bucket(), put.key());
        duplicate = true;
        e =
            event(
                o,
                p,
                same,
                same.version() > 1 ? previousOf(existing, same) : null,
                receivedAt,
                same.size());
      } else {
        LOG.info(
            "C-STORE of {} from {}: content differs from the stored version {}; kept as version {}",
            o.sopInstanceUid(),
            o.source().callingAeTitle(),
            existing.size(),
            existing.size() + 1);
        e =
            event(
                o,
                p,
                new InstanceReceived.StoredObject(
                    settings.bucket(), put.key(), put.size(), put.sha256(), existing.size() + 1),
                previous,
                receivedAt,
                put.size());
      }
    } catch (ObjectStoreException ex) {
      return unavailable(o, FailureCause.OBJECT_STORE, ex, put.size(), lastByte);
    }
    CompletableFuture<InstanceReceived> published = new CompletableFuture<>();
    InstanceReceived event = e;
    publish(event).whenComplete((v, t) -> complete(published, event, t));
    return awaited(o, published, deadline, put.size(), lastByte, duplicate);
  }

  private InstanceReceived.StoredObject previousOf(
      List<ObjectInfo> existing, InstanceReceived.StoredObject same) throws ObjectStoreException {
    ObjectInfo info = existing.get(same.version() - 2);
    String sha =
        info.sha256() != null ? info.sha256() : store.sha256(settings.bucket(), info.key());
    return new InstanceReceived.StoredObject(
        settings.bucket(), info.key(), info.size(), sha, same.version() - 1);
  }

  private Stored awaited(
      IncomingObject o,
      CompletableFuture<InstanceReceived> published,
      long deadline,
      long size,
      long lastByte,
      boolean duplicate) {
    try {
      long left = Math.max(0, deadline - System.nanoTime());
      InstanceReceived e = published.get(left, TimeUnit.NANOSECONDS);
      return new Stored(StoreOutcome.success(e, duplicate), size, lastByte);
    } catch (TimeoutException e) {
      return unavailable(o, FailureCause.EVENT_BUS, e, size, lastByte);
    } catch (ExecutionException e) {
      return unavailable(o, FailureCause.EVENT_BUS, e.getCause(), size, lastByte);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable(o, FailureCause.SHUTTING_DOWN, e, size, lastByte);
    }
  }

  private Stored unavailable(
      IncomingObject o, FailureCause cause, Throwable e, long size, long lastByte) {
    LOG.warn(
        "C-STORE of {} from {}: {} failed, answering a failure so the sender retries: {}",
        o.sopInstanceUid(),
        o.source().callingAeTitle(),
        cause.label(),
        String.valueOf(e));
    String comment =
        switch (cause) {
          case OBJECT_STORE -> "object store unavailable, retry later";
          case EVENT_BUS -> "event bus unavailable, retry later";
          case SHUTTING_DOWN -> "receiver shutting down, retry later";
          default -> cause.label();
        };
    return new Stored(
        StoreOutcome.failure(Status.OUT_OF_RESOURCES, cause, comment), size, lastByte);
  }

  /** Existing versions, first to last: the base key, then -v2, -v3... until one is absent. */
  private List<ObjectInfo> versions(String study, String series, String iuid)
      throws ObjectStoreException {
    List<ObjectInfo> found = new ArrayList<>();
    for (int v = 1; ; v++) {
      Optional<ObjectInfo> info =
          store.stat(settings.bucket(), ObjectKeys.of(study, series, iuid, v));
      if (info.isEmpty()) {
        return found;
      }
      found.add(info.get());
    }
  }

  private InstanceReceived event(
      IncomingObject o,
      ParsedObject p,
      InstanceReceived.StoredObject object,
      InstanceReceived.StoredObject previous,
      Instant receivedAt,
      long objectSize) {
    return new InstanceReceived(
        o.sopInstanceUid(),
        o.sopClassUid(),
        p.studyInstanceUid(),
        p.seriesInstanceUid(),
        o.transferSyntaxUid(),
        p.modality(),
        object,
        previous,
        o.source(),
        p.header(),
        p.pixelDataIn(objectSize),
        receivedAt == null ? clock.instant() : receivedAt);
  }

  private CompletableFuture<Void> publish(InstanceReceived e) {
    String id =
        UUID.nameUUIDFromBytes(
                (e.object().key() + "\n" + e.object().sha256()).getBytes(StandardCharsets.UTF_8))
            .toString();
    CloudEvent<InstanceReceived> ce =
        new CloudEvent<>(
            id,
            "/roentgen/ingest/" + settings.receiver(),
            Topics.INSTANCE_RECEIVED.eventType(),
            e.sopInstanceUid(),
            e.receivedAt(),
            e);
    long start = System.nanoTime();
    try {
      return events
          .publish(e.studyInstanceUid(), ce)
          .whenComplete(
              (v, t) -> {
                if (t == null) {
                  metrics.dependency("kafka", Duration.ofNanos(System.nanoTime() - start));
                }
              });
    } catch (RuntimeException ex) {
      return CompletableFuture.failedFuture(ex);
    }
  }

  private static void complete(
      CompletableFuture<InstanceReceived> f, InstanceReceived e, Throwable t) {
    if (t != null) {
      f.completeExceptionally(t);
    } else {
      f.complete(e);
    }
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
