package org.roentgen.stack.child;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL child of roentgen-stack, run by {@link ChildMain}: unpacks the binaries ({@link
 * PostgresBinaries}), creates the cluster on first start, then runs {@code postgres} in the
 * foreground with its log on this JVM's standard output, until this JVM is told to stop.
 *
 * <p>{@code PostgresMain --binaries DIR --data DIR --host HOST --port PORT --user USER --database
 * NAME}
 *
 * <p>The data folder holds the cluster in {@value #CLUSTER}. A first start creates it in {@value
 * #CLUSTER}{@code .init}: {@code initdb} (UTF-8, locale C, the superuser {@code USER} with the
 * password of the file {@value #PASSWORD_FILE}, SCRAM-SHA-256 authentication), then {@code CREATE
 * DATABASE NAME} in single-user mode, then a rename to {@value #CLUSTER}. A cluster folder
 * therefore always holds the database, and an interrupted first start is simply done again. The
 * password file is deleted once the cluster exists.
 *
 * <p>The server listens on {@code HOST:PORT} only (no Unix socket: a socket path can be too long
 * for a deep data folder) in a session of its own ({@code setsid}), so that a Ctrl-C meant for the
 * parent does not reach it. When this JVM shuts down (SIGTERM from the parent, or the lifeline) it
 * asks the server for a fast shutdown (SIGINT: open transactions are rolled back, a checkpoint is
 * written) and waits for it. Under root every PostgreSQL program runs as {@code nobody} ({@link
 * Nobody}).
 */
public final class PostgresMain {
  /** The cluster (PostgreSQL's data directory) in the data folder. */
  public static final String CLUSTER = "pgdata";

  /** The superuser's password for {@code initdb}, written by the parent before a first start. */
  public static final String PASSWORD_FILE = "initdb.password";

  private static final String HBA =
      "# Written by roentgen-stack: every client over TCP signs in with its password (SCRAM).\n"
          + "host all all all scram-sha-256\n";
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private static volatile boolean stopping;

  private PostgresMain() {}

  /**
   * The command line.
   *
   * @param binaries where the binaries are (or are to be) unpacked
   * @param data the data folder
   * @param host the listen address
   * @param port the TCP port
   * @param user the superuser, created by {@code initdb}
   * @param database the database created with the cluster
   */
  record Options(Path binaries, Path data, String host, int port, String user, String database) {

    static Options parse(String... args) {
      Path binaries = null;
      Path data = null;
      String host = null;
      int port = -1;
      String user = null;
      String database = null;
      for (int i = 0; i + 1 < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--binaries" -> binaries = Path.of(value);
          case "--data" -> data = Path.of(value);
          case "--host" -> host = value;
          case "--port" -> port = Integer.parseInt(value);
          case "--user" -> user = value;
          case "--database" -> database = value;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (args.length % 2 != 0
          || binaries == null
          || data == null
          || host == null
          || port < 0
          || user == null
          || database == null) {
        throw new IllegalArgumentException(
            "usage: PostgresMain --binaries DIR --data DIR --host HOST --port PORT --user USER"
                + " --database NAME");
      }
      return new Options(
          binaries.toAbsolutePath(), data.toAbsolutePath(), host, port, user, database);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    try {
      Nobody.requireTools();
      Path home = PostgresBinaries.unpacked(options.binaries());
      reachable(home);
      log("PostgreSQL binaries in " + home);
      Files.createDirectories(options.data());
      Nobody.own(options.data());
      reachable(options.data());
      Path cluster = options.data().resolve(CLUSTER);
      if (Files.isDirectory(cluster)) {
        Nobody.ownTree(cluster);
      } else {
        initialize(home, options);
      }
      Files.deleteIfExists(options.data().resolve(PASSWORD_FILE));
      System.exit(serve(home, cluster, options));
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      log("failed: " + e.getMessage());
      // The parent writes the password again before the next first start.
      Files.deleteIfExists(options.data().resolve(PASSWORD_FILE));
      System.exit(1);
    }
  }

  /** Fails unless the PostgreSQL user can reach {@code path} through its parent folders. */
  private static void reachable(Path path) {
    Nobody.closedAncestor(path)
        .ifPresent(
            closed -> {
              throw new IllegalStateException(Nobody.closedMessage(closed, path));
            });
  }

  /** Creates the cluster with its database, as described above. */
  private static void initialize(Path home, Options options) throws IOException {
    Path init = options.data().resolve(CLUSTER + ".init");
    Path password = options.data().resolve(PASSWORD_FILE);
    if (!Files.isRegularFile(password)) {
      throw new IllegalStateException("no cluster and no " + password + " to create one with");
    }
    deleteTree(init);
    Files.createDirectory(
        init, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Nobody.own(init);
    Nobody.own(password);
    log("creating the cluster in " + options.data().resolve(CLUSTER));
    run(
        "initdb",
        List.of(
            PostgresBinaries.program(home, "initdb").toString(),
            "--pgdata=" + init,
            "--username=" + options.user(),
            "--pwfile=" + password,
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C",
            "--no-instructions"),
        null);
    Path hba = init.resolve("pg_hba.conf");
    Files.writeString(hba, HBA, StandardCharsets.UTF_8);
    Nobody.own(hba);
    run(
        "CREATE DATABASE in single-user mode",
        List.of(
            PostgresBinaries.program(home, "postgres").toString(),
            "--single",
            "-D",
            init.toString(),
            "-c",
            "exit_on_error=true",
            "postgres"),
        "CREATE DATABASE " + options.database() + ";\n");
    Files.move(init, options.data().resolve(CLUSTER), StandardCopyOption.ATOMIC_MOVE);
    log("created the cluster with database " + options.database());
  }

  /**
   * Runs the server until it ends; returns its exit status, or does not return when this JVM shuts
   * down.
   */
  private static int serve(Path home, Path cluster, Options options) throws IOException {
    List<String> command = new ArrayList<>();
    if (Nobody.onPath("setsid").isPresent()) {
      command.add("setsid");
    }
    command.addAll(
        Nobody.command(
            List.of(
                PostgresBinaries.program(home, "postgres").toString(),
                "-D",
                cluster.toString(),
                "-p",
                Integer.toString(options.port()),
                "-c",
                "listen_addresses=" + options.host(),
                "-c",
                "unix_socket_directories=")));
    log("starting postgres on " + options.host() + ":" + options.port());
    Process server = start(command);
    server.getOutputStream().close();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> fastShutdown(home, server), "roentgen-stack-postgres-stop"));
    int status;
    try {
      status = server.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    if (!stopping) {
      log("postgres ended by itself with status " + status);
    }
    return status;
  }

  /** SIGINT to the server (through {@code pg_ctl kill}, as its user), then waits for it. */
  private static void fastShutdown(Path home, Process server) {
    stopping = true;
    if (!server.isAlive()) {
      return;
    }
    log("stopping postgres (fast shutdown)");
    try {
      run(
          "pg_ctl kill INT",
          List.of(
              PostgresBinaries.program(home, "pg_ctl").toString(),
              "kill",
              "INT",
              Long.toString(server.pid())),
          null);
    } catch (IOException | RuntimeException e) {
      log("cannot signal postgres (" + e.getMessage() + "); sending SIGTERM");
      server.destroy();
    }
    try {
      if (server.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log("postgres stopped");
      } else {
        log("postgres still runs after " + STOP_WAIT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs a PostgreSQL program to its end, its output on this JVM's, {@code input} on its standard
   * input.
   *
   * @throws IllegalStateException if it fails or takes too long
   */
  private static void run(String what, List<String> command, String input) throws IOException {
    Process process = start(Nobody.command(command));
    try (OutputStream in = process.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      if (!process.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " took longer than " + TOOL_TIMEOUT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(what + " interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(what + " failed with status " + process.exitValue());
    }
  }

  /** Starts a command with this JVM's output and without the caller's PG* settings. */
  private static Process start(List<String> command) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
    return builder.start();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void log(String line) {
    System.out.println("roentgen-stack postgres: " + line);
    System.out.flush();
  }
}
