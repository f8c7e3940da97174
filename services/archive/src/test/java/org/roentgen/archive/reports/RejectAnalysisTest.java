package org.roentgen.archive.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.archive.reports.RejectAnalysis.Image;
import org.roentgen.archive.reports.RejectAnalysis.Reject;
import org.roentgen.archive.reports.RejectAnalysis.Source;

class RejectAnalysisTest {
  /** An image the pipeline passed and nobody reviewed: chest PA. */
  private static Image image(String sop, String study, String station) {
    return new Image(
        sop,
        study,
        station,
        "CHEST",
        "PA",
        null,
        "CHEST PA",
        "20261102080000",
        null,
        false,
        "PASS",
        null,
        "PASS",
        null);
  }

  private static Image qcFail(String sop, String station, String check) {
    return verdicts(image(sop, "s-" + sop, station), "FAIL", check, "PASS", null);
  }

  private static Image validationFail(String sop, String station, String rule) {
    return verdicts(image(sop, "s-" + sop, station), "PASS", null, "FAIL", rule);
  }

  private static Image verdicts(Image i, String qc, String check, String validation, String rule) {
    return new Image(
        i.sopInstanceUid(),
        i.studyInstanceUid(),
        i.station(),
        i.bodyPart(),
        i.viewPosition(),
        i.laterality(),
        i.protocol(),
        i.acquired(),
        i.reviewerRejected(),
        i.released(),
        qc,
        check,
        validation,
        rule);
  }

  private static Image reviewed(Image i, String reason, boolean released) {
    return new Image(
        i.sopInstanceUid(),
        i.studyInstanceUid(),
        i.station(),
        i.bodyPart(),
        i.viewPosition(),
        i.laterality(),
        i.protocol(),
        i.acquired(),
        reason,
        released,
        i.qcVerdict(),
        i.qcFailCheck(),
        i.validationVerdict(),
        i.validationFailRule());
  }

  private static Image view(
      Image i, String view, String laterality, String protocol, String acquired) {
    return new Image(
        i.sopInstanceUid(),
        i.studyInstanceUid(),
        i.station(),
        i.bodyPart(),
        view,
        laterality,
        protocol,
        acquired,
        i.reviewerRejected(),
        i.released(),
        i.qcVerdict(),
        i.qcFailCheck(),
        i.validationVerdict(),
        i.validationFailRule());
  }

  @Test
  void aReviewersRejectWinsOverThePipelinesFindings() {
    Image i = reviewed(qcFail("1", "R1", "blur"), "POSITIONING", false);
    assertThat(RejectAnalysis.reject(i))
        .isEqualTo(new Reject(Source.REVIEW, RejectReason.POSITIONING, null));
    assertThat(RejectAnalysis.reject(reviewed(image("2", "s", "R1"), "NONSENSE", false)))
        .isEqualTo(new Reject(Source.REVIEW, RejectReason.OTHER, null));
  }

  @Test
  void aReleasedImageIsNoRejectWhateverThePipelineSaid() {
    assertThat(RejectAnalysis.reject(reviewed(qcFail("1", "R1", "blur"), null, true))).isNull();
    assertThat(
            RejectAnalysis.reject(
                reviewed(validationFail("1", "R1", "laterality.contradiction"), null, true)))
        .isNull();
  }

  @Test
  void qcComesBeforeValidationAndEachFindingMapsToAReason() {
    Image both =
        verdicts(image("1", "s", "R1"), "FAIL", "grid-lines", "FAIL", "laterality.contradiction");
    assertThat(RejectAnalysis.reject(both))
        .isEqualTo(new Reject(Source.QC, RejectReason.ARTIFACT, "grid-lines"));
    assertThat(RejectAnalysis.reject(validationFail("2", "R1", "laterality.contradiction")))
        .isEqualTo(
            new Reject(Source.VALIDATION, RejectReason.LABELING, "laterality.contradiction"));
    assertThat(RejectAnalysis.reject(validationFail("3", "R1", "exposure.deviation-index-action")))
        .isEqualTo(
            new Reject(
                Source.VALIDATION, RejectReason.EXPOSURE, "exposure.deviation-index-action"));
    assertThat(RejectAnalysis.reject(image("4", "s", "R1"))).isNull();
    assertThat(RejectAnalysis.reject(verdicts(image("5", "s", "R1"), "WARN", null, "WARN", null)))
        .isNull();
    assertThat(
            RejectAnalysis.reject(
                verdicts(image("6", "s", "R1"), "NOT_ANALYSED", null, null, null)))
        .isNull();
    assertThat(RejectAnalysis.reject(verdicts(image("7", "s", "R1"), "FAIL", null, "PASS", null)))
        .isEqualTo(new Reject(Source.QC, RejectReason.OTHER, null));
  }

