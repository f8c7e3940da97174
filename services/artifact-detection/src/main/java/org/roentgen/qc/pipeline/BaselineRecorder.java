package org.roentgen.qc.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roentgen.contracts.InstanceQc.Verdict;
import org.roentgen.qc.domain.Analysis;
import org.roentgen.qc.domain.Baselines;
import org.roentgen.qc.domain.ImageHeader;

/**
 * Adds an analysed image's metrics to the baselines of its station and protocol ({@link
 * ImageHeader#station()}, {@link ImageHeader#protocol()}): the metrics that thresholds become
 * relative to. An image is recorded once, however often it is delivered (the latest SOP Instance
 * UIDs are remembered), so a redelivery does not weigh twice. One small class so the recording can
 * move into the analysis itself.
 */
public final class BaselineRecorder {
  /** The metrics kept per station and protocol. */
  public static final List<String> METRICS =
      List.of("sharpness", "noise.relative-sigma", "exposure.signal-median");

  private static final int REMEMBERED = 10_000;

  private final Baselines baselines;
  private final Map<String, Boolean> recent =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };

  public BaselineRecorder(Baselines baselines) {
    this.baselines = baselines;
  }

  /** Records what {@code analysis} measured of the image {@code sopInstanceUid}. */
  public void record(String sopInstanceUid, ImageHeader header, Analysis analysis) {
    if (analysis.verdict() == Verdict.NOT_ANALYSED) {
      return;
    }
    synchronized (recent) {
      if (recent.put(sopInstanceUid, Boolean.TRUE) != null) {
        return;
      }
    }
    for (String metric : METRICS) {
      Double v = analysis.metrics().get(metric);
      if (v != null && Double.isFinite(v)) {
        baselines.record(header.station(), header.protocol(), metric, v);
      }
    }
  }
}
