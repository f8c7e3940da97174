package org.roentgen.stack;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A single-node Apache Kafka broker in KRaft mode (one process that is broker and controller), run
 * as a child JVM from the Kafka artifacts of Maven Central, so Kafka's Scala and Jackson never meet
 * the class path of the test or application that starts it.
 *
 * <p>The first start formats the data folder ({@code kafka.tools.StorageTool format}, a new cluster
 * id); every start writes {@code server.properties} and a log4j2 configuration into it and runs
 * {@code kafka.Kafka}, then waits until an Admin client's describeCluster answers. Its data folder
 * holds:
 *
 * <ul>
 *   <li>{@code kafka-logs/}: the partitions and metadata log ({@code log.dirs})
 *   <li>{@code broker.log}: the broker's log; {@code broker.out}: what the JVM printed
 *   <li>{@code server.properties}, {@code log4j2.properties}: as written by the last start
 * </ul>
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.builder().build()) {
 *   kafka.start();
 *   producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 *   ...
 *   kafka.kill();   // a crash; data written so far is on disk
 *   kafka.start();  // the same port, the same data
 * }
 * }</pre>
 */
public final class KafkaBroker extends ChildServer {
  /** The server's name in messages and in the class path resource. */
  public static final String SERVER = "kafka";

  private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
  private static final String BROKER_MAIN = "kafka.Kafka";
  private static final String STDOUT = "broker.out";
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

  private final String host;
  private final int port;
  private final int controllerPort;
  private final int partitions;
  private final boolean autoCreateTopics;
  private final String maxHeap;
  private final Map<String, String> extra;

  private KafkaBroker(Builder b, Path dataDir) {
    super(SERVER, dataDir, b.startupTimeout, b.stopTimeout);
    this.host = b.host;
    this.port = b.port == 0 ? Ports.free(b.host) : b.port;
    this.controllerPort = b.controllerPort == 0 ? Ports.free(b.host) : b.controllerPort;
    this.partitions = b.partitions;
    this.autoCreateTopics = b.autoCreateTopics;
    this.maxHeap = b.maxHeap;
    this.extra = Map.copyOf(b.extra);
  }

  /** A builder with the defaults: 127.0.0.1, free ports, a temporary data folder, 3 partitions. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return host + ":" + port;
  }

  /** The host the listeners bind to. */
  public String host() {
    return host;
  }

  /** The client (PLAINTEXT) port; fixed when the broker is built, kept across restarts. */
  public int port() {
    return port;
  }

  /** The KRaft controller port; fixed when the broker is built, kept across restarts. */
  public int controllerPort() {
    return controllerPort;
  }

  /** The broker's log file. */
  public Path logFile() {
    return dataDir().resolve(KafkaConfigFiles.BROKER_LOG);
  }

  @Override
  void prepare() {
    Map<String, String> properties =
        KafkaConfigFiles.serverProperties(
            host, port, controllerPort, dataDir(), partitions, autoCreateTopics, extra);
    KafkaConfigFiles.write(dataDir(), properties);
    if (!Files.exists(dataDir().resolve(KafkaConfigFiles.LOG_DIRS).resolve("meta.properties"))) {
      format();
    }
  }

  /** Formats the log folder of a new broker with a new cluster id, as kafka-storage.sh does. */
  private void format() {
    ChildProcess tool =
        ChildProcess.start(
            childSpec(
                STORAGE_TOOL,
                List.of(
                    "format",
                    // One argument: a URL-safe base64 id may start with '-', which the tool's
                    // parser would otherwise take for an option (a format failure 1 time in 64).
                    "--cluster-id=" + newClusterId(),
                    "--config",
                    dataDir().resolve(KafkaConfigFiles.SERVER_PROPERTIES).toString())));
    if (!tool.waitFor(FORMAT_TIMEOUT)) {
      tool.kill();
      throw failure(
          "formatting the data folder took longer than " + FORMAT_TIMEOUT.toSeconds() + " s");
    }
    if (tool.exitValue() != 0) {
      throw failure("formatting the data folder failed with status " + tool.exitValue());
    }
  }

  /** A cluster id as Kafka writes one: 16 random bytes in URL-safe base64 without padding. */
  static String newClusterId() {
    UUID uuid = UUID.randomUUID();
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  @Override
  ChildProcess.Spec spec() {
    return childSpec(
        BROKER_MAIN, List.of(dataDir().resolve(KafkaConfigFiles.SERVER_PROPERTIES).toString()));
  }

  private ChildProcess.Spec childSpec(String mainClass, List<String> args) {
    return new ChildProcess.Spec(
        SERVER,
        maxHeap,
        RuntimeClasspath.of(SERVER),
        Map.of(
            "log4j2.configurationFile",
            dataDir().resolve(KafkaConfigFiles.LOG4J_PROPERTIES).toString(),
            "kafka.logs.dir",
            dataDir().toString()),
        mainClass,
        args,
        dataDir(),
        dataDir().resolve(STDOUT));
  }

  /** Ready once the listener accepts connections and an Admin client's describeCluster answers. */
  @Override
  boolean ready() {
    return Ports.accepts(host, port) && KafkaReadiness.ready(bootstrapServers());
  }

  @Override
  List<Path> logFiles() {
    return List.of(dataDir().resolve(STDOUT), logFile());
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + bootstrapServers() + ", " + dataDir() + "]";
  }

  /** Options of a {@link KafkaBroker}; every one has a default. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private int controllerPort;
    private Path dataDir;
    private int partitions = 3;
    private boolean autoCreateTopics = true;
    private String maxHeap = "512m";
    private Duration startupTimeout = Duration.ofSeconds(90);
    private Duration stopTimeout = Duration.ofSeconds(30);
    private final Map<String, String> extra = new LinkedHashMap<>();

    private Builder() {}

    /** The address both listeners bind to and the broker advertises; default 127.0.0.1. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** The client port; 0 (the default) picks a free one when the broker is built. */
    public Builder port(int port) {
      this.port = checkPort(port);
      return this;
    }

    /** The KRaft controller port; 0 (the default) picks a free one when the broker is built. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = checkPort(controllerPort);
      return this;
    }

    /**
     * The data folder; created if missing, formatted if it holds no broker yet. Default: a new
     * temporary folder, deleted when this JVM exits.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir);
      return this;
    }

    /** {@code num.partitions}, the partitions of a topic created without a count; default 3. */
    public Builder partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be positive: " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /** {@code auto.create.topics.enable}; default true. */
    public Builder autoCreateTopics(boolean autoCreateTopics) {
      this.autoCreateTopics = autoCreateTopics;
      return this;
    }

    /** The child JVM's {@code -Xmx}; default {@code 512m}. */
    public Builder maxHeap(String maxHeap) {
      this.maxHeap = Objects.requireNonNull(maxHeap);
      return this;
    }

    /** How long {@link KafkaBroker#start()} waits for the broker to serve; default 90 s. */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout);
      return this;
    }

    /** How long {@link KafkaBroker#stop()} waits before SIGKILL; default 30 s. */
    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = Objects.requireNonNull(stopTimeout);
      return this;
    }

    /** Any other broker setting, written last into {@code server.properties}. */
    public Builder property(String key, String value) {
      extra.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /** The broker, not started; ports of 0 are resolved to free ports now. */
    public KafkaBroker build() {
      Path dir = dataDir != null ? dataDir : Children.tempDir("roentgen-kafka-");
      return new KafkaBroker(this, dir);
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      return port;
    }
  }
}
