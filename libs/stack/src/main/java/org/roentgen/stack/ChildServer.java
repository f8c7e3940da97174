package org.roentgen.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A server that runs as a child JVM (which may run the server's own processes, as PostgreSQL's
 * does): started, waited for until it serves, stopped gracefully or killed, and started again on
 * the same ports with the same data folder, as often as a test needs.
 *
 * <p>Thread-safe: every lifecycle method is synchronized. The child ends with this JVM (a shutdown
 * hook, and the child's lifeline when this JVM is killed outright).
 */
public abstract sealed class ChildServer implements AutoCloseable
    permits KafkaBroker, S3Server, PostgresServer {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int LOG_LINES = 40;

  private final String server;
  private final Path dataDir;
  private final Duration startupTimeout;
  private final Duration stopTimeout;
  private ChildProcess child;
  private Duration startupTime = Duration.ZERO;

  ChildServer(String server, Path dataDir, Duration startupTimeout, Duration stopTimeout) {
    this.server = server;
    this.dataDir = dataDir.toAbsolutePath();
    this.startupTimeout = startupTimeout;
    this.stopTimeout = stopTimeout;
  }

  /** Writes the configuration and prepares the data folder; runs before every start. */
  abstract void prepare();

  /** The child to run. */
  abstract ChildProcess.Spec spec();

  /** True once the started child serves requests; called repeatedly while it starts. */
  abstract boolean ready();

  /** The log files whose last lines explain a failure. */
  abstract List<Path> logFiles();

  /**
   * Starts the server, or starts it again after {@link #stop()} or {@link #kill()}, on the same
   * ports with the same data folder, and returns once it serves. Does nothing if it runs.
   *
   * @throws StackException if it exits or does not serve within the start-up timeout; the message
   *     ends with the last lines of its log
   */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    long begin = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StackException(server, "cannot create " + dataDir, e);
    }
    prepare();
    child = ChildProcess.start(spec());
    long deadline = begin + startupTimeout.toNanos();
    while (!ready()) {
      if (!child.isAlive()) {
        throw failure("exited with status " + child.exitValue() + " while starting");
      }
      if (System.nanoTime() - deadline > 0) {
        child.kill();
        throw failure("did not serve within " + startupTimeout.toSeconds() + " s");
      }
      sleep(POLL);
    }
    startupTime = Duration.ofNanos(System.nanoTime() - begin);
  }

  /**
   * Stops the server gracefully: SIGTERM, then waits for it to close its files (up to the stop
   * timeout, then SIGKILL). Does nothing if it is not running.
   */
  public synchronized void stop() {
    if (child != null) {
      child.terminate(stopTimeout);
      child = null;
    }
  }

  /**
   * Kills the server at once with SIGKILL, as a crash would, and waits until it is gone. Does
   * nothing if it is not running.
   */
  public synchronized void kill() {
    if (child != null) {
      child.kill();
      child = null;
    }
  }

  /** Stops the server; see {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** True if the child JVM is running (started, and neither stopped, killed nor crashed). */
  public synchronized boolean isRunning() {
    return child != null && child.isAlive();
  }

  /** The process id of the running child JVM, if it runs. */
  public synchronized OptionalLong pid() {
    return isRunning() ? OptionalLong.of(child.pid()) : OptionalLong.empty();
  }

  /**
   * The processes the running child JVM started, and theirs (PostgreSQL's server and backends);
   * empty if it does not run.
   */
  synchronized List<ProcessHandle> descendants() {
    return isRunning() ? child.descendants() : List.of();
  }

  /** The server's data folder; it outlives stops and kills. */
  public Path dataDir() {
    return dataDir;
  }

  /** How long the last {@link #start()} took until the server served. */
  public synchronized Duration startupTime() {
    return startupTime;
  }

  /** The last lines of the server's logs, for a test's own failure messages. */
  public String logTail() {
    return Logs.tail(logFiles(), LOG_LINES);
  }

  StackException failure(String message) {
    return new StackException(server, message, logTail(), null);
  }

  /** Creates {@code dir} if needed. */
  static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("stack", "interrupted", e);
    }
  }
}
