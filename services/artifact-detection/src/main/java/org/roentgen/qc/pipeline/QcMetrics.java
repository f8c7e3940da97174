package org.roentgen.qc.pipeline;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import org.roentgen.contracts.InstanceQc.Finding;
import org.roentgen.platform.metrics.MetricNames;
import org.roentgen.qc.domain.Analysis;
import org.roentgen.qc.domain.CheckIds;
import org.roentgen.qc.domain.ImageHeader;

/**
 * The service's metrics (prefix {@code roentgen_qc_}): images by verdict, findings by check and
 * severity (and station), images not analysed by reason; per station (StationName, else
 * DeviceSerialNumber) the images, the exposure index distribution, the deviation index by TG-116
 * band and its sum, and the images with an artifact; the time per image and per check; the
 * process's resident memory. Labels are verdicts, check ids, reasons and station names: never
 * patient data.
 */
public final class QcMetrics {
  static final String SERVICE = "qc";

  /** The checks whose findings count an image as one with an artifact. */
  public static final Set<String> ARTIFACT_CHECKS =
      Set.of(CheckIds.GRID_LINES, CheckIds.DETECTOR_DEFECT, CheckIds.FOREIGN_OBJECT);

  /** Buckets of the time histograms, from a millisecond to ten seconds. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
    Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  /** The cause of a dead letter whose record is not a validated event. */
  public static final String UNREADABLE_EVENT = "unreadable_event";

  private final MeterRegistry registry;
  private final Timer processing;
  private final Map<String, DoubleAdder> deviationSums = new ConcurrentHashMap<>();

  public QcMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.processing =
        Timer.builder(MetricNames.name(SERVICE, "processing"))
            .description("Time per image: pixel fetch, decode, checks and preview upload")
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
    // Registered at zero, so that the first dead letter is an increase Prometheus can see.
    registry.counter(name("dead_letters"), MetricNames.CAUSE, UNREADABLE_EVENT);
    Gauge.builder(
            MetricNames.name(SERVICE, "process_resident_memory"), ProcessMemory::residentBytes)
        .baseUnit("bytes")
        .description(
            "Resident memory of the whole process (VmRSS): Java heap and native memory such as"
                + " OpenCV's images together, as the kernel counts it")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Counts one image and what its analysis found; {@code took} is the whole image's time. */
  public void inspected(ImageHeader header, Analysis a, Duration took) {
    registry.counter(name("images"), "verdict", a.verdict().name()).increment();
    if (a.notAnalysed() != null) {
      registry.counter(name("not_analysed"), "reason", a.notAnalysed().reason().name()).increment();
    }
    String station = MetricNames.tagValue(header.station());
    boolean artifact = false;
    for (Finding f : a.findings()) {
      registry
          .counter(
              name("findings"),
              "check",
              f.checkId(),
              "severity",
              f.severity().name(),
              "station",
              station)
          .increment();
      artifact |= ARTIFACT_CHECKS.contains(f.checkId());
    }
    for (Map.Entry<String, Long> e : a.checkNanos().entrySet()) {
      Timer.builder(name("check"))
          .description("Time per check of one image (\"decode\": the pixel decoding)")
          .tag("check", e.getKey())
          .serviceLevelObjectives(BUCKETS)
          .register(registry)
          .record(e.getValue(), TimeUnit.NANOSECONDS);
    }
    processing.record(took);
    station(header, station, artifact);
  }

  private void station(ImageHeader header, String station, boolean artifact) {
    registry.counter(name("station_images"), "station", station).increment();
    if (artifact) {
      registry.counter(name("artifact_images"), "station", station).increment();
    }
    Double ei = header.exposureIndex();
    if (ei != null && ei >= 0) {
      DistributionSummary.builder(name("exposure_index"))
          .description("Exposure index (0018,1411, IEC 62494-1) of the images, per station")
          .tag("station", station)
          .serviceLevelObjectives(50, 100, 200, 400, 800, 1600, 3200)
          .register(registry)
          .record(ei);
    }
    Double di = header.deviationIndex();
    if (di != null) {
      registry
          .counter(name("deviation_index_images"), "station", station, "band", band(di))
          .increment();
      // Micrometer summaries drop negative values: the signed sum is a gauge of its own.
      deviationSums
          .computeIfAbsent(
              station,
              s -> {
                DoubleAdder sum = new DoubleAdder();
                Gauge.builder(name("deviation_index_sum"), sum, DoubleAdder::sum)
                    .description(
                        "Sum of the deviation indices (0018,1413) since start, per station; over"
                            + " the count of roentgen_qc_deviation_index_images_total it is the mean")
                    .tag("station", s)
                    .register(registry);
                return sum;
              })
          .add(di);
    }
  }

  /** The deviation index's band, by the action levels of AAPM TG-116 (-3, -1, +1, +3). */
  static String band(double di) {
    if (di < -3) {
      return "below_-3";
    }
    if (di < -1) {
      return "-3_to_-1";
    }
    if (di <= 1) {
      return "-1_to_1";
    }
    if (di <= 3) {
      return "1_to_3";
    }
    return "above_3";
  }

  /** Counts a retry of an image whose handling failed for a transient reason. */
  public void retried() {
    registry.counter(name("retries")).increment();
  }

  /** Counts a record that went to the dead-letter topic. */
  public void deadLettered(String cause) {
    registry.counter(name("dead_letters"), MetricNames.CAUSE, cause).increment();
  }

  private static String name(String what) {
    return MetricNames.name(SERVICE, what);
  }
}
