package org.roentgen.ingest.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.dicom.net.dimse.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code spool} acknowledgement policy: a received object is written to the local spool volume
 * and fsync'd before Success; {@link SpoolUploader} then moves it to S3 and Kafka. An entry is two
 * files: {@code <id>.json} (who sent what, when) and {@code <id>.dcm} (the Part 10 object as it
 * will be stored). The rename of the {@code .dcm} is the commit: anything without it was never
 * acknowledged and is removed on start.
 */
public final class Spool {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  static final String OBJECT = ".dcm";
  static final String SIDECAR = ".json";
  static final String PARTIAL = ".part";

  /** The sidecar of an entry. */
  public record Entry(
      String sopClassUid,
      String sopInstanceUid,
      String transferSyntaxUid,
      InstanceReceived.Source source,
      Instant receivedAt) {
    IncomingObject incoming() {
      return new IncomingObject(
          sopClassUid, sopInstanceUid, transferSyntaxUid, source, AckPolicy.SPOOL);
    }
  }

  /** Told of each committed entry (the uploader's queue). */
  @FunctionalInterface
  public interface Listener {
    void committed(Path object);
  }

  private final Path dir;
  private final Ingestor ingestor;
  private final IngestMetrics metrics;
  private final Clock clock;
  private volatile Listener listener = p -> {};

  public Spool(Path dir, Ingestor ingestor, IngestMetrics metrics, Clock clock) throws IOException {
    this.dir = dir;
    this.ingestor = ingestor;
    this.metrics = metrics;
    this.clock = clock;
    Files.createDirectories(dir);
  }

  public Path dir() {
    return dir;
  }

  public void listener(Listener l) {
    this.listener = l;
  }

  /** Receives an object from the network: Success once it is on the spool volume. */
  public StoreOutcome receive(IncomingObject o, InputStream dataset) throws IOException {
    long start = System.nanoTime();
    Ingestor.Received r = ingestor.parse(o, dataset);
    StoreOutcome out;
    long size = 0;
    if (r.failure() != null) {
      out = r.failure();
    } else {
      String id = UUID.randomUUID().toString();
      Path part = dir.resolve(id + PARTIAL);
      Path sidecar = dir.resolve(id + SIDECAR);
      try (HeaderCapture capture = r.capture()) {
        long lastByte;
        try (FileChannel ch =
                FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream file = Channels.newOutputStream(ch)) {
          size = copy(new ByteArrayInputStream(r.parsed().meta()), file);
          size += copy(capture.dataset(), file);
          lastByte = System.nanoTime();
          ch.force(true);
        }
        Entry entry =
            new Entry(
                o.sopClassUid(),
                o.sopInstanceUid(),
                o.transferSyntaxUid(),
                o.source(),
                clock.instant());
        writeDurably(sidecar, EventJson.mapper().writeValueAsBytes(entry));
        Path object = dir.resolve(id + OBJECT);
        Files.move(part, object, StandardCopyOption.ATOMIC_MOVE);
        forceDir();
        out = StoreOutcome.success(null, false);
        metrics.acknowledged(AckPolicy.SPOOL, Duration.ofNanos(System.nanoTime() - lastByte));
        listener.committed(object);
      } catch (ObjectTooLargeException e) {
        cleanUp(part, sidecar);
        out =
            StoreOutcome.failure(
                Status.OUT_OF_RESOURCES, FailureCause.TOO_LARGE, "object too large");
      } catch (SenderException e) {
        cleanUp(part, sidecar);
        throw e.getCause();
      } catch (IOException e) {
        cleanUp(part, sidecar);
        LOG.error("spool write of {} failed: {}", o.sopInstanceUid(), e.toString());
        out =
            StoreOutcome.failure(
                Status.OUT_OF_RESOURCES, FailureCause.SPOOL, "spool unavailable, retry later");
      }
    }
    metrics.answered(
        o,
        r.parsed() == null ? null : r.parsed().modality(),
        out,
        size,
        Duration.ofNanos(System.nanoTime() - start));
    return out;
  }

  /** A read from the sender failed: the association is gone, nothing to answer. */
  private static final class SenderException extends IOException {
    SenderException(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /** Copies to the spool file; read failures other than the size limit are the sender's. */
  private static long copy(InputStream in, OutputStream file) throws IOException {
    byte[] buf = new byte[256 * 1024];
    long total = 0;
    while (true) {
      int n;
      try {
        n = in.read(buf);
      } catch (ObjectTooLargeException e) {
        throw e;
      } catch (IOException e) {
        throw new SenderException(e);
      }
      if (n < 0) {
        return total;
      }
      file.write(buf, 0, n);
      total += n;
    }
  }

  private static void cleanUp(Path part, Path sidecar) {
    try {
      Files.deleteIfExists(part);
      Files.deleteIfExists(sidecar);
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", part.getFileName(), e.toString());
    }
  }

  /**
   * Committed entries, oldest first, after removing what was never acknowledged (partial objects,
   * sidecars without an object).
   */
  public List<Path> recover() throws IOException {
    List<Path> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(PARTIAL)) {
          Files.deleteIfExists(p);
        } else if (name.endsWith(SIDECAR)) {
          if (!Files.exists(sibling(p, OBJECT))) {
            Files.deleteIfExists(p);
          }
        } else if (name.endsWith(OBJECT)) {
          if (Files.exists(sibling(p, SIDECAR))) {
            objects.add(p);
          } else {
            // An object without its sidecar cannot be: the sidecar is durable first.
            LOG.error("spool object {} has no sidecar; left in place for review", name);
          }
        }
      }
    }
    objects.sort(
        (a, b) -> {
          try {
            return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
          } catch (IOException e) {
            return a.compareTo(b);
          }
        });
    return objects;
  }

  /** Reads the sidecar of a committed object. */
  Entry entryOf(Path object) throws IOException {
    return EventJson.mapper().readValue(sibling(object, SIDECAR).toFile(), Entry.class);
  }

  /** Removes an entry that is now in S3 and on Kafka. */
  void remove(Path object) throws IOException {
    Files.deleteIfExists(object);
    Files.deleteIfExists(sibling(object, SIDECAR));
  }

  /** Moves an entry that can never be stored to {@code failed/}, with the reason beside it. */
  void quarantine(Path object, String reason) throws IOException {
    Path failed = dir.resolve("failed");
    Files.createDirectories(failed);
    Files.move(object, failed.resolve(object.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    Path sidecar = sibling(object, SIDECAR);
    Files.move(sidecar, failed.resolve(sidecar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(failed.resolve(object.getFileName() + ".reason.txt"), reason + "\n");
  }

  static Path sibling(Path p, String suffix) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return p.resolveSibling(name.substring(0, dot) + suffix);
  }

  private void writeDurably(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + PARTIAL);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private void forceDir() throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}
