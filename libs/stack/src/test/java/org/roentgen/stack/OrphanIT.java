package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child server does not outlive its parent JVM even when the parent is killed with SIGKILL and
 * runs no shutdown hook: the lifeline ends it, and with it the processes it runs (PostgreSQL's).
 */
class OrphanIT {

  @Test
  void aChildEndsWhenItsParentIsKilled(@TempDir Path data) throws Exception {
    try (Parent parent = Parent.start("s3", data)) {

      parent.killAndAssertItsProcessesEnd();
    }
  }

  @Test
  void postgresEndsWhenTheParentOfItsChildJvmIsKilled(@TempDir Path data) throws Exception {
    // Under root PostgreSQL runs as nobody, who must pass through the folders to its data.
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
    try (Parent parent = Parent.start("postgres", data.resolve("pg"))) {
      long postmaster =
          Long.parseLong(Files.readAllLines(data.resolve("pg/pgdata/postmaster.pid")).get(0));
      assertThat(parent.processes)
          .extracting(ProcessHandle::pid)
          .as("PostgreSQL's server among the processes of the child")
          .contains(postmaster);

      parent.killAndAssertItsProcessesEnd();
    }
    assertThat(Files.readString(data.resolve("pg/postgres.log")))
        .contains("database system is shut down");
  }

  /**
   * A parent JVM that runs a server, and the processes of its child. Closing kills it, so that a
   * failed assertion leaves no parent behind (it holds the test JVM's standard error).
   */
  private record Parent(Process process, List<ProcessHandle> processes) implements AutoCloseable {

    static Parent start(String server, Path data) throws Exception {
      Process parent =
          new ProcessBuilder(
                  ChildProcess.javaBinary(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  ParentMain.class.getName(),
                  server,
                  data.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      List<ProcessHandle> processes = new ArrayList<>();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
        String line = out.readLine();
        assertThat(line).as("the parent's report of its child").startsWith("child ");
        // The child first, then those of its processes that still run (a backend may have ended).
        Stream.of(line.substring("child ".length()).split(" "))
            .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)).stream())
            .forEach(processes::add);
        assertThat(processes).isNotEmpty();
        assertThat(processes.get(0).isAlive()).isTrue();
      } catch (Exception | AssertionError e) {
        parent.destroyForcibly();
        throw e;
      }
      return new Parent(parent, processes);
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }

    /** SIGKILL to the parent; its child and the child's processes end within 40 s. */
    void killAndAssertItsProcessesEnd() throws Exception {
      process.destroyForcibly();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

      for (ProcessHandle p : processes) {
        Optional<ProcessHandle> gone =
            Optional.ofNullable(p.onExit().completeOnTimeout(null, 40, TimeUnit.SECONDS).join());
        assertThat(gone).as("the orphaned process %d ended", p.pid()).isPresent();
      }
    }
  }

  /**
   * A parent that starts a server ({@code s3} or {@code postgres}) with its data in the given
   * folder (the test's, since a killed parent deletes no temporary folder), prints the pids of its
   * child and of the processes that child runs, and waits to be killed.
   */
  public static final class ParentMain {
    private ParentMain() {}

    public static void main(String[] args) throws Exception {
      Path data = Path.of(args[1]);
      ChildServer server =
          args[0].equals("postgres")
              ? PostgresServer.builder().dataDir(data).build()
              : S3Server.builder().dataDir(data).build();
      server.start();
      StringBuilder line = new StringBuilder("child ").append(server.pid().orElseThrow());
      server.descendants().forEach(p -> line.append(' ').append(p.pid()));
      System.out.println(line);
      System.out.flush();
      Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
  }
}
