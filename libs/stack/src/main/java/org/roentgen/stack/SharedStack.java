package org.roentgen.stack;

/**
 * One Kafka broker and one S3 server per test JVM, for tests of every module: each starts the first
 * time a test asks for it (on free ports, data in temporary folders) and stops when the JVM exits.
 * A module that only needs S3 never starts Kafka.
 *
 * <pre>{@code
 * SharedStack stack = SharedStack.get();
 * props.put("bootstrap.servers", stack.kafkaBootstrapServers());
 * MinioClient minio = MinioClient.builder().endpoint(stack.s3Endpoint())
 *     .credentials(stack.s3AccessKey(), stack.s3SecretKey()).build();
 * }</pre>
 *
 * <p>Tests share these servers, so a test must use topic and bucket names of its own and must never
 * stop or kill them. A test of failures (a broker stopped in the middle of a send, an S3 server
 * killed and restarted) builds its own {@link KafkaBroker} or {@link S3Server} and closes it when
 * done.
 */
public final class SharedStack {
  private static final SharedStack INSTANCE = new SharedStack();

  private final Object kafkaLock = new Object();
  private final Object s3Lock = new Object();
  private KafkaBroker kafka;
  private S3Server s3;

  private SharedStack() {}

  /** The stack of this JVM; nothing starts until a server is asked for. */
  public static SharedStack get() {
    return INSTANCE;
  }

  /** {@code host:port} of the shared broker, started on first use. */
  public String kafkaBootstrapServers() {
    return kafka().bootstrapServers();
  }

  /** {@code http://host:port} of the shared S3 server, started on first use. */
  public String s3Endpoint() {
    return s3().endpoint();
  }

  /** The access key of the shared S3 server. */
  public String s3AccessKey() {
    return s3().accessKey();
  }

  /** The secret key of the shared S3 server. */
  public String s3SecretKey() {
    return s3().secretKey();
  }

  private KafkaBroker kafka() {
    synchronized (kafkaLock) {
      if (kafka == null) {
        KafkaBroker broker = KafkaBroker.builder().build();
        broker.start();
        kafka = broker;
      }
      return kafka;
    }
  }

  private S3Server s3() {
    synchronized (s3Lock) {
      if (s3 == null) {
        S3Server server = S3Server.builder().build();
        server.start();
        s3 = server;
      }
      return s3;
    }
  }
}
