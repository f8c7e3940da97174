package org.roentgen.archive.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Every setting of the archive, under {@code archive.}; each in the README. */
@ConfigMapping(prefix = "archive")
public interface ArchiveConfig {

  /** Kafka: the pipeline's topics that build the index, and the release topic it publishes. */
  Kafka kafka();

  /** The object store that holds the instances (read for WADO-RS; written for corrections). */
  S3 s3();

  /** DICOMweb. */
  Dicomweb dicomweb();

  /** Authentication (OIDC is configured under {@code quarkus.oidc.}). */
  Auth auth();

  /** Authentication settings. */
  interface Auth {
    /**
     * The local user store (user:roles:hash lines); absent: no local users, OIDC bearer tokens
     * only.
     */
    Optional<Path> usersFile();

    /**
     * Creates the user file with one user per role and random passwords when it is missing (the
     * local stack's default; never in production).
     */
    @WithDefault("false")
    boolean bootstrapUsers();

    /** How long a checked password is remembered (as a digest) before it is checked again. */
    @WithDefault("5m")
    Duration credentialCache();
  }

  /** Kafka settings. */
  interface Kafka {
    /** Bootstrap servers. */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /**
     * The consumer group; instances in one group share the work. A new group reads every topic from
     * its beginning: that is how an index is rebuilt.
     */
    @WithDefault("archive")
    String groupId();

    /** Received instances (ingest). */
    @WithDefault("dicom.instance.received.v1")
    String receivedTopic();

    /** Validated instances (labeling-validation). */
    @WithDefault("dicom.instance.validated.v1")
    String validatedTopic();

    /** Image-quality results (artifact-detection). */
    @WithDefault("dicom.instance.qc.v1")
    String qcTopic();

    /** Deliveries, dead letters and quarantines (router). */
    @WithDefault("dicom.instance.delivery.v1")
    String deliveryTopic();

    /** Instances released from quarantine (published by the archive itself, read back). */
    @WithDefault("dicom.instance.released.v1")
    String releasedTopic();

    /** Bound on publishing a release (acks=all); past it the release is refused, nothing done. */
    @WithDefault("30s")
    Duration publishTimeout();

    /**
     * How long each group waits for an instance that stopped heartbeating (killed, frozen, its
     * machine gone) before its partitions go to the other instances of the group: shorter fails
     * over sooner, longer rides out pauses. Within the broker's bounds ({@code
     * group.min.session.timeout.ms} to {@code group.max.session.timeout.ms}, 6 s to 30 min by
     * default).
     */
    @WithDefault("45s")
    Duration sessionTimeout();

    /** First wait before an event that failed for a transient reason is applied again. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Longest wait between tries of a failing event. */
    @WithDefault("30s")
    Duration retryMaxBackoff();
  }

  /** Object store settings. */
  interface S3 {
    /** The S3 endpoint (MinIO in production, S3Proxy locally). */
    @WithDefault("http://127.0.0.1:9000")
    String endpoint();

    /** Access key. */
    String accessKey();

    /** Secret key. */
    String secretKey();

    /** Region. */
    @WithDefault("us-east-1")
    String region();

    /** Bound on opening a connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Bound on one request. */
    @WithDefault("60s")
    Duration requestTimeout();
  }

  /** DICOMweb settings. */
  interface Dicomweb {
    /**
     * The base URL that retrieve URLs in QIDO-RS answers start with, such as {@code
     * https://archive.example.org/dicomweb}; absent: taken from each request.
     */
    Optional<String> baseUrl();

    /** Results of one QIDO-RS search when the request names no limit. */
    @WithDefault("100")
    int defaultLimit();

    /** The most results one QIDO-RS search returns, whatever limit the request names. */
    @WithDefault("1000")
    int maxLimit();
  }

  /** The QA reports (dose, rejects, labeling). */
  Reports reports();

  /** Report settings. */
  interface Reports {
    /**
     * The underexposure action level of the deviation index: a DI below it calls for action (AAPM
     * TG-116: below -3, a repeat is likely needed).
     */
    @WithDefault("-3.0")
    double diActionLow();

    /**
     * The overexposure action level of the deviation index: a DI above it calls for action (AAPM
     * TG-116: above +3, excessive exposure, management follow-up).
     */
    @WithDefault("3.0")
    double diActionHigh();

    /** The target range of the deviation index, either way: |DI| above it is outside the range. */
    @WithDefault("1.0")
    double diTarget();

    /**
     * The most rows one request of the per-exam dose listing answers ({@code limit}, {@code offset}
     * page).
     */
    @WithDefault("10000")
    int maxExams();
  }

  /** The quarantine review. */
  Review review();

  /** Review settings. */
  interface Review {
    /**
     * How often the quarantine's metrics (instances held and the oldest one's age, per station) are
     * read from the index.
     */
    @WithDefault("10s")
    Duration metricsInterval();
  }

  /** Retention: the scheduled run, the deletions topic, the bounds of a run. */
  Retention retention();

  /** Retention settings (the policies and legal holds are in the database, set by admins). */
  interface Retention {
    /**
     * How often the policies are applied on their own (audited as the user {@code retention});
     * absent: only when an admin runs them ({@code POST /api/retention/run}).
     */
    Optional<Duration> interval();

    /**
     * The archive's compacted topic of deleted instances (key: SOP Instance UID). Read from its
     * beginning by a new consumer group before the index consumers start, so that a rebuilt index
     * does not bring deleted instances back.
     */
    @WithDefault("roentgen.archive.deletions.v1")
    String deletionsTopic();

    /** The most studies one run deletes (or a dry run lists); the rest wait for the next run. */
    @WithDefault("1000")
    int maxStudies();

    /**
     * The time zone (an IANA id such as {@code Europe/Zurich}) of the dates ages are counted in
     * (StudyDate is local); absent: the system's.
     */
    Optional<String> zone();

    /**
     * Bound on each wait for Kafka: reading the deletions topic at start without progress, and the
     * acknowledgement of each publication.
     */
    @WithDefault("60s")
    Duration kafkaTimeout();
  }
}
