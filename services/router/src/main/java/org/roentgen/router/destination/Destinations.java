package org.roentgen.router.destination;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roentgen.router.delivery.Destination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destinations of a router, built from their settings (names unique), and closed together.
 *
 * <pre>{@code
 * try (Destinations d = Destinations.of(List.of(
 *     DicomDestinationSettings.of("pacs", "PACS", "pacs.local", 104),
 *     StowRsDestinationSettings.of("web", URI.create("https://web.local/dicom-web/studies"))))) {
 *   d.get("pacs").orElseThrow().send(payload);
 * }
 * }</pre>
 */
public final class Destinations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Destinations.class);

  private final Map<String, Destination> byName;

  private Destinations(Map<String, Destination> byName) {
    this.byName = byName;
  }

  /**
   * Builds every destination; when one cannot be built (bad TLS stores, say), those already built
   * are closed and the error is thrown.
   *
   * @throws IllegalArgumentException when two have the same name or one's settings are unusable
   */
  public static Destinations of(Collection<? extends DestinationSettings> settings) {
    Map<String, Destination> built = new LinkedHashMap<>();
    try {
      for (DestinationSettings s : settings) {
        if (built.containsKey(s.name())) {
          throw new IllegalArgumentException("two destinations are named " + s.name());
        }
        built.put(s.name(), create(s));
      }
    } catch (RuntimeException e) {
      built.values().forEach(Destinations::closeQuietly);
      throw e;
    }
    return new Destinations(built);
  }

  /** Builds one destination of the settings' kind. */
  public static Destination create(DestinationSettings settings) {
    if (settings instanceof DicomDestinationSettings d) {
      return new DicomDestination(d);
    }
    if (settings instanceof StowRsDestinationSettings s) {
      return new StowRsDestination(s);
    }
    if (settings instanceof S3DestinationSettings s) {
      return new S3Destination(s);
    }
    // DestinationSettings is sealed: a new kind must be added above.
    throw new IllegalArgumentException("unknown kind of destination: " + settings);
  }

  /** The destination of this name. */
  public Optional<Destination> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The names, in the order of the settings. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Every destination, in the order of the settings. */
  public List<Destination> all() {
    return List.copyOf(byName.values());
  }

  /**
   * Closes every destination (in reverse order); one that fails to close does not stop the rest.
   */
  @Override
  public void close() {
    List<Destination> all = new ArrayList<>(byName.values());
    java.util.Collections.reverse(all);
    all.forEach(Destinations::closeQuietly);
  }

  private static void closeQuietly(Destination d) {
    try {
      d.close();
    } catch (RuntimeException e) {
      LOG.warn("closing destination {} failed", d.name(), e);
    }
  }
}