  @Test
  void theChecksMapToTheCodedReasons() {
    assertThat(RejectReason.ofQcCheck("exposure.under")).isEqualTo(RejectReason.EXPOSURE);
    assertThat(RejectReason.ofQcCheck("noise")).isEqualTo(RejectReason.EXPOSURE);
    assertThat(RejectReason.ofQcCheck("blur")).isEqualTo(RejectReason.MOTION);
    assertThat(RejectReason.ofQcCheck("foreign-object")).isEqualTo(RejectReason.ARTIFACT);
    assertThat(RejectReason.ofQcCheck("detector-defect")).isEqualTo(RejectReason.EQUIPMENT);
    assertThat(RejectReason.ofQcCheck("something-new")).isEqualTo(RejectReason.OTHER);
    assertThat(RejectReason.ofQcCheck(null)).isEqualTo(RejectReason.OTHER);
    assertThat(RejectReason.ofValidationRule("order.mismatch")).isEqualTo(RejectReason.LABELING);
    assertThat(RejectReason.ofValidationRule("exposure.missing-field"))
        .isEqualTo(RejectReason.EXPOSURE);
    assertThat(RejectReason.ofReview("motion")).isEqualTo(RejectReason.MOTION);
  }

  @Test
  void repeatsAreFurtherImagesOfAStudyWithTheSameBodyPartViewLateralityAndProtocol() {
    Image first = view(image("a", "s1", "R1"), "PA", "L", "HAND PA", "20261102080000");
    Image retake = view(image("b", "s1", "R1"), "PA", "L", "HAND PA", "20261102080500");
    Image retake2 = view(image("0", "s1", "R2"), "PA", "L", "HAND PA", "20261102081000");
    Image oblique = view(image("g", "s1", "R1"), "PA", "L", "HAND PA OBLIQUE", "20261102080200");
    Image otherSide = view(image("c", "s1", "R1"), "PA", "R", "HAND PA", "20261102080100");
    Image otherStudy = view(image("d", "s2", "R1"), "PA", "L", "HAND PA", "20261102080000");
    Image noView = view(image("e", "s1", "R1"), null, "L", "HAND PA", null);
    Image noView2 = view(image("f", "s1", "R1"), null, "L", "HAND PA", null);
    List<Image> images =
        List.of(retake2, retake, first, oblique, otherSide, otherStudy, noView, noView2);
    assertThat(RejectAnalysis.repeats(images)).containsExactlyInAnyOrder(retake, retake2);
    Table t = RejectAnalysis.table(images);
    assertThat(t.rows())
        .containsExactly(
            Arrays.asList("R1", 7L, 1L, 1.0 / 7, null, "ALL", null, 0L, 0.0),
            Arrays.asList("R2", 1L, 1L, 1.0, null, "ALL", null, 0L, 0.0));
  }

  @Test
  void theOriginalIsTheFirstAcquiredThenTheLowestUid() {
    Image late = view(image("1", "s1", "R1"), "AP", null, "KNEE AP", "20261102090000");
    Image early = view(image("2", "s1", "R2"), "AP", null, "KNEE AP", "20261102080000");
    Image unknown = view(image("0", "s1", "R3"), "AP", null, "KNEE AP", null);
    assertThat(RejectAnalysis.repeats(List.of(late, early, unknown)))
        .containsExactlyInAnyOrder(late, unknown);
  }

  @Test
  void theRowsOfARoomAddUpToItsTotal() {
    List<Image> images =
        List.of(
            image("1", "s1", "R1"),
            qcFail("2", "R1", "blur"),
            qcFail("3", "R1", "blur"),
            validationFail("4", "R1", "order.mismatch"),
            reviewed(image("5", "s5", "R1"), "POSITIONING", false),
            reviewed(image("6", "s6", "R1"), null, true),
            image("7", "s7", null),
            qcFail("8", null, "noise"));
    Table t = RejectAnalysis.table(images);
    assertThat(t.columns()).isEqualTo(RejectAnalysis.COLUMNS);
    assertThat(t.rows())
        .containsExactly(
            Arrays.asList("R1", 6L, 0L, 0.0, null, "ALL", null, 4L, 4.0 / 6),
            Arrays.asList("R1", 6L, 0L, 0.0, "REVIEW", "POSITIONING", null, 1L, 1.0 / 6),
            Arrays.asList("R1", 6L, 0L, 0.0, "QC", "MOTION", "blur", 2L, 2.0 / 6),
            Arrays.asList(
                "R1", 6L, 0L, 0.0, "VALIDATION", "LABELING", "order.mismatch", 1L, 1.0 / 6),
            Arrays.asList(null, 2L, 0L, 0.0, null, "ALL", null, 1L, 0.5),
            Arrays.asList(null, 2L, 0L, 0.0, "QC", "EXPOSURE", "noise", 1L, 0.5));
  }
}
