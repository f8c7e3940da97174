package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.stack.child.Nobody;

/** A PostgreSQL server that cannot start says why, and leaves no process behind. */
class PostgresStartFailureIT {

  @Test
  void underRootAFolderClosedToNobodyIsNamedBeforeAnythingRuns(@TempDir Path tmp) throws Exception {
    assumeTrue(Nobody.root(), "only under root does PostgreSQL run as nobody");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    Path closed =
        Files.createDirectory(
            tmp.resolve("closed"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try (PostgresServer pg = PostgresServer.builder().dataDir(closed.resolve("pg")).build()) {

      assertThatThrownBy(pg::start)
          .isInstanceOf(StackException.class)
          .hasMessageStartingWith("postgres: " + closed + " is closed to uid 65534")
          .hasMessageContaining("chmod o+x " + closed);

      assertThat(pg.isRunning()).isFalse();
      assertThat(pg.clusterDir()).doesNotExist();
    }
  }

  @Test
  void aServerWhosePortIsTakenFailsWithTheTailOfItsLog() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        PostgresServer pg = PostgresServer.builder().port(taken.getLocalPort()).build()) {

      assertThatThrownBy(pg::start)
          .isInstanceOf(StackException.class)
          .hasMessageContaining("postgres: exited with status")
          .hasMessageContaining("could not bind IPv4 address");

      assertThat(pg.isRunning()).isFalse();
    }
  }
}
