package org.roentgen.validation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Every setting of labeling-validation, under {@code validation.}; each in the README. */
@ConfigMapping(prefix = "validation")
public interface ValidationConfig {

  /**
   * The rule file (YAML). Absent: the shipped defaults ({@code rules/default-rules.yaml}). An
   * invalid file stops the service at start with the line of the problem.
   */
  Optional<Path> rulesFile();

  /** Kafka. */
  Kafka kafka();

  /** The modality worklist of the order check. */
  Worklist worklist();

  /** The patient identities remembered per study and instance. */
  Identities identities();

  /** Kafka settings. */
  interface Kafka {
    /** Bootstrap servers. */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** The consumer group; instances in one group share the work. */
    @WithDefault("labeling-validation")
    String groupId();

    /** The topic of received instances (input). */
    @WithDefault("dicom.instance.received.v1")
    String inputTopic();

    /** The topic of validated instances (output). */
    @WithDefault("dicom.instance.validated.v1")
    String outputTopic();

    /** The service's own topic of re-check requests (orders the worklist could not answer). */
    @WithDefault("labeling-validation.recheck.v1")
    String recheckTopic();

    /**
     * The service's own compacted topic of patient identity references (a study's first patient, an
     * instance's patient), read back at start: the identity checks survive a restart.
     */
    @WithDefault("labeling-validation.identities.v1")
    String identitiesTopic();

    /** Bound on one publish (acks=all); past it the instance is retried, never skipped. */
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

    /** First wait before an instance that failed for a transient reason is tried again. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Longest wait between tries of a failing instance. */
    @WithDefault("30s")
    Duration retryMaxBackoff();
  }

  /** Worklist settings; without a host, orders are not checked (order status DISABLED). */
  interface Worklist {
    /** The worklist SCP's host; absent: no order check. */
    Optional<String> host();

    /** Its port. */
    @WithDefault("11113")
    int port();

    /** Its AE title. */
    @WithDefault("WORKLIST")
    String calledAeTitle();

    /** The AE title this service calls with. */
    @WithDefault("ROENTGEN_VAL")
    String callingAeTitle();

    /** Bound on opening an association. */
    @WithDefault("3s")
    Duration connectTimeout();

    /** Bound on a whole query; a slower worklist counts as unavailable (order not checked). */
    @WithDefault("5s")
    Duration responseTimeout();

    /** Queries (associations) to the worklist at once. */
    @WithDefault("4")
    int maxAssociations();

    /** How long an idle association is kept for the next query; 0s: one association per query. */
    @WithDefault("30s")
    Duration keepAlive();

    /**
     * Re-checks of an order the worklist could not answer (down, slow): how many; 0 switches them
     * off. A re-check that reaches the worklist publishes a new verdict of the instance.
     */
    @WithDefault("12")
    int recheckAttempts();

    /** The wait before each re-check. */
    @WithDefault("5m")
    Duration recheckAfter();

    /** How long an order found stays cached. */
    @WithDefault("5m")
    Duration cacheTtl();

    /** How long "no order for this accession" stays cached (an order may be entered later). */
    @WithDefault("30s")
    Duration cacheNegativeTtl();

    /** Accession numbers cached at most. */
    @WithDefault("10000")
    int cacheMaxEntries();
  }

  /** Identity memory settings. */
  interface Identities {
    /** Studies whose first patient identity is remembered (least recently seen forgotten). */
    @WithDefault("200000")
    int maxStudies();

    /** SOP Instance UIDs whose patient identity is remembered. */
    @WithDefault("2000000")
    int maxInstances();
  }
}
