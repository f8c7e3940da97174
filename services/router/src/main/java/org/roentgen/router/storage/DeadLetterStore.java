package org.roentgen.router.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.roentgen.contracts.EventJson;
import org.roentgen.platform.events.CompactedView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter records in a compacted topic (key {@code destination|SOP Instance UID}), shared
 * by every router instance: a record stays until its instance has been re-driven and delivered.
 */
public final class DeadLetterStore {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
  private static final ObjectMapper JSON = EventJson.mapper();
  private final CompactedView view;

  /** A started view of the dead-letter topic. */
  public DeadLetterStore(CompactedView view) {
    this.view = view;
  }

  /** Keeps {@code d}, waiting for the acknowledgement. */
  public void add(DeadLetter d) throws Exception {
    view.put(d.key(), JSON.writeValueAsBytes(d));
  }

  /** Forgets the record (after its re-drive was delivered). */
  public void remove(DeadLetter d) throws Exception {
    view.remove(d.key());
  }

  /** The records that {@code filter} accepts, oldest first. */
  public List<DeadLetter> list(Predicate<DeadLetter> filter) {
    List<DeadLetter> out = new ArrayList<>();
    for (byte[] v : view.snapshot().values()) {
      try {
        DeadLetter d = JSON.readValue(v, DeadLetter.class);
        if (filter.test(d)) {
          out.add(d);
        }
      } catch (IOException e) {
        LOG.warn("an unreadable dead-letter record in {} skipped: {}", view.topic(), e.toString());
      }
    }
    out.sort(Comparator.comparing(DeadLetter::at));
    return out;
  }

  public int size() {
    return view.size();
  }
}
