package org.roentgen.ingest.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.roentgen.dicom.data.UidDictionary;
import org.roentgen.platform.metrics.MetricNames;

/**
 * Ingest's metrics (names by {@link MetricNames}): instances and bytes by calling AE, modality and
 * SOP class; store latency; acknowledgement latency per policy; failures by cause.
 */
public final class IngestMetrics {
  static final String SERVICE = "ingest";
  private final MeterRegistry registry;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** One object answered: counted with its outcome, bytes and the time it took. */
  void answered(
      IncomingObject o, String modality, StoreOutcome outcome, long bytes, Duration latency) {
    String ae = MetricNames.tagValue(o.source().callingAeTitle());
    String mod = MetricNames.tagValue(modality);
    String sop = sopClass(o.sopClassUid());
    String result = outcome.succeeded() ? (outcome.duplicate() ? "duplicate" : "stored") : "failed";
    Counter.builder(MetricNames.name(SERVICE, "instances"))
        .description("Objects answered, by sender, modality, SOP class and outcome")
        .tag(MetricNames.CALLING_AE, ae)
        .tag(MetricNames.MODALITY, mod)
        .tag(MetricNames.SOP_CLASS, sop)
        .tag(MetricNames.OUTCOME, result)
        .register(registry)
        .increment();
    if (outcome.succeeded()) {
      Counter.builder(MetricNames.name(SERVICE, "bytes"))
          .description("Bytes of the objects acknowledged")
          .baseUnit("bytes")
          .tag(MetricNames.CALLING_AE, ae)
          .tag(MetricNames.MODALITY, mod)
          .tag(MetricNames.SOP_CLASS, sop)
          .register(registry)
          .increment(bytes);
    } else {
      failed(outcome.cause());
    }
    Timer.builder(MetricNames.name(SERVICE, "store.latency"))
        .description("From the command to the answer of a C-STORE or STOW-RS instance")
        .tag(MetricNames.POLICY, o.policy().label())
        .tag(MetricNames.OUTCOME, result)
        .publishPercentileHistogram()
        .register(registry)
        .record(latency);
  }

  /** The time from the object's last byte to its answer, per policy. */
  void acknowledged(AckPolicy policy, Duration sinceLastByte) {
    Timer.builder(MetricNames.name(SERVICE, "ack.latency"))
        .description("From the last byte of an object to its Success, per acknowledgement policy")
        .tag(MetricNames.POLICY, policy.label())
        .publishPercentileHistogram()
        .register(registry)
        .record(sinceLastByte);
  }

  /** How long one call to a dependency took: {@code s3} (an upload) or {@code kafka} (an ack). */
  void dependency(String dependency, Duration took) {
    Timer.builder(MetricNames.name(SERVICE, "dependency.latency"))
        .description("Upload to S3 (from its first byte) and event acknowledgement by Kafka")
        .tag("dependency", dependency)
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }

  /** A failure, by cause (also used by the spool uploader's retries). */
  public void failed(FailureCause cause) {
    Counter.builder(MetricNames.name(SERVICE, "failures"))
        .description("Objects not acknowledged or uploads retried, by cause")
        .tag(MetricNames.CAUSE, cause.label())
        .register(registry)
        .increment();
  }

  private static String sopClass(String uid) {
    String keyword = uid == null ? null : UidDictionary.keywordOf(uid);
    return keyword == null || keyword.isEmpty() ? "other" : keyword;
  }
}
