package org.roentgen.validation.domain;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A {@link Worklist} that remembers its answers by accession number, so the images of one exam ask
 * the worklist once. An order found is kept for {@code hitTtl}; "no such order" only for the
 * shorter {@code missTtl}, since an order may be entered after its images arrive; an unavailable
 * worklist is never remembered. At most {@code maxEntries} accession numbers are kept, the least
 * recently used going first. Lookups of one accession number while it is being asked wait for that
 * one query instead of sending their own (so the delegate must bound its queries in time).
 *
 * <p>A blank accession number goes to the delegate as it is, neither kept nor counted. Thread-safe.
 * The counters are for the service's metrics.
 */
public final class CachingWorklist implements Worklist {
  public static final int DEFAULT_MAX_ENTRIES = 10_000;
  public static final Duration DEFAULT_HIT_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MISS_TTL = Duration.ofSeconds(30);

  private final Worklist delegate;
  private final int maxEntries;
  private final long hitTtlNanos;
  private final long missTtlNanos;
  private final LongSupplier nanoTime;

  /** Answers by accession number in access order, guarded by {@code this}. */
  private final LinkedHashMap<String, Entry> entries;

  /** Queries under way by accession number, guarded by {@code this}. */
  private final Map<String, CompletableFuture<List<ScheduledStep>>> inFlight = new HashMap<>();

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder queries = new LongAdder();

  private record Entry(List<ScheduledStep> steps, long expiresAt) {}

  /** With the default size and times, on {@link System#nanoTime()}. */
  public CachingWorklist(Worklist delegate) {
    this(delegate, DEFAULT_MAX_ENTRIES, DEFAULT_HIT_TTL, DEFAULT_MISS_TTL, System::nanoTime);
  }

  /**
   * @param maxEntries accession numbers kept at most (at least 1)
   * @param hitTtl how long an order found is kept; zero: not kept
   * @param missTtl how long "no such order" is kept; zero: not kept
   * @param nanoTime a monotonic time source in nanoseconds, like {@link System#nanoTime()}
   */
  public CachingWorklist(
      Worklist delegate, int maxEntries, Duration hitTtl, Duration missTtl, LongSupplier nanoTime) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    if (hitTtl.isNegative() || missTtl.isNegative()) {
      throw new IllegalArgumentException("negative time to live: " + hitTtl + ", " + missTtl);
    }
    this.maxEntries = maxEntries;
    this.hitTtlNanos = hitTtl.toNanos();
    this.missTtlNanos = missTtl.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CachingWorklist.this.maxEntries;
          }
        };
  }

  @Override
  public List<ScheduledStep> byAccession(String accessionNumber)
      throws WorklistUnavailableException {
    if (accessionNumber == null || accessionNumber.isBlank()) {
      return delegate.byAccession(accessionNumber);
    }
    String key = accessionNumber.strip();
    CompletableFuture<List<ScheduledStep>> query;
    boolean asking = false;
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null) {
        if (nanoTime.getAsLong() - e.expiresAt() < 0) {
          hits.increment();
          return e.steps();
        }
        entries.remove(key);
      }
      misses.increment();
      query = inFlight.get(key);
      if (query == null) {
        query = new CompletableFuture<>();
        inFlight.put(key, query);
        asking = true;
      }
    }
    return asking ? ask(key, query) : await(query);
  }

  private List<ScheduledStep> ask(String key, CompletableFuture<List<ScheduledStep>> query)
      throws WorklistUnavailableException {
    queries.increment();
    List<ScheduledStep> steps;
    try {
      steps = List.copyOf(delegate.byAccession(key));
    } catch (WorklistUnavailableException | RuntimeException | Error e) {
      synchronized (this) {
        inFlight.remove(key);
      }
      failures.increment();
      query.completeExceptionally(e);
      throw e;
    }
    long ttl = steps.isEmpty() ? missTtlNanos : hitTtlNanos;
    synchronized (this) {
      inFlight.remove(key);
      if (ttl > 0) {
        entries.put(key, new Entry(steps, nanoTime.getAsLong() + ttl));
      }
    }
    query.complete(steps);
    return steps;
  }

  private List<ScheduledStep> await(CompletableFuture<List<ScheduledStep>> query)
      throws WorklistUnavailableException {
    try {
      return query.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.increment();
      throw new WorklistUnavailableException("interrupted while waiting for the worklist", e);
    } catch (ExecutionException e) {
      failures.increment();
      Throwable cause = e.getCause();
      if (cause instanceof WorklistUnavailableException w) {
        // The same failure, with this caller's stack.
        throw new WorklistUnavailableException(w.getMessage(), w);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) cause;
    }
  }

  /** Lookups answered from the cache. */
  public long hits() {
    return hits.sum();
  }

  /** Lookups not in the cache (each sent a query or waited for one under way). */
  public long misses() {
    return misses.sum();
  }

  /** Lookups that failed: the worklist unavailable (or the delegate broke). */
  public long failures() {
    return failures.sum();
  }

  /** Queries sent to the worklist. */
  public long queries() {
    return queries.sum();
  }

  /** Accession numbers kept now (expired ones included until looked up or pushed out). */
  public synchronized int size() {
    return entries.size();
  }

  /** Forgets every answer (the next lookups ask the worklist). */
  public synchronized void clear() {
    entries.clear();
  }
}
