package org.roentgen.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An S3 server: S3Proxy (Maven Central) with its file system back end, run as a child JVM. Each
 * bucket is a folder of {@code buckets/} in the data folder and each object a file in it, so the
 * objects outlive stops and kills. Clients sign with AWS Signature V4 (or V2) using {@link
 * #accessKey()} and {@link #secretKey()} against {@link #endpoint()}, as the MinIO Java SDK does.
 *
 * <p>Its data folder holds {@code buckets/} and, beside it, {@code s3proxy.properties}, {@code
 * logback.xml}, {@code s3proxy.log} (the server's log) and {@code s3proxy.out} (what the JVM
 * printed). The buckets have a folder of their own because S3Proxy lists every folder of its base
 * folder as a bucket.
 *
 * <pre>{@code
 * try (S3Server s3 = S3Server.builder().build()) {
 *   s3.start();
 *   MinioClient minio = MinioClient.builder().endpoint(s3.endpoint())
 *       .credentials(s3.accessKey(), s3.secretKey()).build();
 *   ...
 * }
 * }</pre>
 */
public final class S3Server extends ChildServer {
  /** The server's name in messages and in the class path resource. */
  public static final String SERVER = "s3proxy";

  /** The access key when none is given. */
  public static final String DEFAULT_ACCESS_KEY = "roentgen";

  /** The secret key when none is given. */
  public static final String DEFAULT_SECRET_KEY = "roentgen-local";

  /** The folder of the buckets, in the data folder. */
  public static final String BUCKETS = "buckets";

  private static final String MAIN = "org.gaul.s3proxy.Main";
  private static final String PROPERTIES = "s3proxy.properties";
  private static final String LOGBACK = "logback.xml";
  private static final String LOG = "s3proxy.log";
  private static final String STDOUT = "s3proxy.out";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String host;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private final String maxHeap;

  private S3Server(Builder b, Path dataDir) {
    super(SERVER, dataDir, b.startupTimeout, b.stopTimeout);
    this.host = b.host;
    this.port = b.port == 0 ? Ports.free(b.host) : b.port;
    this.accessKey = b.accessKey;
    this.secretKey = b.secretKey;
    this.maxHeap = b.maxHeap;
  }

  /** A builder with the defaults: 127.0.0.1, a free port, a temporary folder, the default keys. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://host:port}, the endpoint for S3 clients. */
  public String endpoint() {
    return "http://" + host + ":" + port;
  }

  /** The host the server binds to. */
  public String host() {
    return host;
  }

  /** The port; fixed when the server is built, kept across restarts. */
  public int port() {
    return port;
  }

  /** The access key (S3Proxy's identity). */
  public String accessKey() {
    return accessKey;
  }

  /** The secret key (S3Proxy's credential). */
  public String secretKey() {
    return secretKey;
  }

  /** The server's log file. */
  public Path logFile() {
    return dataDir().resolve(LOG);
  }

  /** The folder of the buckets: one folder per bucket, one file per object. */
  public Path bucketsDir() {
    return dataDir().resolve(BUCKETS);
  }

  @Override
  void prepare() {
    Path config = dataDir();
    directory(bucketsDir());
    String properties =
        String.join(
            "\n",
            "s3proxy.endpoint=" + endpoint(),
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + accessKey,
            "s3proxy.credential=" + secretKey,
            "jclouds.provider=filesystem-nio2",
            "jclouds.identity=" + accessKey,
            "jclouds.credential=" + secretKey,
            "jclouds.filesystem.basedir=" + bucketsDir(),
            "");
    String logback =
        String.join(
            "\n",
            "<configuration>",
            "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">",
            "    <file>" + logFile() + "</file>",
            "    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} %msg%n</pattern></encoder>",
            "  </appender>",
            "  <logger name=\"org.gaul.shaded.org.eclipse.jetty\" level=\"WARN\"/>",
            "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>",
            "</configuration>",
            "");
    try {
      Path file = config.resolve(PROPERTIES);
      Files.writeString(file, properties, StandardCharsets.UTF_8);
      ownerOnly(file);
      Files.writeString(config.resolve(LOGBACK), logback, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the S3Proxy configuration into " + config, e);
    }
  }

  /**
   * The properties hold the secret key: readable by their owner alone where the file system can.
   */
  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the folder's own permissions apply
    }
  }

  @Override
  ChildProcess.Spec spec() {
    return new ChildProcess.Spec(
        SERVER,
        maxHeap,
        RuntimeClasspath.of(SERVER),
        Map.of("logback.configurationFile", dataDir().resolve(LOGBACK).toString()),
        MAIN,
        List.of("--properties", dataDir().resolve(PROPERTIES).toString()),
        dataDir(),
        dataDir().resolve(STDOUT));
  }

  /** Ready once the endpoint answers HTTP at all (an anonymous request gets 403). */
  @Override
  boolean ready() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint() + "/"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    try {
      HTTP.send(request, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  List<Path> logFiles() {
    return List.of(dataDir().resolve(STDOUT), logFile());
  }

  @Override
  public String toString() {
    return "S3Server[" + endpoint() + ", " + dataDir() + "]";
  }

  /** Options of an {@link S3Server}; every one has a default. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Path dataDir;
    private String accessKey = DEFAULT_ACCESS_KEY;
    private String secretKey = DEFAULT_SECRET_KEY;
    private String maxHeap = "256m";
    private Duration startupTimeout = Duration.ofSeconds(60);
    private Duration stopTimeout = Duration.ofSeconds(20);

    private Builder() {}

    /** The address to bind; default 127.0.0.1. */
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
     * The folder of the buckets; created if missing. Default: a new temporary folder, deleted when
     * this JVM exits.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir);
      return this;
    }

    /** The access key and secret key clients sign with. */
    public Builder credentials(String accessKey, String secretKey) {
      this.accessKey = Objects.requireNonNull(accessKey);
      this.secretKey = Objects.requireNonNull(secretKey);
      return this;
    }

    /** The child JVM's {@code -Xmx}; default {@code 256m}. */
    public Builder maxHeap(String maxHeap) {
      this.maxHeap = Objects.requireNonNull(maxHeap);
      return this;
    }

    /** How long {@link S3Server#start()} waits for the server to answer; default 60 s. */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout);
      return this;
    }

    /** How long {@link S3Server#stop()} waits before SIGKILL; default 20 s. */
    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = Objects.requireNonNull(stopTimeout);
      return this;
    }

    /** The server, not started; a port of 0 is resolved to a free port now. */
    public S3Server build() {
      Path dir = dataDir != null ? dataDir : Children.tempDir("roentgen-s3-");
      return new S3Server(this, dir);
    }
  }
}
