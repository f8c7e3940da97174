package org.roentgen.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.AssociationRequest;

/**
 * DCMTK's Modality Worklist SCP {@code wlmscpfs} serving {@link WorklistFiles} on a free port of
 * the loopback interface, for integration tests. It can be {@link #stop() stopped} and {@link
 * #start() started} again on the same port to simulate an outage.
 *
 * <p>It runs in wlmscpfs's default mode, a child process per association (so several associations
 * are served at once), and with {@code -csk}: the Specific Character Set of the file is returned
 * with its values. Without it wlmscpfs returns the file's bytes unchanged but drops (or, with
 * {@code -cs1}, replaces) the Specific Character Set, so non-ASCII names arrive mislabelled. It
 * runs with {@code TCP_NODELAY=1} (DCMTK reads it from the environment): without it, its small
 * writes wait for delayed acknowledgements and a C-FIND takes some 50 ms instead of 2 ms. Tests
 * fail (never skip) when DCMTK is not installed.
 */
public final class WorklistScp implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(15);
  private static final Duration SHUTDOWN = Duration.ofSeconds(10);

  private final WorklistFiles files;
  private final Path log;
  private final List<String> options;
  private int port;
  private Process process;

  private WorklistScp(WorklistFiles files, Path log, List<String> options) {
    this.files = files;
    this.log = log;
    this.options = List.copyOf(options);
  }

  /**
   * Starts wlmscpfs on {@code files} with its log in {@code log}, and waits until it answers
   * C-ECHO.
   *
   * @param options more wlmscpfs options (for example {@code --sleep-before 5})
   */
  public static WorklistScp start(WorklistFiles files, Path log, String... options)
      throws IOException {
    WorklistScp scp = new WorklistScp(files, log, List.of(options));
    // A free port may be taken between our probe and wlmscpfs's bind: then try another.
    for (int attempt = 1; ; attempt++) {
      scp.port = freePort();
      try {
        scp.start();
        return scp;
      } catch (IllegalStateException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** The called AE title it answers to. */
  public String aeTitle() {
    return files.aeTitle();
  }

  public WorklistFiles files() {
    return files;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts it (again) on the same port and waits until it answers C-ECHO. */
  public synchronized void start() throws IOException {
    if (isRunning()) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of("wlmscpfs", "-csk", "-dhl"));
    cmd.addAll(options);
    cmd.addAll(List.of("-dfp", files.dataFolder().toString(), String.valueOf(port)));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("TCP_NODELAY", "1");
      process =
          pb.redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run wlmscpfs (is DCMTK installed?)", e);
    }
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "wlmscpfs exited with " + process.exitValue() + " on port " + port + ":\n" + log());
      }
      if (answersEcho()) {
        return;
      }
      pause();
    }
    stop();
    throw new IllegalStateException(
        "wlmscpfs did not answer C-ECHO on port " + port + ":\n" + log());
  }

  /**
   * Stops wlmscpfs and the children serving open associations (they would go on answering), and
   * waits until the port refuses connections.
   */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    // The children serve open associations: killed outright, as in a crash of the host.
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroyForcibly);
    process.destroy();
    try {
      if (!process.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    process = null;
    long deadline = System.nanoTime() + SHUTDOWN.toNanos();
    while (accepts() || children.stream().anyMatch(WorklistScp::running)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("wlmscpfs still runs or its port accepts after stopping");
      }
      pause();
    }
  }

  /** Alive and not a zombie (which has closed its sockets and waits only to be reaped). */
  private static boolean running(ProcessHandle p) {
    if (!p.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
      // pid (comm) state ...: the state follows the last ')'.
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** What wlmscpfs printed so far (for assertion messages; test data only). */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private boolean answersEcho() {
    AssociationRequest rq =
        AssociationRequest.of(files.aeTitle(), "ECHO_PROBE")
            .withContext(UID.Verification, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
    AssociationOptions o =
        AssociationOptions.defaults()
            .withConnectTimeout(Duration.ofSeconds(1))
            .withAssociationTimeout(Duration.ofSeconds(2))
            .withReleaseTimeout(Duration.ofSeconds(2));
    try (DimseClient c = DimseClient.connect(rq, host(), port, o, Duration.ofSeconds(2))) {
      return c.echo().status() == Status.SUCCESS.code();
    } catch (IOException notYet) {
      return false;
    }
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host(), port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A TCP port free now on this machine. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
