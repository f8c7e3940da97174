package org.roentgen.archive.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.roentgen.archive.index.IndexedEvent;
import org.roentgen.archive.index.Indexer;
import org.roentgen.platform.events.RecordHandler;
import org.roentgen.platform.metrics.MetricNames;

/**
 * Applies each record of one pipeline topic to the index. A record that is not an event of the
 * topic's type, or lacks what every event carries, goes to the dead-letter topic; a database that
 * cannot take it now means the record is tried again (the consumer's backoff), never skipped.
 */
final class IndexHandler implements RecordHandler {
  private final IndexedEvent.Kind kind;
  private final String eventType;
  private final Indexer indexer;
  private final Map<Indexer.Result, Counter> counters = new EnumMap<>(Indexer.Result.class);

  IndexHandler(IndexedEvent.Kind kind, String eventType, Indexer indexer, MeterRegistry registry) {
    this.kind = kind;
    this.eventType = eventType;
    this.indexer = indexer;
    for (Indexer.Result r : Indexer.Result.values()) {
      counters.put(
          r,
          Counter.builder(MetricNames.name("archive", "events_indexed_total"))
              .description("Pipeline events applied to the index (DUPLICATE: applied before)")
              .tag("topic", kind.name().toLowerCase(java.util.Locale.ROOT))
              .tag("result", r.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
    }
  }

  @Override
  public void handle(ConsumerRecord<String, byte[]> record) throws Exception {
    counters.get(indexer.apply(IndexedEvent.fromRecord(record, kind, eventType))).increment();
  }
}
