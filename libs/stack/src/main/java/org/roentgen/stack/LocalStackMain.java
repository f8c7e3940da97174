package org.roentgen.stack;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The servers of the local stack, in the foreground until Ctrl-C or SIGTERM: Kafka on
 * 127.0.0.1:9092 (controller 9093) with its data in {@code DATA/kafka}, S3Proxy on 127.0.0.1:9000
 * with its buckets in {@code DATA/s3}. The S3 keys come from {@code ROENTGEN_S3_ACCESS_KEY} and
 * {@code ROENTGEN_S3_SECRET_KEY} (defaults {@value S3Server#DEFAULT_ACCESS_KEY} and {@value
 * S3Server#DEFAULT_SECRET_KEY}).
 *
 * <p>{@code java -cp roentgen-stack.jar org.roentgen.stack.LocalStackMain [--data DIR]}
 *
 * <p>Progress goes to standard error; the endpoints, once both serve, to standard output as {@code
 * KEY=VALUE} lines that a script can read. Exit status: 0 after a signal, 1 if a server failed or
 * ended by itself, 2 for a wrong command line.
 */
public final class LocalStackMain {
  /** The Kafka client port of the local stack. */
  public static final int KAFKA_PORT = 9092;

  /** The Kafka controller port of the local stack. */
  public static final int KAFKA_CONTROLLER_PORT = 9093;

  /** The S3 port of the local stack. */
  public static final int S3_PORT = 9000;

  private static final String HOST = "127.0.0.1";

  private LocalStackMain() {}

  public static void main(String[] args) {
    Path data = Path.of("data");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--data") && i + 1 < args.length) {
        data = Path.of(args[++i]);
      } else {
        System.err.println("usage: LocalStackMain [--data DIR]   (default DIR: ./data)");
        System.exit(args[i].equals("--help") ? 0 : 2);
      }
    }
    data = data.toAbsolutePath().normalize();
    KafkaBroker kafka =
        KafkaBroker.builder()
            .host(HOST)
            .port(KAFKA_PORT)
            .controllerPort(KAFKA_CONTROLLER_PORT)
            .dataDir(data.resolve("kafka"))
            .build();
    S3Server s3 =
        S3Server.builder()
            .host(HOST)
            .port(S3_PORT)
            .dataDir(data.resolve("s3"))
            .credentials(
                env("ROENTGEN_S3_ACCESS_KEY", S3Server.DEFAULT_ACCESS_KEY),
                env("ROENTGEN_S3_SECRET_KEY", S3Server.DEFAULT_SECRET_KEY))
            .build();
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  log("stopping");
                  CompletableFuture.allOf(
                          CompletableFuture.runAsync(kafka::stop),
                          CompletableFuture.runAsync(s3::stop))
                      .join();
                  log("stopped");
                },
                "roentgen-stack-stop"));
    log("data in " + data);
    try {
      CompletableFuture.allOf(
              CompletableFuture.runAsync(() -> start(kafka)),
              CompletableFuture.runAsync(() -> start(s3)))
          .join();
    } catch (CompletionException e) {
      log("failed: " + e.getCause().getMessage());
      System.exit(1);
    }
    System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers());
    System.out.println("S3_ENDPOINT=" + s3.endpoint());
    System.out.println("S3_ACCESS_KEY=" + s3.accessKey());
    System.out.flush();
    log("running; Ctrl-C stops");
    while (!stopping.get()) {
      if (!kafka.isRunning() || !s3.isRunning()) {
        if (stopping.get()) {
          return;
        }
        ChildServer ended = kafka.isRunning() ? s3 : kafka;
        log(ended + " ended by itself; stopping the other\n" + ended.logTail());
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
