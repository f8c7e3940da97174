package org.roentgen.qc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of the checks: a few hundred phantoms, clean and with each artifact at three
 * strengths, analysed at the documented default thresholds; per check, sensitivity and specificity
 * must both reach 0.95. Prints the table and every miss.
 */
class PhantomSensitivityTest {
  static final int CLEAN = Integer.getInteger("phantoms.clean", 100);
  static final int PER_GRADE = Integer.getInteger("phantoms.perGrade", 8);

  @Test
  void everyCheckFindsItsArtifactAndNothingElse() {
    QcAnalyzer analyzer = new QcAnalyzer(QcSettings.defaults(), Baselines.NONE);
    PhantomScore score = new PhantomScore();
    List<String> kinds = new ArrayList<>();
    long seed = 1000;
    long start = System.nanoTime();
    int images = 0;
    for (int i = 0; i < CLEAN; i++) {
      Phantom p = Phantoms.make(Phantoms.CLEAN, 0, seed++);
      Analysis a = analyzer.analyze(p.header(), p.pixels(), false);
      score.add(p, a);
      verbose(p, a);
      images++;
    }
    for (String id : CheckIds.ALL) {
      kinds.add(id);
      for (int grade = 1; grade <= 3; grade++) {
        for (int i = 0; i < PER_GRADE; i++) {
          Phantom p = Phantoms.make(id, grade, seed++);
          Analysis a = analyzer.analyze(p.header(), p.pixels(), false);
          score.add(p, a);
          verbose(p, a);
          images++;
        }
      }
    }
    System.out.printf(
        "%d phantoms (%d clean, %d per check and grade) in %.1f s%n%s",
        images, CLEAN, PER_GRADE, (System.nanoTime() - start) / 1e9, score.table());
    score.misses.forEach(System.out::println);
    for (String id : kinds) {
      assertThat(score.sensitivity(id)).as("sensitivity of " + id).isGreaterThanOrEqualTo(0.95);
      assertThat(score.specificity(id)).as("specificity of " + id).isGreaterThanOrEqualTo(0.95);
    }
  }

  private static void verbose(Phantom p, Analysis a) {
    if (Boolean.getBoolean("phantoms.verbose")) {
      System.out.printf(
          "V %-28s sharp %.3f noise %.4f signal %.4f blank %.3f grid %.1f%n",
          p.label(),
          a.metrics().getOrDefault("sharpness", Double.NaN),
          a.metrics().getOrDefault("noise.relative-sigma", Double.NaN),
          a.metrics().getOrDefault("exposure.signal-median", Double.NaN),
          a.metrics().getOrDefault("blank.structure", Double.NaN),
          a.metrics().getOrDefault("grid.peak-ratio", Double.NaN));
    }
  }
}
