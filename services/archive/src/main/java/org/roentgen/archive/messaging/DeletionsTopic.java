package org.roentgen.archive.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.roentgen.contracts.EventJson;
import org.roentgen.platform.events.CompactedTopics;
import org.roentgen.platform.events.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's compacted topic of deleted instances ({@code roentgen.archive.deletions.v1}): key
 * the SOP Instance UID, value a {@link Deletion} in JSON (UIDs, time, user, policy id; no patient
 * data). Retention publishes each tombstone here before it deletes any object; every archive reads
 * the topic into its {@code deleted_instance} table, from its beginning under a new consumer group,
 * before its index consumers start ({@link #restore}), and follows it afterwards ({@link #follow}).
 * So an index rebuilt from offset zero skips the events of deleted instances, and deletions made by
 * another archive while the rebuild runs reach it too.
 *
 * <p>Commit strategy: the group {@code <archive.kafka.group-id>-deletions} commits after each batch
 * is in the database; the partitions are assigned, not subscribed, so every archive of a group
 * reads the whole topic (inserts are idempotent). Failure strategy: a record that is not a deletion
 * is logged by offset and skipped (nothing to dead-letter: the topic is the archive's own); a
 * database that cannot take a batch makes the follower wait and read the batch again.
 */
public final class DeletionsTopic implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeletionsTopic.class);
  private static final ObjectMapper JSON = EventJson.mapper();
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /**
   * A deleted instance, as published.
   *
   * @param deletedBy the admin who ran the deletion, or {@code retention} for a scheduled run
   * @param policyId the id of the policy in the deleting archive's database
   */
  public record Deletion(
      String sopInstanceUid,
      String studyInstanceUid,
      Instant deletedAt,
      String deletedBy,
      Long policyId) {}

  /** Told that tombstones arrived for instances this index still holds. */
  @FunctionalInterface
  public interface PendingListener {
    void pending();
  }

  private final String bootstrapServers;
  private final String topic;
  private final String groupId;
  private final String clientId;
  private final Duration timeout;
  private final javax.sql.DataSource db;
  private Producer<String, byte[]> producer;
  private KafkaConsumer<String, byte[]> consumer;
  private Thread follower;
  private volatile boolean running;

  /**
   * @param timeout bound on reading without progress at start and on each acknowledgement
   */
  public DeletionsTopic(
      String bootstrapServers,
      String topic,
      String groupId,
      String clientId,
      Duration timeout,
      javax.sql.DataSource db) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.groupId = groupId;
    this.clientId = clientId;
    this.timeout = timeout;
    this.db = db;
  }

  public String topic() {
    return topic;
  }

  /**
   * Creates the topic when missing and reads it from the group's committed offset (the beginning
   * for a new group) to its end into the database. Returns the tombstones read.
   *
   * @throws TimeoutException when the topic cannot be read for {@code timeout}: the index must not
   *     start without its tombstones
   */
  public synchronized int restore() throws Exception {
    if (consumer != null) {
      throw new IllegalStateException(topic + " was read already");
    }
    CompactedTopics.ensure(bootstrapServers, topic, timeout);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p);
    int read = 0;
    try {
      List<TopicPartition> partitions =
          c.partitionsFor(topic, timeout).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      c.assign(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> c.position(tp, timeout) < end.get(tp))) {
        ConsumerRecords<String, byte[]> records = c.poll(POLL);
        if (!records.isEmpty()) {
          store(records);
          c.commitSync(timeout);
          read += records.count();
          deadline = System.nanoTime() + timeout.toNanos();
        } else if (System.nanoTime() > deadline) {
          throw new TimeoutException("no progress reading " + topic + " for " + timeout);
        }
      }
    } catch (Exception e) {
      c.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      throw e;
    }
    consumer = c;
    producer =
        new KafkaProducer<>(
            ProducerSettings.durable(bootstrapServers, clientId + "-publisher", timeout));
    LOG.info("{} tombstones read back from {} as group {}", read, topic, groupId);
    return read;
  }

  /**
   * Follows the topic on a thread of its own after {@link #restore}: tombstones published by other
   * archives reach this database. {@code listener} hears when some name instances still indexed.
   */
  public synchronized void follow(PendingListener listener) {
    if (consumer == null || running) {
      throw new IllegalStateException("restore first, follow once");
    }
    running = true;
    KafkaConsumer<String, byte[]> c = consumer;
    follower = new Thread(() -> followLoop(c, listener), "follow-" + topic);
    follower.setDaemon(true);
    follower.start();
  }

  private void followLoop(KafkaConsumer<String, byte[]> kafka, PendingListener listener) {
    Duration backoff = Duration.ofMillis(200);
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
        if (records.isEmpty()) {
          continue;
        }
        try {
          if (store(records)) {
            listener.pending();
          }
          kafka.commitSync(timeout);
          backoff = Duration.ofMillis(200);
        } catch (SQLException e) {
          LOG.warn("tombstones not stored, read again in {}: {}", backoff, e.toString());
          rewind(kafka, records);
          Thread.sleep(backoff.toMillis());
          backoff = backoff.multipliedBy(2);
          if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
          }
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("following {} stopped: {}", topic, e.toString());
    } finally {
      kafka.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private static void rewind(
      KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
    for (TopicPartition tp : records.partitions()) {
      kafka.seek(tp, records.records(tp).get(0).offset());
    }
  }

  /**
   * Publishes the tombstones and waits until the broker acknowledged each (acks=all).
   *
   * @throws Exception when one is not acknowledged within the timeout: nothing may be deleted yet
   */
  public void publish(List<Deletion> deletions) throws Exception {
    Producer<String, byte[]> p;
    synchronized (this) {
      p = producer;
    }
    if (p == null) {
      throw new IllegalStateException(topic + " is not open");
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Deletion d : deletions) {
      sent.add(p.send(new ProducerRecord<>(topic, d.sopInstanceUid(), JSON.writeValueAsBytes(d))));
    }
    for (Future<RecordMetadata> f : sent) {
      f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Inserts the batch's tombstones (a known one is left as it is). Returns true when some name an
   * instance this index still holds: a deletion to complete here.
   */
  private boolean store(ConsumerRecords<String, byte[]> records) throws SQLException {
    Map<String, Deletion> latest = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      Deletion d = parse(r);
      if (d != null) {
        latest.put(d.sopInstanceUid(), d);
      }
    }
    if (latest.isEmpty()) {
      return false;
    }
    List<Deletion> all = new ArrayList<>(latest.values());
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                """
                INSERT INTO deleted_instance (sop_uid, study_uid, deleted_at, deleted_by,
                                              policy_id, completed_at)
                SELECT t.sop, t.study, t.at, t.by, t.policy,
                       CASE WHEN EXISTS (SELECT 1 FROM instance i WHERE i.sop_uid = t.sop)
                            THEN NULL ELSE now() END
                FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::bigint[])
                     AS t(sop, study, at, by, policy)
                ON CONFLICT (sop_uid) DO NOTHING
                RETURNING completed_at IS NULL
                """)) {
      ps.setArray(1, c.createArrayOf("text", all.stream().map(Deletion::sopInstanceUid).toArray()));
      ps.setArray(
          2, c.createArrayOf("text", all.stream().map(Deletion::studyInstanceUid).toArray()));
      ps.setArray(
          3,
          c.createArrayOf(
              "timestamptz", all.stream().map(d -> Timestamp.from(d.deletedAt())).toArray()));
      ps.setArray(4, c.createArrayOf("text", all.stream().map(Deletion::deletedBy).toArray()));
      ps.setArray(5, c.createArrayOf("bigint", all.stream().map(Deletion::policyId).toArray()));
      boolean pending = false;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          pending |= rs.getBoolean(1);
        }
      }
      return pending;
    }
  }

  private static Deletion parse(ConsumerRecord<String, byte[]> r) {
    if (r.key() == null || r.value() == null) {
      return null;
    }
    try {
      Deletion d = JSON.readValue(r.value(), Deletion.class);
      if (d.sopInstanceUid() == null
          || !d.sopInstanceUid().equals(r.key())
          || d.studyInstanceUid() == null
          || d.deletedAt() == null
          || d.deletedBy() == null) {
        throw new IOException("sopInstanceUid (the key), studyInstanceUid, deletedAt, deletedBy");
      }
      return d;
    } catch (IOException e) {
      LOG.warn(
          "{} offset {} (key {}) is not a deletion, skipped: {}",
          r.topic(),
          r.offset(),
          r.key(),
          e.getMessage());
      return null;
    }
  }

  /** Stops following and closes the clients; the tombstones read so far are committed. */
  @Override
  public void close() {
    Thread t;
    KafkaConsumer<String, byte[]> c;
    synchronized (this) {
      running = false;
      t = follower;
      c = consumer;
      follower = null;
      consumer = null;
    }
    if (t != null) {
      c.wakeup();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (c != null) {
      c.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
    synchronized (this) {
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
        producer = null;
      }
    }
  }
}
