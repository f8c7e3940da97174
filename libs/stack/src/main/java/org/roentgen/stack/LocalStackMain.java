package org.roentgen.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The servers of the local stack, in the foreground until Ctrl-C or SIGTERM: Kafka on
 * 127.0.0.1:9092 (controller 9093) with its data in {@code DATA/kafka}, S3Proxy on 127.0.0.1:9000
 * with its buckets in {@code DATA/s3/buckets}, PostgreSQL on 127.0.0.1:5433 with its cluster in
 * {@code DATA/postgres/pgdata}. The S3 keys come from {@code ROENTGEN_S3_ACCESS_KEY} and {@code
 * ROENTGEN_S3_SECRET_KEY} (defaults {@value S3Server#DEFAULT_ACCESS_KEY} and {@value
 * S3Server#DEFAULT_SECRET_KEY}), PostgreSQL's password from {@code ROENTGEN_POSTGRES_PASSWORD}
 * (default {@value PostgresServer#DEFAULT_PASSWORD}; it takes effect when the cluster is created).
 *
 * <p>{@code java -cp roentgen-stack.jar org.roentgen.stack.LocalStackMain [--data DIR]
 * [--kafka-port N] [--kafka-controller-port N] [--s3-port N] [--postgres-port N]}
 *
 * <p>Progress goes to standard error; the endpoints, once all serve, to standard output as {@code
 * KEY=VALUE} lines that a script can read (the secrets are not printed). On SIGTERM or Ctrl-C the
 * servers stop gracefully and the JVM ends with the signal's status (143, 130); 1 if a server
 * failed to start or ended by itself, 2 for a wrong command line.
 */
public final class LocalStackMain {
  /** The Kafka client port of the local stack. */
  public static final int KAFKA_PORT = 9092;

  /** The Kafka controller port of the local stack. */
  public static final int KAFKA_CONTROLLER_PORT = 9093;

  /** The S3 port of the local stack. */
  public static final int S3_PORT = 9000;

  /**
   * The PostgreSQL port of the local stack: 5433, beside the 5432 of a PostgreSQL that the machine
   * may run already.
   */
  public static final int POSTGRES_PORT = 5433;

  private static final String HOST = "127.0.0.1";
  private static final String USAGE =
      "usage: LocalStackMain [--data DIR] [--kafka-port N] [--kafka-controller-port N]"
          + " [--s3-port N] [--postgres-port N]   (defaults: ./data, 9092, 9093, 9000, 5433)";

  private LocalStackMain() {}

  /**
   * The command line.
   *
   * @param data the data folder: {@code kafka/}, {@code s3/} and {@code postgres/} in it
   * @param kafkaPort the Kafka client port
   * @param kafkaControllerPort the KRaft controller port
   * @param s3Port the S3 port
   * @param postgresPort the PostgreSQL port
   */
  record Options(Path data, int kafkaPort, int kafkaControllerPort, int s3Port, int postgresPort) {

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException for an unknown option or a missing or wrong value
     */
    static Options parse(String... args) {
      Path data = Path.of("data");
      int kafka = KAFKA_PORT;
      int controller = KAFKA_CONTROLLER_PORT;
      int s3 = S3_PORT;
      int postgres = POSTGRES_PORT;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--data" -> data = Path.of(value);
          case "--kafka-port" -> kafka = port(value);
          case "--kafka-controller-port" -> controller = port(value);
          case "--s3-port" -> s3 = port(value);
          case "--postgres-port" -> postgres = port(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(data.toAbsolutePath().normalize(), kafka, controller, s3, postgres);
    }

    private static int port(String value) {
      try {
        int port = Integer.parseInt(value);
        if (port > 0 && port < 65536) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("not a port: " + value);
    }
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    KafkaBroker kafka =
        KafkaBroker.builder()
            .host(HOST)
            .port(options.kafkaPort())
            .controllerPort(options.kafkaControllerPort())
            .dataDir(options.data().resolve("kafka"))
            .build();
    S3Server s3 =
        S3Server.builder()
            .host(HOST)
            .port(options.s3Port())
            .dataDir(options.data().resolve("s3"))
            .credentials(
                env("ROENTGEN_S3_ACCESS_KEY", S3Server.DEFAULT_ACCESS_KEY),
                env("ROENTGEN_S3_SECRET_KEY", S3Server.DEFAULT_SECRET_KEY))
            .build();
    PostgresServer postgres =
        PostgresServer.builder()
            .host(HOST)
            .port(options.postgresPort())
            .dataDir(options.data().resolve("postgres"))
            .password(env("ROENTGEN_POSTGRES_PASSWORD", PostgresServer.DEFAULT_PASSWORD))
            .build();
    List<ChildServer> servers = List.of(kafka, s3, postgres);
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  log("stopping");
                  CompletableFuture.allOf(
                          servers.stream()
                              .map(server -> CompletableFuture.runAsync(server::stop))
                              .toArray(CompletableFuture<?>[]::new))
                      .join();
                  log("stopped");
                },
                "roentgen-stack-stop"));
    log("data in " + options.data());
    try {
      CompletableFuture.allOf(
              servers.stream()
                  .map(server -> CompletableFuture.runAsync(() -> start(server)))
                  .toArray(CompletableFuture<?>[]::new))
          .join();
    } catch (CompletionException e) {
      log("failed: " + e.getCause().getMessage());
      System.exit(1);
    }
    System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers());
    System.out.println("S3_ENDPOINT=" + s3.endpoint());
    System.out.println("S3_ACCESS_KEY=" + s3.accessKey());
    System.out.println("POSTGRES_JDBC_URL=" + postgres.jdbcUrl());
    System.out.println("POSTGRES_USER=" + postgres.user());
    System.out.flush();
    log("running; Ctrl-C stops");
    watch(servers, stopping);
  }

  /** Returns when the JVM shuts down; exits with 1 if a server ends by itself before that. */
  private static void watch(List<ChildServer> servers, AtomicBoolean stopping) {
    while (!stopping.get()) {
      for (ChildServer server : servers) {
        if (server.isRunning()) {
          continue;
        }
        if (stopping.get()) {
          return;
        }
        log(server + " ended by itself; stopping the others\n" + server.logTail());
        System.exit(1);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void start(ChildServer server) {
    log("starting " + server);
    server.start();
    log(
        String.format(
            Locale.ROOT, "%s serves (%.1f s)", server, server.startupTime().toMillis() / 1000.0));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void log(String line) {
    System.err.println("roentgen-stack: " + line);
  }
}
