package org.roentgen.ingest.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * DCMTK's storescp in bit-preserving mode (+B: the PDVs written to file as received): the reference
 * for "the dataset sent", since storescu re-encodes some files as it sends them.
 */
final class Storescp implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;

  Storescp(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    Files.createDirectories(dir);
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    process =
        new ProcessBuilder(
                "env",
                "TCP_NODELAY=1",
                "storescp",
                "+B",
                "+xa",
                "+uf",
                "-aet",
                "ROENTGEN",
                "-od",
                dir.toString(),
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      try {
        new java.net.Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IOException("storescp did not start on port " + port);
  }

  int port() {
    return port;
  }

  /** The files received so far. */
  List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(Files::isRegularFile).toList());
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
