package org.roentgen.validation.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.roentgen.validation.domain.CachingWorklist;
import org.roentgen.validation.domain.InMemoryStudyIdentities;
import org.roentgen.validation.domain.RuleBook;
import org.roentgen.validation.domain.RuleBookLoader;
import org.roentgen.validation.domain.ScheduledStep;
import org.roentgen.validation.domain.ValidationMetrics;
import org.roentgen.validation.domain.Validator;
import org.roentgen.validation.messaging.ReceivedHandler;

/**
 * The service's {@link ReceivedHandler} alone, in this JVM on one thread: the same records decoded,
 * validated (orders from memory through the service's {@link CachingWorklist}), encoded and handed
 * to a {@link MockProducer} instead of Kafka, flushed every 500 records (the consumer's poll
 * batch). What is left of the service's CPU per instance is Kafka's client side, commits and the
 * rest of the process.
 */
final class HandlerAlone {
  /**
   * Instances, wall seconds, CPU seconds of this process (all threads, and its JIT compilers alone)
   * and of the handling thread.
   */
  record Result(int instances, double wallSeconds, ProcCpu.Snapshot process, double threadCpu) {}

  private static final int BATCH = 500;

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(
          true, new OnePartition(), new StringSerializer(), new ByteArraySerializer());
  private final ReceivedHandler handler;

  /** A handler whose worklist holds {@code orders}. */
  HandlerAlone(List<ScheduledStep> orders) {
    Map<String, List<ScheduledStep>> byAccession = new HashMap<>();
    orders.forEach(s -> byAccession.put(s.accessionNumber(), List.of(s)));
    RuleBook rules = RuleBookLoader.defaults();
    InMemoryStudyIdentities identities = new InMemoryStudyIdentities(200_000, 2_000_000);
    Validator validator =
        new Validator(
            () -> rules,
            new CachingWorklist(a -> byAccession.getOrDefault(a, List.of())),
            identities,
            Clock.systemUTC(),
            "bench");
    handler =
        new ReceivedHandler(
            validator,
            producer,
            "bench-validated",
            "bench-recheck",
            "/roentgen/labeling-validation/bench",
            Duration.ofSeconds(30),
            identities,
            new ReceivedHandler.RecheckPolicy(0, Duration.ofMinutes(5)),
            new ValidationMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC());
  }

  /** Handles {@code sent} as the consumer would hand it over, on this thread. */
  Result run(List<ProducerRecord<String, byte[]>> sent) throws Exception {
    List<ConsumerRecord<String, byte[]>> records = consumed(sent);
    var threads = ManagementFactory.getThreadMXBean();
    long pid = ProcessHandle.current().pid();
    ProcCpu.Snapshot process = ProcCpu.Snapshot.of(pid);
    long thread = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    handle(handler, producer, records);
    long wall = System.nanoTime() - start;
    return new Result(
        records.size(),
        wall / 1e9,
        ProcCpu.Snapshot.of(pid).minus(process),
        (threads.getCurrentThreadCpuTime() - thread) / 1e9);
  }

  private static void handle(
      ReceivedHandler handler,
      MockProducer<String, byte[]> producer,
      List<ConsumerRecord<String, byte[]>> records)
      throws Exception {
    int n = 0;
    for (ConsumerRecord<String, byte[]> r : records) {
      handler.handle(r);
      if (++n % BATCH == 0) {
        handler.flush();
        producer.clear();
      }
    }
    handler.flush();
    producer.clear();
  }

  /** Every record to partition 0 (the mock has no cluster to spread them over). */
  private static final class OnePartition implements Partitioner {
    @Override
    public int partition(
        String topic, Object key, byte[] k, Object value, byte[] v, Cluster cluster) {
      return 0;
    }

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public void close() {}
  }

  /** The records as the consumer would hand them over (one partition, consecutive offsets). */
  private static List<ConsumerRecord<String, byte[]>> consumed(
      List<ProducerRecord<String, byte[]>> sent) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>(sent.size());
    long offset = 0;
    for (ProducerRecord<String, byte[]> r : sent) {
      out.add(
          new ConsumerRecord<>(
              r.topic(),
              0,
              offset++,
              System.currentTimeMillis(),
              TimestampType.CREATE_TIME,
              -1,
              r.value().length,
              r.key(),
              r.value(),
              r.headers(),
              Optional.empty()));
    }
    return out;
  }
}
