package org.roentgen.qc.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.roentgen.contracts.InstanceValidated.Severity;

/**
 * Every setting of artifact-detection, under {@code qc.}; each in the README. The checks' own
 * settings default to {@code QcSettings.defaults()}: a key that is absent keeps that default.
 */
@ConfigMapping(prefix = "qc")
public interface QcConfig {

  /** Kafka. */
  Kafka kafka();

  /** The object store the objects are read from and the previews written to. */
  S3 s3();

  /** The analysis of the pixels. */
  Analysis analysis();

  /** The history per station and protocol that thresholds become relative to. */
  Baselines baselines();

  /**
   * Per-check overrides, by check id ({@code qc.checks."exposure.under".threshold=0.05}): {@code
   * enabled}, {@code severity} (FAIL, WARN, INFO), {@code threshold}. An unknown id stops the
   * service at start.
   */
  Map<String, CheckOverride> checks();

  /** Kafka settings. */
  interface Kafka {
    /** Bootstrap servers. */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** The consumer group; instances in one group share the work. */
    @WithDefault("artifact-detection")
    String groupId();

    /** The topic of validated instances (input). */
    @WithDefault("dicom.instance.validated.v1")
    String inputTopic();

    /** The topic of analysed instances (output). */
    @WithDefault("dicom.instance.qc.v1")
    String outputTopic();

    /** Consumers (threads) in this instance, each analysing one image at a time. */
    @WithDefault("1")
    int consumers();

    /**
     * Records per poll. One poll's images must be analysed within Kafka's max.poll.interval (5
     * min), so this stays small: 20 images of 3 s each take a minute.
     */
    @WithDefault("20")
    int maxPollRecords();

    /** Bound on one publish (acks=all); past it the image is retried, never skipped. */
    @WithDefault("30s")
    Duration publishTimeout();

    /**
     * How long the group waits for an instance that stopped heartbeating (killed, frozen, its
     * machine gone) before its partitions go to the other instances of the group: shorter fails
     * over sooner, longer rides out pauses. Within the broker's bounds ({@code
     * group.min.session.timeout.ms} to {@code group.max.session.timeout.ms}, 6 s to 30 min by
     * default).
     */
    @WithDefault("45s")
    Duration sessionTimeout();

    /** First wait before an image that failed for a transient reason is tried again. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Longest wait between tries of a failing image. */
    @WithDefault("30s")
    Duration retryMaxBackoff();
  }

  /** The object store. */
  interface S3 {
    /** S3 endpoint URL. */
    @WithDefault("http://127.0.0.1:9000")
    String endpoint();

    /** Access key; in production from the environment (ROENTGEN_S3_ACCESS_KEY). */
    @WithDefault("roentgen")
    String accessKey();

    /** Secret key; in production from the environment (ROENTGEN_S3_SECRET_KEY). */
    @WithDefault("roentgen-local")
    String secretKey();

    /** Region to sign for. */
    @WithDefault("us-east-1")
    String region();

    /**
     * The bucket of the DICOM objects, for the readiness check (each event names its object's own
     * bucket, which is the one read).
     */
    @WithDefault("dicom")
    String bucket();

    /** Where previews go; absent: beside the object, in the object's bucket. */
    Optional<String> previewBucket();

    /** Bound on connecting to S3. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Bound on each read or write of an S3 request. */
    @WithDefault("30s")
    Duration requestTimeout();
  }

  /** Analysis settings. */
  interface Analysis {
    /**
     * Threads OpenCV may use inside one call; 1 keeps an image on one core, so images (consumers)
     * run side by side.
     */
    @WithDefault("1")
    int opencvThreads();

    /**
     * The largest pixel data value read (bytes); a larger one is not analysed
     * (UNSUPPORTED_IMAGE_TYPE) rather than filling the heap. 256 MiB.
     */
    @WithDefault("268435456")
    long maxPixelDataSize();

    /** The working pixel spacing in mm; absent: the checks' default. */
    OptionalDouble workingSpacingMm();

    /** The spacing assumed when the header gives none, in mm; absent: the checks' default. */
    OptionalDouble assumedSpacingMm();

    /** The longer side of the preview PNG, in pixels; absent: the checks' default. */
    OptionalInt previewSize();

    /** The history a station and protocol needs before thresholds become relative. */
    OptionalInt baselineMinSamples();

    /** The quantile of that history a low-is-bad metric is compared with (0 to 0.5). */
    OptionalDouble baselineQuantile();

    /**
     * The detectors' calibration for exposure.index-mismatch until a station has history: median
     * anatomy signal (share of the detector range) per unit of exposure index.
     */
    OptionalDouble signalPerExposureIndex();
  }

  /** Baselines settings. */
  interface Baselines {
    /**
     * The service's own compacted topic of baselines (key station|protocol|metric|instance, value
     * the latest values), read back at start.
     */
    @WithDefault("roentgen.qc.baselines.v1")
    String topic();

    /** Values kept per station, protocol and metric (the latest ones). */
    @WithDefault("500")
    int window();

    /** How often the series that changed are written to the topic (and once at shutdown). */
    @WithDefault("30s")
    Duration writeInterval();
  }

  /** One check's overrides; absent keys keep the default. */
  interface CheckOverride {
    /** Runs or not. */
    Optional<Boolean> enabled();

    /** The severity of its findings. */
    Optional<Severity> severity();

    /** Its threshold, in the check's unit (README, "Checks"). */
    OptionalDouble threshold();
  }
}
