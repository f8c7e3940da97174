package org.roentgen.qc.pipeline;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.roentgen.contracts.InstanceQc.Preview;
import org.roentgen.contracts.InstanceQc.Qc;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.platform.objectstore.ObjectStoreException;
import org.roentgen.qc.domain.Analysis;
import org.roentgen.qc.domain.ImageHeader;
import org.roentgen.qc.storage.PixelFetcher;
import org.roentgen.qc.storage.PreviewStore;

/**
 * What happens to one instance, without Kafka: its pixel data value fetched by a ranged GET, the
 * analysis, the baselines recorded, the preview stored beside the object, the {@code qc} block
 * built and the metrics counted. An object that is gone or shorter than its reference is a
 * NOT_ANALYSED answer; an object store that cannot be reached throws, for the caller to retry.
 * Thread-safe.
 */
public final class ImageInspector {
  /** The analysis of one image's pixels ({@code QcAnalyzer::analyze} in the service). */
  @FunctionalInterface
  public interface Analyser {
    Analysis analyze(ImageHeader header, ByteBuffer pixelValue, boolean encapsulated);
  }

  /** The qc block of an instance and what it was made from. */
  public record Inspection(Qc qc, ImageHeader header, Analysis analysis) {}

  private final PixelFetcher pixels;
  private final Analyser analyser;
  private final PreviewStore previews;
  private final BaselineRecorder baselines;
  private final QcMetrics metrics;
  private final String checkSet;
  private final String analyserName;
  private final Optional<String> previewBucket;
  private final Clock clock;

  /**
   * @param checkSet the SHA-256 of the check settings in force
   * @param analyserName this instance's name, the qc block's {@code analyser}
   * @param previewBucket where previews go; empty: the object's own bucket
   */
  public ImageInspector(
      PixelFetcher pixels,
      Analyser analyser,
      PreviewStore previews,
      BaselineRecorder baselines,
      QcMetrics metrics,
      String checkSet,
      String analyserName,
      Optional<String> previewBucket,
      Clock clock) {
    this.pixels = pixels;
    this.analyser = analyser;
    this.previews = previews;
    this.baselines = baselines;
    this.metrics = metrics;
    this.checkSet = checkSet;
    this.analyserName = analyserName;
    this.previewBucket = previewBucket;
    this.clock = clock;
  }

  /**
   * Analyses the instance's pixels.
   *
   * @throws ObjectStoreException when the object store cannot be read or written now (retry)
   */
  public Inspection inspect(InstanceReceived instance) throws ObjectStoreException {
    long start = System.nanoTime();
    ImageHeader header = ImageHeader.fromDicomJson(instance.header(), instance.transferSyntaxUid());
    Analysis a = analyse(instance, header);
    double millis = (System.nanoTime() - start) / 1e6;
    baselines.record(instance.sopInstanceUid(), header, a);
    Preview preview = null;
    if (a.preview() != null) {
      InstanceReceived.StoredObject o = instance.object();
      preview = previews.store(previewBucket.orElse(o.bucket()), o.key(), a.preview());
    }
    Qc qc = block(a, preview, millis);
    metrics.inspected(header, a, Duration.ofNanos(System.nanoTime() - start));
    return new Inspection(qc, header, a);
  }

  private Analysis analyse(InstanceReceived instance, ImageHeader header)
      throws ObjectStoreException {
    InstanceReceived.PixelData pd = instance.pixelData();
    if (pd == null) {
      return analyser.analyze(header, null, false);
    }
    InstanceReceived.StoredObject o = instance.object();
    PixelFetcher.Pixels p = pixels.fetch(o.bucket(), o.key(), pd);
    if (p.problem() != null) {
      return Analysis.notAnalysed(p.problem().reason(), p.problem().message());
    }
    return analyser.analyze(header, p.value(), pd.encapsulated());
  }

  /** The qc block of an analysis (preview null when none was stored). */
  public Qc block(Analysis a, Preview preview, double millis) {
    return new Qc(
        a.verdict(),
        a.notAnalysed(),
        finite(a.metrics()),
        a.findings(),
        a.field(),
        preview,
        checkSet,
        clock.instant(),
        analyserName,
        millis);
  }

  /** JSON has no NaN or infinity: a metric that is not a number is left out. */
  private static Map<String, Double> finite(Map<String, Double> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach(
        (k, v) -> {
          if (v != null && Double.isFinite(v)) {
            out.put(k, v);
          }
        });
    return out;
  }
}
