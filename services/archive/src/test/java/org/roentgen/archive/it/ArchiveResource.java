package org.roentgen.archive.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.roentgen.contracts.Topics;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.stack.SharedStack;

/**
 * The archive's surroundings in its service tests: the shared real Kafka broker with this run's own
 * topics (two partitions each, so that the consumers meet events of one study in order and of
 * different studies side by side), the shared S3 server (S3Proxy) with a bucket of the run, and the
 * shared PostgreSQL server with a database of the run.
 */
public class ArchiveResource implements QuarkusTestResourceLifecycleManager {
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String BUCKET = "it-archive-" + RUN;
  private String scope = "index";

  /** The database of a test class's scope (each test class has its own topics and database). */
  static String database(String scope) {
    return "archive_it_" + RUN + "_" + scope;
  }

  /** The topics of a scope. */
  static Map<Topics, String> topics(String scope) {
    Map<Topics, String> out = new EnumMap<>(Topics.class);
    for (Topics t : Topics.values()) {
      out.put(
          t, "it-archive-" + scope + "-" + t.name().toLowerCase(java.util.Locale.ROOT) + "-" + RUN);
    }
    return out;
  }

  /** The archive's own deletions topic of a scope (created by the archive at start). */
  static String deletionsTopic(String scope) {
    return "it-archive-" + scope + "-deletions-" + RUN;
  }

  /** One local user per role, named after it; the password of each. */
  static String password(String user) {
    return user + "-pw-" + RUN;
  }

  static volatile java.nio.file.Path usersFile;

  /** The JDBC URL of a database of the shared server. */
  static String jdbcUrl(String database) {
    String url = SharedStack.get().postgresJdbcUrl();
    return url.substring(0, url.lastIndexOf('/') + 1) + database;
  }

  /** Creates a database of the shared server. */
  static void createDatabase(String database) throws Exception {
    SharedStack stack = SharedStack.get();
    try (Connection c =
            DriverManager.getConnection(
                stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  static Connection connect(String database) throws Exception {
    SharedStack stack = SharedStack.get();
    return DriverManager.getConnection(
        jdbcUrl(database), stack.postgresUser(), stack.postgresPassword());
  }

  static ObjectStore store() {
    SharedStack stack = SharedStack.get();
    return new MinioObjectStore(
        ObjectStoreSettings.of(stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey()));
  }

  @Override
  public void init(Map<String, String> initArgs) {
    scope = initArgs.getOrDefault("scope", "index");
  }

  @Override
  public Map<String, String> start() {
    String DATABASE = database(scope);
    Map<Topics, String> TOPICS = topics(scope);
    SharedStack stack = SharedStack.get();
    try {
      createDatabase(DATABASE);
      try (ObjectStore store = store()) {
        store.ensureBucket(BUCKET);
      }
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
      try (Admin admin = Admin.create(p)) {
        admin
            .createTopics(TOPICS.values().stream().map(t -> new NewTopic(t, 2, (short) 1)).toList())
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      usersFile = java.nio.file.Files.createTempDirectory("archive-it-").resolve("users");
      StringBuilder users = new StringBuilder();
      for (String role : org.roentgen.archive.auth.Roles.ORDER) {
        users
            .append(role)
            .append(':')
            .append(role)
            .append(':')
            .append(org.roentgen.archive.auth.PasswordHash.hash(password(role).toCharArray()))
            .append('\n');
      }
      java.nio.file.Files.writeString(usersFile, users);
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the archive service test: " + e, e);
    }
    Map<String, String> c = new HashMap<>();
    c.put("archive.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
    c.put("archive.kafka.group-id", "it-archive-" + scope + "-" + RUN);
    c.put("archive.kafka.received-topic", TOPICS.get(Topics.INSTANCE_RECEIVED));
    c.put("archive.kafka.validated-topic", TOPICS.get(Topics.INSTANCE_VALIDATED));
    c.put("archive.kafka.qc-topic", TOPICS.get(Topics.INSTANCE_QC));
    c.put("archive.kafka.delivery-topic", TOPICS.get(Topics.INSTANCE_DELIVERY));
    c.put("archive.kafka.released-topic", TOPICS.get(Topics.INSTANCE_RELEASED));
    c.put("archive.retention.deletions-topic", deletionsTopic(scope));
    c.put("archive.kafka.retry-backoff", "100ms");
    c.put("archive.kafka.retry-max-backoff", "1s");
    c.put("archive.review.metrics-interval", "200ms");
    c.put("archive.s3.endpoint", stack.s3Endpoint());
    c.put("archive.s3.access-key", stack.s3AccessKey());
    c.put("archive.s3.secret-key", stack.s3SecretKey());
    c.put("quarkus.datasource.jdbc.url", jdbcUrl(DATABASE));
    c.put("quarkus.datasource.username", stack.postgresUser());
    c.put("quarkus.datasource.password", stack.postgresPassword());
    c.put("archive.auth.users-file", usersFile.toString());
    c.put("quarkus.oidc.tenant-enabled", "true");
    c.put("quarkus.oidc.public-key", Tokens.publicKey());
    return c;
  }

  @Override
  public void stop() {
    // The shared servers stop with the JVM; the run's topics, bucket and database are its own.
  }
}
