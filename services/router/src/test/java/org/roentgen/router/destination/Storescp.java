package org.roentgen.router.destination;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.io.DicomFile;

/**
 * DCMTK's storescp (the real program) on a free port, a process per association (--fork, as a PACS
 * serves several at once), verbose so that its log shows each association, in bit-preserving mode
 * (+B: the data set written as received) with unique file names; with {@code TCP_NODELAY=1}, as the
 * benchmarks run it.
 */
final class Storescp implements AutoCloseable {
  static final String AE_TITLE = "STORESCP";

  private final Process process;
  private final Path dir;
  private final Path log;
  private final int port;

  /** Starts storescp with extra options (e.g. {@code +xi}: implicit VR little endian only). */
  Storescp(Path work, String... options) throws IOException, InterruptedException {
    this.dir = Files.createDirectories(work.resolve("received"));
    this.log = work.resolve("storescp.log");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "env", "TCP_NODELAY=1", "storescp", "--fork", "-v", "+B", "+uf", "-aet", AE_TITLE));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("-od", dir.toString(), Integer.toString(port)));
    process =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    for (int i = 0; i < 100; i++) {
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IOException("storescp exited: " + log());
        }
        Thread.sleep(50);
      }
    }
    throw new IOException("storescp did not start on port " + port);
  }

  int port() {
    return port;
  }

  DicomDestinationSettings destination(String name) {
    return DicomDestinationSettings.of(name, AE_TITLE, "127.0.0.1", port);
  }

  /** The received files. */
  List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The received file of an instance. */
  Path file(String sopInstanceUid) throws IOException {
    for (Path f : files()) {
      if (sopInstanceUid.equals(DicomFile.readHeader(f).dataset().getString(Tag.SOPInstanceUID))) {
        return f;
      }
    }
    throw new AssertionError("storescp did not receive " + sopInstanceUid + "\n" + log());
  }

  /** The log so far. */
  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Associations storescp accepted, by its log. */
  int associations() {
    return count("Association Acknowledged");
  }

  int count(String text) {
    Matcher m = Pattern.compile(Pattern.quote(text)).matcher(log());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
