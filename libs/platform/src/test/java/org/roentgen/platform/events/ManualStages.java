package org.roentgen.platform.events;

import static org.roentgen.platform.events.KafkaTestSupport.await;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An {@link AsyncRecordHandler} whose stages the test completes by hand, on the test's thread (so
 * the consumer learns of them from another thread, as from a delivery's). Safe from any thread.
 */
final class ManualStages implements AsyncRecordHandler {
  /** One hand-over: the record and the stage returned for it. */
  record Call(ConsumerRecord<String, byte[]> record, CompletableFuture<Void> stage) {
    String value() {
      return KafkaTestSupport.text(record.value());
    }
  }

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger completed = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();

  @Override
  public synchronized CompletionStage<?> handle(ConsumerRecord<String, byte[]> record) {
    Call call = new Call(record, new CompletableFuture<>());
    calls.add(call);
    maxOpen.accumulateAndGet(calls.size() - completed.get(), Math::max);
    return call.stage();
  }

  /** Hand-overs so far. */
  int size() {
    return calls.size();
  }

  /** The values handed over, in hand-over order. */
  List<String> values() {
    return calls.stream().map(Call::value).toList();
  }

  /** The values of one partition handed over, in hand-over order. */
  List<String> values(int partition) {
    return calls.stream()
        .filter(c -> c.record().partition() == partition)
        .map(Call::value)
        .toList();
  }

  /**
   * The most stages ever open at once, counted when a record is handed over: at least the records
   * the consumer had in flight then.
   */
  int maxOpen() {
    return maxOpen.get();
  }

  /** Completes the oldest open stage of {@code value}, once it is handed over. */
  void complete(String value) {
    Call call = open(value);
    completed.incrementAndGet();
    call.stage().complete(null);
  }

  /** Completes the oldest open stage of {@code value} with {@code failure}. */
  void fail(String value, Throwable failure) {
    Call call = open(value);
    completed.incrementAndGet();
    call.stage().completeExceptionally(failure);
  }

  /** Completes the {@code n} oldest open stages, in hand-over order. */
  void completeOldest(int n) {
    calls.stream().filter(c -> !c.stage().isDone()).limit(n).forEach(c -> complete(c.value()));
  }

  /** Completes every open stage, in hand-over order. */
  void completeAll() {
    completeOldest(Integer.MAX_VALUE);
  }

  private Call open(String value) {
    await("a stage of " + value + " open", () -> find(value) != null);
    return find(value);
  }

  private Call find(String value) {
    return calls.stream()
        .filter(c -> c.value().equals(value) && !c.stage().isDone())
        .findFirst()
        .orElse(null);
  }
}
