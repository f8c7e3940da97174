package org.roentgen.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files a {@link KafkaBroker} writes into its data folder before each start: the broker's
 * {@code server.properties} (one node that is broker and KRaft controller at once) and a log4j2
 * configuration that sends the broker's log to {@code broker.log} beside it.
 */
final class KafkaConfigFiles {
  static final String SERVER_PROPERTIES = "server.properties";
  static final String LOG4J_PROPERTIES = "log4j2.properties";
  static final String BROKER_LOG = "broker.log";
  static final String LOG_DIRS = "kafka-logs";

  private static final int NODE_ID = 1;

  private KafkaConfigFiles() {}

  /** The broker's settings, in order; {@code extra} last, so it overrides any of them. */
  static Map<String, String> serverProperties(
      String host,
      int port,
      int controllerPort,
      Path dataDir,
      int partitions,
      boolean autoCreateTopics,
      Map<String, String> extra) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", dataDir.resolve(LOG_DIRS).toString());
    p.put("num.partitions", Integer.toString(partitions));
    p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
    // One node: every internal topic has one replica, and one in-sync replica is enough.
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    // A consumer group of one test should not wait for members that never come.
    p.put("group.initial.rebalance.delay.ms", "0");
    // After a kill, the restarted controller waits for the dead incarnation's session to expire
    // before the new one may register: 3 s instead of 9 s.
    p.put("broker.heartbeat.interval.ms", "500");
    p.put("broker.session.timeout.ms", "3000");
    p.putAll(extra);
    return p;
  }

  /** The log4j2 configuration: INFO and above to {@code broker.log}, rolled at 10 MiB. */
  static String log4j2(Path dataDir) {
    String log = dataDir.resolve(BROKER_LOG).toString();
    return String.join(
        "\n",
        "status = error",
        "name = roentgen-stack-kafka",
        // Kafka's own shutdown hook logs until the broker is closed; log4j2's must not stop first.
        "shutdownHook = disable",
        "appender.file.type = RollingFile",
        "appender.file.name = FILE",
        "appender.file.fileName = " + log,
        "appender.file.filePattern = " + log + ".%i",
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = [%d] %p %m (%c)%n",
        "appender.file.policies.type = Policies",
        "appender.file.policies.size.type = SizeBasedTriggeringPolicy",
        "appender.file.policies.size.size = 10MB",
        "appender.file.strategy.type = DefaultRolloverStrategy",
        "appender.file.strategy.max = 3",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.file.ref = FILE",
        "logger.request.name = kafka.request.logger",
        "logger.request.level = WARN",
        "");
  }

  /** Writes both files into {@code dataDir}. */
  static void write(Path dataDir, Map<String, String> serverProperties) {
    String server =
        serverProperties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"))
            + "\n";
    try {
      Files.writeString(dataDir.resolve(SERVER_PROPERTIES), server, StandardCharsets.UTF_8);
      Files.writeString(dataDir.resolve(LOG4J_PROPERTIES), log4j2(dataDir), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Kafka configuration into " + dataDir, e);
    }
  }
}
