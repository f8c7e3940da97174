package org.roentgen.local;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the broker says about the services' consumer groups, through Kafka's {@link Admin}: who is a
 * member, which partitions each owns, what each group committed; and a topic read whole without a
 * group. For {@link ScaleOutIT}.
 */
final class ConsumerGroups implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 30;

  /**
   * One group as the broker describes it.
   *
   * @param state the group's state; STABLE once a rebalance is complete
   * @param owned the partitions each member owns, by member id (members without any included)
   * @param clientIds each member's client id, by member id
   */
  record Group(
      GroupState state, Map<String, Set<TopicPartition>> owned, Map<String, String> clientIds) {
    /** The partitions owned by the members whose client id contains {@code instance}. */
    Set<TopicPartition> ownedBy(String instance) {
      Set<TopicPartition> all = sorted();
      owned.forEach(
          (member, partitions) -> {
            if (clientIds.get(member).contains(instance)) {
              all.addAll(partitions);
            }
          });
      return all;
    }

    /** The partitions owned by the members whose client id does not contain {@code instance}. */
    Set<TopicPartition> ownedByOthersThan(String instance) {
      Set<TopicPartition> all = assigned();
      all.removeAll(ownedBy(instance));
      return all;
    }

    /** The members whose client id contains {@code instance}. */
    long members(String instance) {
      return clientIds.values().stream().filter(c -> c.contains(instance)).count();
    }

    /** Every partition some member owns. */
    Set<TopicPartition> assigned() {
      Set<TopicPartition> all = sorted();
      owned.values().forEach(all::addAll);
      return all;
    }

    @Override
    public String toString() {
      Map<String, List<Integer>> byClient = new TreeMap<>();
      owned.forEach(
          (member, partitions) ->
              byClient.put(
                  clientIds.get(member),
                  partitions.stream().map(TopicPartition::partition).sorted().toList()));
      return state + " " + byClient;
    }
  }

  /** A condition on one group: its id and description. */
  @FunctionalInterface
  interface Condition {
    boolean holds(String group, Group g);
  }

  private final String bootstrapServers;
  private final Map<String, String> topics;
  private final Map<String, Set<TopicPartition>> partitions = new ConcurrentHashMap<>();
  private final Admin admin;

  /** Watches the groups of {@code topics} (group id to the topic it consumes). */
  ConsumerGroups(String bootstrapServers, Map<String, String> topics) {
    this.bootstrapServers = bootstrapServers;
    this.topics = Map.copyOf(topics);
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "scale-out-it-admin");
    this.admin = Admin.create(p);
  }

  /** The partitions of the group's topic (known once {@link #await} saw the topic). */
  Set<TopicPartition> partitions(String group) {
    return partitions.get(group);
  }

  /** The groups as the broker describes them now. */
  Map<String, Group> describe() throws Exception {
    Map<String, ConsumerGroupDescription> described =
        admin.describeConsumerGroups(topics.keySet()).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<String, Group> result = new TreeMap<>();
    described.forEach(
        (id, d) -> {
          Map<String, Set<TopicPartition>> owned = new HashMap<>();
          Map<String, String> clients = new HashMap<>();
          for (MemberDescription m : d.members()) {
            owned.put(m.consumerId(), Set.copyOf(m.assignment().topicPartitions()));
            clients.put(m.consumerId(), m.clientId());
          }
          result.put(id, new Group(d.groupState(), owned, clients));
        });
    return result;
  }

  /**
   * Until {@code condition} holds for every group (described every 250 ms, once every topic
   * exists); the groups then. Fails with the groups as last described.
   */
  Map<String, Group> await(String what, Duration within, Condition condition) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    Map<String, Group> last = Map.of();
    while (true) {
      if (partitionsKnown()) {
        Map<String, Group> described = describe();
        last = described;
        if (topics.keySet().stream().allMatch(g -> condition.holds(g, described.get(g)))) {
          return last;
        }
      }
      if (System.nanoTime() > deadline) {
        return fail("not within %s: %s; the groups: %s", within, what, last);
      }
      Thread.sleep(250);
    }
  }

  /** Until every group has committed its topic to the end; fails with those behind. */
  void awaitCommittedToTheEnd(Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    Map<String, String> behind = new TreeMap<>();
    do {
      behind.clear();
      for (String group : topics.keySet()) {
        Map<TopicPartition, Long> ends = endOffsets(partitions(group));
        Map<TopicPartition, Long> committed = committed(group, partitions(group));
        if (!ends.equals(committed)) {
          behind.put(group, "committed " + committed + ", end " + ends);
        }
      }
      if (behind.isEmpty()) {
        return;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    fail("not committed to the end of their topics after %s: %s", within, behind);
  }

  /** The log end offsets of these partitions. */
  Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> of) throws Exception {
    Map<TopicPartition, OffsetSpec> latest =
        of.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin
        .listOffsets(latest)
        .all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /** The group's committed offsets of these partitions; one it never committed counts as 0. */
  Map<TopicPartition, Long> committed(String group, Collection<TopicPartition> of)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> done =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, Long> committed = new HashMap<>();
    for (TopicPartition tp : of) {
      OffsetAndMetadata o = done.get(tp);
      committed.put(tp, o == null ? 0L : o.offset());
    }
    return committed;
  }

  /**
   * Every record of {@code topic} now, from the beginning of every partition, key and value
   * (UTF-8), read without a consumer group (nothing committed).
   */
  List<ConsumerRecord<String, String>> readAll(String topic) throws Exception {
    Set<TopicPartition> of = topicPartitions(topic);
    Map<TopicPartition, Long> ends = endOffsets(of);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "scale-out-it-reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      c.assign(of);
      c.seekToBeginning(of);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (of.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + " not read to its end " + ends);
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
            records.add(
                new ConsumerRecord<>(
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    r.key(),
                    new String(r.value(), StandardCharsets.UTF_8)));
          }
        }
      }
    }
    return records;
  }

  /** True once every group's topic exists (a consumer's or producer's first request makes it). */
  private boolean partitionsKnown() {
    for (var e : topics.entrySet()) {
      if (!partitions.containsKey(e.getKey())) {
        try {
          partitions.put(e.getKey(), topicPartitions(e.getValue()));
        } catch (Exception notYet) {
          return false;
        }
      }
    }
    return true;
  }

  private Set<TopicPartition> topicPartitions(String topic) throws Exception {
    Set<TopicPartition> all = sorted();
    admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .get(topic)
        .partitions()
        .forEach(p -> all.add(new TopicPartition(topic, p.partition())));
    return all;
  }

  /** An empty set of partitions in topic and partition order. */
  static Set<TopicPartition> sorted() {
    return new TreeSet<>(
        (a, b) -> {
          int t = a.topic().compareTo(b.topic());
          return t != 0 ? t : Integer.compare(a.partition(), b.partition());
        });
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
