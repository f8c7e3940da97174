package org.roentgen.router.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the router, under {@code router.}; each in the README with its default. */
@ConfigMapping(prefix = "router")
public interface RouterConfig {
  /** Kafka. */
  Kafka kafka();

  /** The object store the instances are read from (and S3 destinations write to). */
  S3 s3();

  /** The rule file. */
  Rules rules();

  /** De-identification for the destinations whose rules ask for it. */
  Deidentify deidentify();

  /** The destinations, by name ({@code router.destinations.pacs.kind=dicom}). */
  Map<String, DestinationConfig> destinations();

  /**
   * Pools: several destinations the rules address by one name ({@code
   * router.pools.readers.members=a,b}).
   */
  Map<String, PoolConfig> pools();

  /** The delivery engine. */
  Engine engine();

  /** Kafka settings. */
  interface Kafka {
    /** Bootstrap servers. */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /**
     * The consumer group; router instances in one group share the work. The release topic is
     * consumed in the group {@code <group-id>.release}.
     */
    @WithDefault("router")
    String groupId();

    /**
     * The input topic: the last stage's events. {@code dicom.instance.received.v1} or {@code
     * dicom.instance.validated.v1} run the router without the later checks.
     */
    @WithDefault("dicom.instance.qc.v1")
    String inputTopic();

    /**
     * The release topic: instances a reviewer released from quarantine (published by the archive),
     * routed again without the quarantine rules and the FAIL default. Consumed beside the input
     * topic, in its own consumer group ({@code <group-id>.release}).
     */
    @WithDefault("dicom.instance.released.v1")
    String releaseTopic();

    /** Where delivery and quarantine events go. */
    @WithDefault("dicom.instance.delivery.v1")
    String outputTopic();

    /** The delivery ledger's compacted topic. */
    @WithDefault("roentgen.router.ledger.v1")
    String ledgerTopic();

    /** The dead-letter records' compacted topic. */
    @WithDefault("roentgen.router.dead-letters.v1")
    String deadLetterTopic();

    /**
     * Instances taken from Kafka and not yet finished (delivered everywhere, dead-lettered or
     * quarantined); at the bound the consumer pauses. Their offsets are committed in order as they
     * finish.
     */
    @WithDefault("10000")
    int maxInFlight();

    /** How often finished offsets are committed. */
    @WithDefault("1s")
    Duration commitInterval();

    /** Bound on one publish or state write (acks=all). */
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

    /** First wait before an event whose routing failed (Kafka down) is routed again. */
    @WithDefault("500ms")
    Duration retryBackoff();

    /** Longest wait between routings of a failing event. */
    @WithDefault("30s")
    Duration retryMaxBackoff();
  }

  /** The object store. */
  interface S3 {
    /** The S3 endpoint (MinIO in production, S3Proxy in the local stack). */
    @WithDefault("http://127.0.0.1:9000")
    String endpoint();

    /** Access key; in production from the environment (ROENTGEN_S3_ACCESS_KEY). */
    @WithDefault("roentgen")
    String accessKey();

    /** Secret key; in production from the environment (ROENTGEN_S3_SECRET_KEY). */
    @WithDefault("roentgen-local")
    String secretKey();

    /** The region the client signs requests for (MinIO accepts any). */
    @WithDefault("us-east-1")
    String region();

    /** The bucket of the DICOM objects, for the readiness check. */
    @WithDefault("dicom")
    String bucket();

    /** How long opening a connection to the object store may take before the read is retried. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long one request to the object store may take before it is retried. */
    @WithDefault("60s")
    Duration requestTimeout();

    /**
     * How long after its receipt an instance whose object is not in the store yet is retried:
     * ingest publishes the event while the upload finishes, and a failed upload is sent again by
     * the modality. Past it, a missing object is a permanent failure.
     */
    @WithDefault("10m")
    Duration missingGrace();
  }

  /** The rule file. */
  interface Rules {
    /** The YAML rule file; reloaded when it changes. */
    Path file();

    /** How often the file is looked at. */
    @WithDefault("2s")
    Duration reloadInterval();

    /** The zone of the rules' time windows (default: the system's). */
    Optional<String> zone();
  }

  /** De-identification. */
  interface Deidentify {
    /**
     * The site's secret (at least 16 bytes) from which replacement UIDs and pseudonyms are derived:
     * the same on every router instance, kept across restarts, never logged. In production from the
     * environment (ROENTGEN_DEIDENTIFY_KEY).
     */
    String siteKey();

