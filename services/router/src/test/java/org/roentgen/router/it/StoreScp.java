package org.roentgen.router.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;

/**
 * DCMTK's storescp (the real program) as a destination of the running router: on a port fixed at
 * construction, so that it can be stopped and started again on the same address (an outage), a
 * process per association ({@code --fork}), bit-preserving ({@code +B}) with unique file names,
 * verbose, and with {@code TCP_NODELAY=1} in its environment as the benchmarks run it. Stopping
 * kills the listener and every association's child, so that no pooled association survives.
 */
final class StoreScp implements AutoCloseable {
  static final String AE_TITLE = "STORESCP";
  private static final Duration STARTUP = Duration.ofSeconds(10);

  private final Path dir;
  private final Path log;
  private final int port;
  private Process process;

  private StoreScp(Path work, int port) throws IOException {
    this.dir = Files.createDirectories(work.resolve("received"));
    this.log = work.resolve("storescp.log");
    this.port = port;
  }

  /** A storescp on a free port, started. */
  static StoreScp start(Path work) throws IOException, InterruptedException {
    return start(work, freePort());
  }

  /** A storescp on {@code port}, started. */
  static StoreScp start(Path work, int port) throws IOException, InterruptedException {
    StoreScp scp = new StoreScp(work, port);
    scp.start();
    return scp;
  }

  /** A port free a moment ago (the caller binds it soon, or keeps it unanswered). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  /** Starts the listener (again) and waits until it accepts connections. */
  synchronized void start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      return;
    }
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (true) {
      ProcessBuilder pb =
          new ProcessBuilder(
                  "storescp",
                  "--fork",
                  "-v",
                  "+B",
                  "+uf",
                  "-aet",
                  AE_TITLE,
                  "-od",
                  dir.toString(),
                  Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().put("TCP_NODELAY", "1");
      process = pb.start();
      while (System.nanoTime() < deadline && process.isAlive()) {
        if (accepts()) {
          return;
        }
        Thread.sleep(50);
      }
      if (System.nanoTime() >= deadline) {
        stop();
        throw new IOException("storescp did not start on port " + port + ":\n" + log());
      }
      // It exited: the port is still held by the previous run's sockets; try again.
      Thread.sleep(200);
    }
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Stops the listener and the children serving associations. */
  synchronized void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    for (ProcessHandle c : children) {
      try {
        c.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        c.destroyForcibly();
      }
    }
    process = null;
  }

  /** The received files, oldest name first. */
  List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The received files by the SOP Instance UID of their data set. */
  Map<String, List<Path>> bySop() throws IOException {
    Map<String, List<Path>> out = new LinkedHashMap<>();
    for (Path f : files()) {
      String sop = DicomFile.readHeader(f).dataset().getString(Tag.SOPInstanceUID);
      out.computeIfAbsent(sop, k -> new ArrayList<>()).add(f);
    }
    return out;
  }

  /** The one received file of an instance. */
  Path file(String sopInstanceUid) throws IOException {
    List<Path> files = bySop().get(sopInstanceUid);
    if (files == null || files.size() != 1) {
      throw new AssertionError(
          "storescp on port "
              + port
              + " received "
              + (files == null ? 0 : files.size())
              + " files of "
              + sopInstanceUid
              + "\n"
              + log());
    }
    return files.get(0);
  }

  /** The log so far. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
