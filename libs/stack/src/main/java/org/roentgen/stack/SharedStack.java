package org.roentgen.stack;

/**
 * One Kafka broker, one S3 server and one PostgreSQL server per test JVM, for tests of every
 * module: each starts the first time a test asks for it (on free ports, data in temporary folders)
 * and stops when the JVM exits. A module that only needs S3 never starts Kafka or PostgreSQL.
 *
 * <pre>{@code
 * SharedStack stack = SharedStack.get();
 * props.put("bootstrap.servers", stack.kafkaBootstrapServers());
 * MinioClient minio = MinioClient.builder().endpoint(stack.s3Endpoint())
 *     .credentials(stack.s3AccessKey(), stack.s3SecretKey()).build();
 * Connection db = DriverManager.getConnection(
 *     stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
 * }</pre>
 *
 * <p>Tests share these servers, so a test must use topic, bucket and table (or schema) names of its
 * own and must never stop or kill them. A test of failures (a broker stopped in the middle of a
 * send, an S3 server killed and restarted) builds its own {@link KafkaBroker}, {@link S3Server} or
 * {@link PostgresServer} and closes it when done.
 */
public final class SharedStack {
  private static final SharedStack INSTANCE = new SharedStack();

  private final Object kafkaLock = new Object();
  private final Object s3Lock = new Object();
  private final Object postgresLock = new Object();
  private KafkaBroker kafka;
  private S3Server s3;
  private PostgresServer postgres;

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

  /**
   * {@code jdbc:postgresql://host:port/roentgen} of the shared PostgreSQL, started on first use.
   */
  public String postgresJdbcUrl() {
    return postgres().jdbcUrl();
  }

  /** The user of the shared PostgreSQL (a superuser). */
  public String postgresUser() {
    return postgres().user();
  }

  /** The password of the shared PostgreSQL's user. */
  public String postgresPassword() {
    return postgres().password();
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

  private PostgresServer postgres() {
    synchronized (postgresLock) {
      if (postgres == null) {
        PostgresServer server = PostgresServer.builder().build();
        server.start();
        postgres = server;
      }
      return postgres;
    }
  }
}
