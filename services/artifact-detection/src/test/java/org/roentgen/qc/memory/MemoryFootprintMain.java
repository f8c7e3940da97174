package org.roentgen.qc.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.roentgen.contracts.EventJson;
import org.roentgen.contracts.InstanceQc.Verdict;
import org.roentgen.contracts.InstanceReceived;
import org.roentgen.platform.objectstore.MinioObjectStore;
import org.roentgen.platform.objectstore.ObjectStore;
import org.roentgen.platform.objectstore.ObjectStoreSettings;
import org.roentgen.qc.domain.Analysis;
import org.roentgen.qc.domain.OpenCvNative;
import org.roentgen.qc.domain.QcAnalyzer;
import org.roentgen.qc.domain.QcSettings;
import org.roentgen.qc.pipeline.BaselineRecorder;
import org.roentgen.qc.pipeline.ImageInspector;
import org.roentgen.qc.pipeline.ProcessMemory;
import org.roentgen.qc.pipeline.QcMetrics;
import org.roentgen.qc.storage.PersistedBaselines;
import org.roentgen.qc.storage.PixelFetcher;
import org.roentgen.qc.storage.PreviewStore;

/**
 * The child JVM of {@link MemoryFootprintIT}: runs images through what the consumer runs for each
 * instance ({@link ImageInspector}: ranged GET from S3, {@link QcAnalyzer} with the default
 * settings, baselines, preview upload, qc block, metrics), cycling over the stored images, and
 * prints the resident memory after the warm-up and at the end, each after a full GC and
 * finalization: {@code rss <images> <bytes>}. With a leak size above 0 the analysis is replaced by
 * a leak: a filled native matrix of that size kept per image (fetch, preview path and sampling
 * unchanged), to show that the measurement sees such a leak.
 *
 * <p>Arguments: S3 endpoint, access key, secret key, events file (one InstanceReceived JSON a
 * line), images, warm-up images, leak bytes per image.
 */
public final class MemoryFootprintMain {
  private MemoryFootprintMain() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = EventJson.mapper();
    List<InstanceReceived> events = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[3]))) {
      events.add(json.readValue(line, InstanceReceived.class));
    }
    int images = Integer.parseInt(args[4]);
    int warmUp = Integer.parseInt(args[5]);
    int leakBytes = Integer.parseInt(args[6]);
    OpenCvNative.threads(1);
    PersistedBaselines baselines = new PersistedBaselines(500);
    QcAnalyzer analyzer = new QcAnalyzer(QcSettings.defaults(), baselines);
    List<Mat> leaked = new ArrayList<>();
    Analysis passed = new Analysis(Verdict.PASS, null, Map.of(), List.of(), null, null, Map.of());
    ImageInspector.Analyser analyser =
        leakBytes == 0
            ? analyzer::analyze
            : (h, v, enc) -> {
              // The measurement's own check: the analysis replaced by a leak of a filled matrix.
              leaked.add(new Mat(1, leakBytes / 4, CvType.CV_32FC1, new Scalar(1)));
              return passed;
            };
    try (ObjectStore store =
        new MinioObjectStore(ObjectStoreSettings.of(args[0], args[1], args[2]))) {
      ImageInspector inspector =
          new ImageInspector(
              new PixelFetcher(store, 256L * 1024 * 1024),
              analyser,
              new PreviewStore(store),
              new BaselineRecorder(baselines),
              new QcMetrics(new SimpleMeterRegistry()),
              analyzer.settings().checkSet(),
              "memory-test",
              Optional.empty(),
              Clock.systemUTC());
      long start = System.nanoTime();
      for (int i = 1; i <= images; i++) {
        Verdict v = inspector.inspect(events.get(i % events.size())).qc().verdict();
        if (v == Verdict.NOT_ANALYSED) {
          throw new IllegalStateException("image " + i + " was not analysed");
        }
        if (i == warmUp || i == images) {
          System.out.println("rss " + i + " " + settledRss());
        }
      }
      System.out.printf(
          "images %d in %.1f s (%d leaked matrices)%n",
          images, (System.nanoTime() - start) / 1e9, leaked.size());
    }
  }

  /** The resident memory after the collector has run and finalized what it found. */
  private static long settledRss() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      System.runFinalization();
      Thread.sleep(100);
    }
    return ProcessMemory.residentBytes();
  }
}
