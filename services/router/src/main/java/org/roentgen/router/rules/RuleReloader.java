package org.roentgen.router.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The rules of a file, reloaded when the file changes. Every {@code interval} the file is read and
 * hashed (rule files are small; a modification time alone misses edits within its resolution and
 * some volume mounts, and WatchService misses changes on network and container filesystems). A new
 * content that is valid replaces the rules in force at once; an invalid one is refused with its
 * errors, which {@link #status()} keeps, and the old rules stay in force. The same refused content
 * is not parsed or reported again.
 *
 * <p>Thread-safe: {@link #current()} reads a volatile reference to an immutable {@link RuleSet};
 * checks are serialised.
 */
public final class RuleReloader implements RuleSource, AutoCloseable {
  /** What a check found. */
  public enum Outcome {
    /** The content is the one in force, or the one refused last. */
    UNCHANGED,
    /** A new valid content is in force. */
    RELOADED,
    /** A new content was refused; the old rules stay in force. */
    REFUSED
  }

  /** Told of each reload and refusal (for logs and metrics); called on the checking thread. */
  public interface Listener {
    default void reloaded(RuleSet rules) {}

    default void refused(String file, List<RuleError> errors) {}
  }

  private final Path file;
  private final RuleFileParser parser;
  private final Clock clock;
  private final Listener listener;
  private volatile RuleSet current;
  private volatile RuleStatus status;
  private ScheduledExecutorService timer;

  private RuleReloader(
      Path file, RuleFileParser parser, Clock clock, Listener listener, RuleSet first) {
    this.file = file;
    this.parser = parser;
    this.clock = clock;
    this.listener = listener;
    this.current = first;
    Instant now = clock.instant();
    this.status =
        new RuleStatus(file.toString(), first.sha256(), first.size(), now, now, 1, 0, null);
  }

  /**
   * Loads the file; it must be valid (a router without rules would route nothing).
   *
   * @throws RuleFileException with every problem of the file
   */
  public static RuleReloader open(Path file, RuleFileParser parser, Clock clock, Listener listener)
      throws IOException, RuleFileException {
    Objects.requireNonNull(listener, "listener");
    RuleSet first = parser.parse(RuleFileParser.read(file), file.toString());
    listener.reloaded(first);
    return new RuleReloader(file, parser, clock, listener, first);
  }

  @Override
  public RuleSet current() {
    return current;
  }

  public RuleStatus status() {
    return status;
  }

  /** Reads the file now and reloads or refuses a new content. */
  public synchronized Outcome check() {
    Instant now = clock.instant();
    RuleStatus s = status;
    byte[] bytes;
    try {
      bytes = RuleFileParser.read(file);
    } catch (IOException e) {
      String problem =
          "cannot read the rule file: " + e.getClass().getSimpleName() + ": " + e.getMessage();
      return refuse(null, List.of(new RuleError(0, 0, problem)), now);
    }
    String hash = RuleFileParser.sha256(bytes);
    if (hash.equals(current.sha256())) {
      status = withChecked(s, now, null, s.refusals());
      return Outcome.UNCHANGED;
    }
    if (s.refused() != null && hash.equals(s.refused().sha256())) {
      status = withChecked(s, now, s.refused(), s.refusals());
      return Outcome.UNCHANGED;
    }
    RuleSet next;
    try {
      next = parser.parse(bytes, file.toString());
    } catch (RuleFileException e) {
      return refuse(hash, e.errors(), now);
    }
    current = next;
    status =
        new RuleStatus(
            file.toString(),
            next.sha256(),
            next.size(),
            now,
            now,
            s.reloads() + 1,
            s.refusals(),
            null);
    listener.reloaded(next);
    return Outcome.RELOADED;
  }

  private Outcome refuse(String hash, List<RuleError> errors, Instant now) {
    RuleStatus s = status;
    if (s.refused() != null
        && Objects.equals(hash, s.refused().sha256())
        && errors.equals(s.refused().errors())) {
      status = withChecked(s, now, s.refused(), s.refusals());
      return Outcome.UNCHANGED;
    }
    status = withChecked(s, now, new RuleStatus.Refused(hash, now, errors), s.refusals() + 1);
    listener.refused(file.toString(), errors);
    return Outcome.REFUSED;
  }

  private static RuleStatus withChecked(
      RuleStatus s, Instant now, RuleStatus.Refused refused, long refusals) {
    return new RuleStatus(
        s.file(), s.sha256(), s.ruleCount(), s.loadedAt(), now, s.reloads(), refusals, refused);
  }

  /** Starts checking every {@code interval} on a daemon thread of its own. */
  public synchronized void start(Duration interval) {
    if (timer != null) {
      throw new IllegalStateException("already started");
    }
    long millis = interval.toMillis();
    if (millis <= 0) {
      throw new IllegalArgumentException("the interval must be positive");
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rule-reloader");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  private synchronized void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      // A failed check must not end the schedule; the next one tries again.
      refuse(null, List.of(new RuleError(0, 0, "check failed: " + e)), clock.instant());
    }
  }

  /** Stops the checks; the rules in force stay readable. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