    /** The private creators whose blocks the Retain Safe Private option keeps. */
    Optional<List<String>> safePrivateCreators();
  }

  /** One destination. */
  interface DestinationConfig {
    /** dicom, stow-rs or s3. */
    String kind();

    // ---- dicom ----
    /** The peer's AE title (dicom). */
    Optional<String> aeTitle();

    /** Host (dicom). */
    Optional<String> host();

    /** Port (dicom). */
    Optional<Integer> port();

    /** The calling AE title the router presents (dicom). */
    @WithDefault("ROENTGEN")
    String callingAeTitle();

    /** Associations open at once (dicom); also the deliveries at once. */
    @WithDefault("2")
    int maxAssociations();

    /** Transfer syntaxes to convert to when the peer refuses the instance's own (dicom). */
    Optional<List<String>> transferSyntaxes();

    /**
     * The longest PDU the router receives, and sends at most (dicom): the peer's own limit, when
     * smaller, wins.
     */
    @WithDefault("262144")
    int maxPduLength();

    /** How long opening the TCP connection may take (dicom and stow-rs); then the attempt fails. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * How long the peer may take to accept or reject an association, and to answer a release
     * (dicom).
     */
    @WithDefault("10s")
    Duration associationTimeout();

    /** How long the peer may take to answer one C-STORE or C-ECHO (dicom). */
    @WithDefault("60s")
    Duration dimseTimeout();

    /** Idle associations are released after this long (dicom). */
    @WithDefault("30s")
    Duration idleRelease();

    /** TLS (dicom and stow-rs): a trust store turns it on. */
    Optional<Path> trustStore();

    /** The trust store's password, if it has one. */
    Optional<String> trustStorePassword();

    /** The router's own certificate and key, for peers that require a client certificate (TLS). */
    Optional<Path> keyStore();

    /** The key store's password. */
    Optional<String> keyStorePassword();

    // ---- stow-rs ----
    /** The STOW-RS URL, e.g. https://pacs/dicom-web/studies (stow-rs). */
    Optional<URI> url();

    /** Basic authentication user (stow-rs). */
    Optional<String> username();

    /** Basic authentication password (stow-rs); from a Secret or the environment, never logged. */
    Optional<String> password();

    /** Bearer token (stow-rs), instead of a user. */
    Optional<String> token();

    /** How long one STOW-RS request may take, upload and answer (stow-rs). */
    @WithDefault("2m")
    Duration requestTimeout();

    /** Requests at once (stow-rs). */
    @WithDefault("4")
    int maxConcurrent();

    // ---- s3 ----
    /** The bucket (s3); the object store is router.s3's. */
    Optional<String> bucket();

    /** Prefix of the keys (s3). */
    Optional<String> keyPrefix();

    // ---- every kind ----
    /** Retries. */
    Retry retry();

    /** The circuit breaker. */
    Breaker breaker();
  }

  /** A destination's retries. */
  interface Retry {
    /**
     * Attempts of one delivery before it is dead-lettered; attempts are not counted while the
     * circuit is open.
     */
    @WithDefault("10")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles (with jitter) on each failure. */
    @WithDefault("1s")
    Duration initialBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("5m")
    Duration maxBackoff();

    /** Past this age in the queue an instance is dead-lettered. */
    @WithDefault("24h")
    Duration maxAge();
  }

  /** A destination's circuit breaker. */
  interface Breaker {
    /** Consecutive transient failures that open the circuit. */
    @WithDefault("5")
    int failureThreshold();

    /** First wait before the probe (C-ECHO for DICOM peers). */
    @WithDefault("5s")
    Duration openFor();

    /** Longest wait between probes. */
    @WithDefault("2m")
    Duration maxOpenFor();
  }

  /** A pool of destinations. */
  interface PoolConfig {
    /** failover (the first member while it answers) or shared (by study). */
    @WithDefault("failover")
    String mode();

    /** The member destinations, in order. */
    List<String> members();

    /** A member that failed is passed over this long while another answers. */
    @WithDefault("30s")
    Duration cooldown();

    /** Deliveries at once through the pool. */
    @WithDefault("2")
    int concurrency();

    Retry retry();

    Breaker breaker();
  }

  /** The delivery engine. */
  interface Engine {
    /** How often held studies are checked for quiet. */
    @WithDefault("1s")
    Duration holdTick();

    /**
     * At shutdown, how long deliveries in flight may take to finish before they are handed back.
     */
    @WithDefault("20s")
    Duration shutdownTimeout();
  }
}
