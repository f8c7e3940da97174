package org.roentgen.archive.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a retention run did, or would do (a dry run).
 *
 * @param today the day ages were counted to, in {@code archive.retention.zone}
 * @param studies the studies deleted, failed (left for the next run) or, in a dry run, to be
 *     deleted; deletions started by an earlier run come first
 * @param held studies old enough under a policy but under legal hold: kept
 * @param due every study due now, including those beyond {@code archive.retention.max-studies}
 * @param stopped true when the archive's shutdown ended the run early
 */
public record RunReport(
    boolean dryRun,
    String user,
    LocalDate today,
    Instant startedAt,
    Instant finishedAt,
    List<RetentionPolicy> policies,
    List<Study> studies,
    List<Study> held,
    int due,
    int deleted,
    int failed,
    boolean stopped) {

  /** What became of a study. */
  public enum Status {
    /** Dry run: a run would delete it. */
    WOULD_DELETE,
    /** Dry run: an earlier run started its deletion, a run completes it. */
    PENDING,
    DELETED,
    /** A step failed: the study is pending, the next run tries again. */
    FAILED,
    /** Under legal hold: kept. */
    HELD
  }

  /**
   * One study of a run.
   *
   * @param day the day its age is counted from: StudyDate, or its first receipt
   * @param policyId the policy that governs it (null for a deletion another archive started)
   * @param instances the instances it has in the index (before the run), or deleted
   * @param objects the objects deleted from the object store
   * @param error why a step failed
   */
  public record Study(
      String studyInstanceUid,
      String patientId,
      String studyDate,
      LocalDate day,
      List<String> modalities,
      Long policyId,
      int instances,
      int objects,
      Status status,
      String error) {}
}
