package org.roentgen.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roentgen.ingest.domain.AckPolicy;

/** Every setting of ingest, under {@code ingest.}; each key documented in the README. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

  /** The DICOM SCP. */
  Dicom dicom();

  /** Storing: timeouts, limits, acknowledgement policies. */
  Store store();

  /** The local spool of the {@code spool} acknowledgement policy. */
  Spool spool();

  /** The S3 object store. */
  S3 s3();

  /** Kafka. */
  Kafka kafka();

  /** The DICOM SCP settings. */
  interface Dicom {
    /** TCP port of the SCP; 0 picks a free port (tests). */
    @WithDefault("11112")
    int port();

    /** Host or address to bind; 0.0.0.0 for every interface. */
    @WithDefault("0.0.0.0")
    String bindAddress();

    /** The AE title the SCP answers to; associations calling another are rejected. */
    @WithDefault("ROENTGEN")
    String aeTitle();

    /** When set, only these calling AE titles may associate (others: rejected, reason 3). */
    Optional<List<String>> allowedCallingAeTitles();

    /** Associations served at once; more are rejected as transient (modalities retry). */
    @WithDefault("64")
    int maxAssociations();

    /** An association silent this long is aborted. */
    @WithDefault("60s")
    Duration idleTimeout();

    /** The largest P-DATA PDU the SCP receives (bytes). */
    @WithDefault("262144")
    int maxPduLength();

    /** Operations a sender may have outstanding (asynchronous operations window, PS3.7 D.3.3.3). */
    @WithDefault("16")
    int asyncOperations();
  }

  /** Storing settings. */
  interface Store {
    /**
     * Bound on making a received object durable (S3 upload finished and event acknowledged) once
     * its last byte has arrived; past it the sender gets a failure status and retries.
     */
    @WithDefault("30s")
    Duration timeout();

    /** Objects larger than this are refused (bytes of the dataset). */
    @WithDefault("4294967296")
    long maxObjectSize();

    /** The header bytes kept in memory before the header capture spills to disk. */
    @WithDefault("1048576")
    int headerMemory();

    /** The acknowledgement policy of senders not listed in {@link #policies()}. */
    @WithDefault("durable")
    AckPolicy defaultPolicy();

    /** Per calling AE title: {@code durable} or {@code spool}. */
    Map<String, AckPolicy> policies();
  }

  /** The spool of the spool policy. */
  interface Spool {
    /** The spool folder: a local volume; objects there are fsync'd before Success. */
    @WithDefault("data/spool")
    Path dir();

    /** Objects moved to S3 and Kafka at once by the background uploader. */
    @WithDefault("2")
    int uploaders();

    /** First wait after a failed upload; doubles up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration backoff();

    /** The longest wait between upload attempts. */
    @WithDefault("60s")
    Duration maxBackoff();
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

    /** The bucket of DICOM objects (created when missing). */
    @WithDefault("dicom")
    String bucket();

    /** Bound on connecting to S3. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Bound on each read or write of an S3 request. */
    @WithDefault("30s")
    Duration requestTimeout();

    /**
     * Part size of streamed uploads (bytes, at least 5 MiB): objects up to it go up in one PUT; one
     * or two parts per upload sit in memory.
     */
    @WithDefault("16777216")
    long partSize();
  }

  /** Kafka settings. */
  interface Kafka {
    /** Bootstrap servers. */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** The topic of received instances. */
    @WithDefault("dicom.instance.received.v1")
    String topic();
  }
}
