package org.roentgen.qc.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.roentgen.contracts.InstanceQc.Box;
import org.roentgen.contracts.InstanceQc.Finding;
import org.roentgen.contracts.InstanceQc.NotAnalysed;
import org.roentgen.contracts.InstanceQc.NotAnalysedReason;
import org.roentgen.contracts.InstanceQc.Verdict;

/**
 * What the analysis of one image found: the verdict, the metrics measured, the findings, the
 * exposed field and the annotated preview; or, for an image that could not be analysed, the reason.
 * Holds no native memory.
 *
 * @param notAnalysed the reason (verdict NOT_ANALYSED), else null
 * @param field the exposed field in image coordinates, or null
 * @param preview the annotated preview, or null (not analysed)
 * @param checkNanos time per check (and "decode"), for the metrics
 */
public record Analysis(
    Verdict verdict,
    NotAnalysed notAnalysed,
    Map<String, Double> metrics,
    List<Finding> findings,
    Box field,
    PreviewImage preview,
    Map<String, Long> checkNanos) {
  public Analysis {
    Objects.requireNonNull(verdict, "verdict");
    metrics = Map.copyOf(metrics);
    findings = List.copyOf(findings);
    checkNanos = Map.copyOf(checkNanos);
  }

  /** An image that could not be analysed, with the reason. */
  public static Analysis notAnalysed(NotAnalysedReason reason, String message) {
    return new Analysis(
        Verdict.NOT_ANALYSED,
        new NotAnalysed(reason, message),
        Map.of(),
        List.of(),
        null,
        null,
        Map.of());
  }

  /** True when a finding of this check is among the findings. */
  public boolean has(String checkId) {
    return findings.stream().anyMatch(f -> f.checkId().equals(checkId));
  }

  /** An 8-bit PNG of the image, reduced, with the findings' boxes drawn. */
  public record PreviewImage(byte[] png, int width, int height) {
    public PreviewImage {
      Objects.requireNonNull(png, "png");
    }
  }
}
