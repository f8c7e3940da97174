package org.roentgen.stack.probe;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints the records of one topic, from the beginning of every partition, one JSON object a line:
 * topic, partition, offset, timestamp, key, headers (CloudEvents binary mode puts the envelope
 * there: {@code ce_id}, {@code ce_type}...) and the value, embedded as JSON when it is an object.
 * Without follow it ends once it has read up to the end offsets it found at the start; with follow
 * it polls until the JVM ends. Reads with an assignment, not a consumer group: it commits nothing
 * and disturbs no service.
 *
 * <p>Loaded like {@link KafkaAdminProbe}, in a class loader over the broker's class path; only JDK
 * types cross: the argument {@code [bootstrapServers, topic, follow]}, the output stream, the
 * number of records printed (or -1 when the topic does not exist).
 */
public final class TopicPrinter implements BiFunction<List<String>, PrintStream, Integer> {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** Creates the printer; called reflectively. */
  public TopicPrinter() {}

  @Override
  public Integer apply(List<String> args, PrintStream out) {
    String topic = args.get(1);
    boolean follow = Boolean.parseBoolean(args.get(2));
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args.get(0));
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "roentgen-events");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        return -1;
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      int printed = 0;
      while (follow || !reached(consumer, end)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          out.println(json(r));
          printed++;
        }
        out.flush();
      }
      return printed;
    }
  }

  private static boolean reached(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  static String json(ConsumerRecord<byte[], byte[]> r) {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"topic\":").append(string(r.topic()));
    b.append(",\"partition\":").append(r.partition());
    b.append(",\"offset\":").append(r.offset());
    b.append(",\"timestamp\":").append(r.timestamp());
    b.append(",\"key\":").append(r.key() == null ? "null" : string(text(r.key())));
    b.append(",\"headers\":{");
    String sep = "";
    for (Header h : r.headers()) {
      b.append(sep).append(string(h.key())).append(':');
      b.append(h.value() == null ? "null" : string(text(h.value())));
      sep = ",";
    }
    b.append("},\"value\":");
    String value = r.value() == null ? null : text(r.value()).strip();
    if (value == null) {
      b.append("null");
    } else if (value.startsWith("{") && value.endsWith("}")) {
      b.append(value.replace("\n", "").replace("\r", ""));
    } else {
      b.append(string(value));
    }
    return b.append('}').toString();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A JSON string (RFC 8259, section 7). */
  static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
