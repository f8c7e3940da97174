package org.roentgen.platform.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The naming conventions of Roentgen's metrics, so dashboards and alerts can rely on them:
 *
 * <ul>
 *   <li>names are {@code roentgen.<service>.<what>} in Micrometer (dots), exported to Prometheus as
 *       {@code roentgen_<service>_<what>} with the unit and {@code _total} suffixes Micrometer adds
 *       (e.g. {@code roentgen.ingest.instances} becomes {@code roentgen_ingest_instances_total});
 *   <li>every metric carries the {@code service} tag (the Quarkus application name);
 *   <li>tags are low-cardinality: AE titles, modality, SOP class, status, cause, policy, never a
 *       UID and never patient data.
 * </ul>
 */
public final class MetricNames {
  public static final String PREFIX = "roentgen";

  /** Tag: the service name, on every metric. */
  public static final String SERVICE = "service";

  /** Tag: the sender's AE title. */
  public static final String CALLING_AE = "calling_ae";

  /** Tag: the AE title called. */
  public static final String CALLED_AE = "called_ae";

  /** Tag: Modality (0008,0060). */
  public static final String MODALITY = "modality";

  /** Tag: the SOP class keyword (e.g. DigitalXRayImageStorageForPresentation). */
  public static final String SOP_CLASS = "sop_class";

  /** Tag: an outcome (success, failure, duplicate...). */
  public static final String OUTCOME = "outcome";

  /** Tag: why something failed or was refused. */
  public static final String CAUSE = "cause";

  /** Tag: an acknowledgement or delivery policy. */
  public static final String POLICY = "policy";

  /** The value of a tag that had no value. */
  public static final String NONE = "none";

  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9 _.\\-]");

  private MetricNames() {}

  /** {@code roentgen.<service>.<what>}; both parts lower-case words with underscores. */
  public static String name(String service, String what) {
    String s = service.replace('-', '_');
    if (!WORD.matcher(s).matches()) {
      throw new IllegalArgumentException("service must be a lower-case word: " + service);
    }
    for (String part : what.split("\\.")) {
      if (!WORD.matcher(part).matches()) {
        throw new IllegalArgumentException("metric name parts are lower-case words: " + what);
      }
    }
    return PREFIX + "." + s + "." + what;
  }

  /**
   * A tag value from text a peer sent (an AE title, a modality): trimmed, at most 16 characters
   * (the longest AE title), characters outside letters, digits, space, '_', '.', '-' replaced by
   * '_', {@link #NONE} when empty.
   */
  public static String tagValue(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    String v = value.strip();
    if (v.length() > 16) {
      v = v.substring(0, 16);
    }
    return UNSAFE.matcher(v).replaceAll("_").toUpperCase(Locale.ROOT);
  }
}
