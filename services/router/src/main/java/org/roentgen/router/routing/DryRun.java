package org.roentgen.router.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.roentgen.router.messaging.RoutedEvent;
import org.roentgen.router.rules.DestinationPlan;
import org.roentgen.router.rules.RoutingDecision;
import org.roentgen.router.rules.RoutingEvent;
import org.roentgen.router.rules.RuleSet;

/**
 * A dry run of candidate rules: the input topic's events of a past time window are read again (from
 * the offsets of the window's start, with a reader of its own that commits nothing) and each is
 * decided by the rules in force and by the candidate, at the time it was published (so time windows
 * judge as they would have). The answer tells which instances would go where, and lists those whose
 * routing would change. Nothing is sent.
 */
public final class DryRun {
  /** One side's decision, short: DELIVER to destinations, QUARANTINE, or NONE. */
  public record Decision(String outcome, List<String> destinations, List<String> rules) {
    static Decision of(RoutingDecision d) {
      if (d instanceof RoutingDecision.Deliver deliver) {
        return new Decision(
            "DELIVER",
            deliver.destinations().stream()
                .map(
                    p ->
                        p.destination()
                            + (p.deidentified() ? " (de-identified)" : "")
                            + " "
                            + p.priority())
                .toList(),
            d.matchedRules());
      }
      if (d instanceof RoutingDecision.Quarantine q) {
        return new Decision("QUARANTINE", List.of(), d.matchedRules());
      }
      return new Decision("NONE", List.of(), d.matchedRules());
    }
  }

  /** One instance whose routing differs. */
  public record Change(
      String sopInstanceUid,
      String studyInstanceUid,
      String modality,
      Instant at,
      Decision inForce,
      Decision candidate) {}

  /**
   * The answer.
   *
   * @param events the events read (up to the limit)
   * @param unreadable records that were not instance events
   * @param inForce per destination (or QUARANTINE, NONE), instances under the rules in force
   * @param candidate the same under the candidate rules
   * @param changes the instances whose decision differs, up to the limit
   */
  public record Result(
      Instant from,
      Instant to,
      int events,
      int unreadable,
      boolean truncated,
      Map<String, Integer> inForce,
      Map<String, Integer> candidate,
      int changed,
      List<Change> changes) {}

  private DryRun() {}

  /** Replays {@code topic} between {@code from} and {@code to}, at most {@code limit} events. */
  public static Result run(
      String bootstrapServers,
      String topic,
      Instant from,
      Instant to,
      int limit,
      RuleSet inForce,
      RuleSet candidate,
      Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    Map<String, Integer> now = new TreeMap<>();
    Map<String, Integer> next = new TreeMap<>();
    List<Change> changes = new ArrayList<>();
    int events = 0;
    int unreadable = 0;
    int changed = 0;
    boolean truncated = false;
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo info : c.partitionsFor(topic, timeout)) {
        parts.add(new TopicPartition(topic, info.partition()));
      }
      c.assign(parts);
      Map<TopicPartition, Long> when = new HashMap<>();
      parts.forEach(tp -> when.put(tp, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts = c.offsetsForTimes(when, timeout);
      Map<TopicPartition, Long> ends = c.endOffsets(parts, timeout);
      List<TopicPartition> open = new ArrayList<>();
      for (TopicPartition tp : parts) {
        OffsetAndTimestamp s = starts.get(tp);
        if (s != null && s.offset() < ends.get(tp)) {
          c.seek(tp, s.offset());
          open.add(tp);
        }
      }
      c.assign(open);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (!open.contains(tp)) {
            continue;
          }
          if (r.timestamp() > to.toEpochMilli() || r.offset() >= ends.get(tp) - 1) {
            open.remove(tp);
            if (r.timestamp() > to.toEpochMilli()) {
              continue;
            }
          }
          if (events >= limit) {
            truncated = true;
            open.clear();
            break;
          }
          RoutedEvent e;
          try {
            e = RoutedEvent.decode(r);
          } catch (Exception ex) {
            unreadable++;
            continue;
          }
          events++;
          Instant at = Instant.ofEpochMilli(r.timestamp());
          RoutingEvent view = new RoutingEvent(e.instance(), e.validation(), e.qc());
          RoutingDecision da = inForce.decide(view, at);
          RoutingDecision db = candidate.decide(view, at);
          Decision a = Decision.of(da);
          Decision b = Decision.of(db);
          count(now, da);
          count(next, db);
          if (!a.outcome().equals(b.outcome()) || !a.destinations().equals(b.destinations())) {
            changed++;
            if (changes.size() < limit) {
              changes.add(
                  new Change(
                      e.instance().sopInstanceUid(),
                      e.instance().studyInstanceUid(),
                      e.instance().modality(),
                      at,
                      a,
                      b));
            }
          }
        }
        c.assign(open);
      }
    }
    return new Result(from, to, events, unreadable, truncated, now, next, changed, changes);
  }

  /**
   * Counts a decision under the name of each destination (the shown destinations carry the priority
   * and de-identification beside the name), or under QUARANTINE or NONE.
   */
  private static void count(Map<String, Integer> counts, RoutingDecision d) {
    if (d instanceof RoutingDecision.Deliver deliver) {
      for (DestinationPlan p : deliver.destinations()) {
        counts.merge(p.destination(), 1, Integer::sum);
      }
    } else {
      counts.merge(
          d instanceof RoutingDecision.Quarantine ? "QUARANTINE" : "NONE", 1, Integer::sum);
    }
  }
}
