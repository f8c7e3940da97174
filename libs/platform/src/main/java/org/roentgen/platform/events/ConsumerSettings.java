package org.roentgen.platform.events;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Settings of an {@link EventConsumer}: what its {@code KafkaConsumer} and its dead-letter producer
 * are built from, and the timing of its loop. {@link #of} gives the defaults; the {@code with}
 * methods change one value.
 *
 * @param bootstrapServers the Kafka cluster, {@code host:port[,host:port...]}
 * @param groupId the consumer group: the service's name, the same for every instance
 * @param clientId this instance in broker logs and quotas; the dead-letter producer is {@code
 *     clientId-dlq}
 * @param maxPollRecords at most this many records per poll; one poll's records must all be handled
 *     within {@code maxPollInterval}, or the broker takes the partitions away (they are then
 *     delivered again, to another instance)
 * @param sessionTimeout an instance whose heartbeats stop (a crash) leaves the group after this
 * @param maxPollInterval the longest a poll's batch may take before the instance leaves the group
 * @param pollTimeout how long one poll waits for records; it also bounds how late a due retry is
 *     noticed
 * @param retryBackoffBase the wait before the first retry of a failed record; it doubles per failed
 *     attempt, with jitter
 * @param retryBackoffMax the longest wait between two attempts of one record
 * @param lagRefreshInterval {@link EventConsumer#lag()} is computed at most this often
 * @param deadLetterTimeout a dead-letter send not acknowledged within this counts as failed (the
 *     record is then retried)
 */
public record ConsumerSettings(
    String bootstrapServers,
    String groupId,
    String clientId,
    int maxPollRecords,
    Duration sessionTimeout,
    Duration maxPollInterval,
    Duration pollTimeout,
    Duration retryBackoffBase,
    Duration retryBackoffMax,
    Duration lagRefreshInterval,
    Duration deadLetterTimeout) {
  public static final int DEFAULT_MAX_POLL_RECORDS = 100;
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
  public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RETRY_BACKOFF_BASE = Duration.ofMillis(200);
  public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(30);
  public static final Duration DEFAULT_LAG_REFRESH_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_DEAD_LETTER_TIMEOUT = Duration.ofSeconds(30);

  /** The longest heartbeat interval; a third of the session timeout when that is shorter. */
  private static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofSeconds(3);

  public ConsumerSettings {
    requireText(bootstrapServers, "bootstrapServers");
    requireText(groupId, "groupId");
    requireText(clientId, "clientId");
    if (maxPollRecords < 1) {
      throw new IllegalArgumentException("maxPollRecords must be at least 1: " + maxPollRecords);
    }
    requirePositive(sessionTimeout, "sessionTimeout");
    requirePositive(maxPollInterval, "maxPollInterval");
    requirePositive(pollTimeout, "pollTimeout");
    requirePositive(retryBackoffBase, "retryBackoffBase");
    requirePositive(retryBackoffMax, "retryBackoffMax");
    requirePositive(lagRefreshInterval, "lagRefreshInterval");
    requirePositive(deadLetterTimeout, "deadLetterTimeout");
    if (retryBackoffMax.compareTo(retryBackoffBase) < 0) {
      throw new IllegalArgumentException(
          "retryBackoffMax " + retryBackoffMax + " is below retryBackoffBase " + retryBackoffBase);
    }
  }

  /** The defaults: 100 records a poll, 45 s session, retries from 200 ms up to 30 s apart. */
  public static ConsumerSettings of(String bootstrapServers, String groupId, String clientId) {
    return new ConsumerSettings(
        bootstrapServers,
        groupId,
        clientId,
        DEFAULT_MAX_POLL_RECORDS,
        DEFAULT_SESSION_TIMEOUT,
        DEFAULT_MAX_POLL_INTERVAL,
        DEFAULT_POLL_TIMEOUT,
        DEFAULT_RETRY_BACKOFF_BASE,
        DEFAULT_RETRY_BACKOFF_MAX,
        DEFAULT_LAG_REFRESH_INTERVAL,
        DEFAULT_DEAD_LETTER_TIMEOUT);
  }

  public ConsumerSettings withMaxPollRecords(int n) {
    return new ConsumerSettings(
        bootstrapServers,
        groupId,
        clientId,
        n,
        sessionTimeout,
        maxPollInterval,
        pollTimeout,
        retryBackoffBase,
        retryBackoffMax,
        lagRefreshInterval,
        deadLetterTimeout);
  }

  public ConsumerSettings withSessionTimeout(Duration d) {
    return new ConsumerSettings(
        bootstrapServers,
        groupId,
        clientId,
        maxPollRecords,
        d,
        maxPollInterval,
        pollTimeout,
        retryBackoffBase,
        retryBackoffMax,
        lagRefreshInterval,
        deadLetterTimeout);
  }

  public ConsumerSettings withPollTimeout(Duration d) {
    return new ConsumerSettings(
        bootstrapServers,
        groupId,
        clientId,
        maxPollRecords,
        sessionTimeout,
        maxPollInterval,
        d,
        retryBackoffBase,
        retryBackoffMax,
        lagRefreshInterval,
        deadLetterTimeout);
  }

  public ConsumerSettings withRetryBackoff(Duration base, Duration max) {
    return new ConsumerSettings(
        bootstrapServers,
        groupId,
        clientId,
        maxPollRecords,
        sessionTimeout,
        maxPollInterval,
        pollTimeout,
        base,
        max,
        lagRefreshInterval,
        deadLetterTimeout);
  }

  public ConsumerSettings withLagRefreshInterval(Duration d) {
    return new ConsumerSettings(
        bootstrapServers,
        groupId,
        clientId,
        maxPollRecords,
        sessionTimeout,
        maxPollInterval,
        pollTimeout,
        retryBackoffBase,
        retryBackoffMax,
        d,
        deadLetterTimeout);
  }

  /**
   * The consumer's properties: manual commits ({@code enable.auto.commit=false}), a new group
   * starts at the earliest offset (no record written before the group existed is skipped), String
   * keys and byte[] values (CloudEvents binary mode, {@link KafkaCloudEvents}).
   */
  public Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    p.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        (int) Math.min(MAX_HEARTBEAT_INTERVAL.toMillis(), sessionTimeout.toMillis() / 3));
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) maxPollInterval.toMillis());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  /**
   * The dead-letter producer's properties: {@link ProducerSettings#durable} (acks=all, idempotent).
   */
  public Properties deadLetterProducerProperties() {
    return ProducerSettings.durable(bootstrapServers, clientId + "-dlq", deadLetterTimeout);
  }

  private static void requireText(String value, String name) {
    if (Objects.requireNonNull(value, name).isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
