package org.roentgen.archive.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reject and repeat analysis per room (StationName).
 *
 * <p><b>Rejected</b> is an image that a reviewer rejected, or that the pipeline failed and nobody
 * released. Each rejected image counts once, under one source, reason and detail:
 *
 * <ol>
 *   <li>the reviewer's latest decision on it is REJECTED: source REVIEW, the coded reject reason
 *       (none: OTHER), no detail;
 *   <li>else, when the reviewer's latest decision is RELEASED or the index has a release from
 *       quarantine, it is not rejected, whatever the pipeline said;
 *   <li>else its QC verdict is FAIL: source QC, the reason of its first failing check ({@link
 *       RejectReason#ofQcCheck}), the check id as detail;
 *   <li>else its validation verdict is FAIL: source VALIDATION, the reason of its first failing
 *       rule ({@link RejectReason#ofValidationRule}), the rule id as detail.
 * </ol>
 *
 * <p>The reject rate is rejected / images of the room in the period. <b>Repeats</b> are the
 * additional images of a study with the same body part, view position, laterality and protocol (the
 * retakes): of such a group the first acquired is the original, every further one a repeat of the
 * room that took it. The protocol keeps apart two views that share a view position (a hand's PA and
 * PA oblique are both PA); images recording no body part or no view position are never counted as
 * repeats.
 *
 * <p>The table has, per room, a row with reason {@value #ALL} (every rejected image, the repeats)
 * and one row per source, reason and detail found; the reason rows of a room add up to its ALL row.
 */
public final class RejectAnalysis {
  /** The reason of a room's total row. */
  public static final String ALL = "ALL";

  /** The columns. */
  public static final List<String> COLUMNS =
      List.of(
          "station",
          "images",
          "repeats",
          "repeatRate",
          "source",
          "reason",
          "detail",
          "rejected",
          "rejectRate");

  /** Where a reject was decided. */
  public enum Source {
    REVIEW,
    QC,
    VALIDATION
  }

  /**
   * What the index knows about one image.
   *
   * @param laterality Laterality, else ImageLaterality, or null
   * @param protocol ProtocolName, or null
   * @param acquired AcquisitionDate and Time (else ContentDate and Time) as one string, or null
   * @param reviewerRejected the reviewer's coded reason when the latest review decision is REJECTED
   *     (OTHER when none given), else null
   * @param released the latest review decision is RELEASED or the instance was released from
   *     quarantine
   * @param qcVerdict PASS, WARN, FAIL, NOT_ANALYSED, or null when not analysed
   * @param qcFailCheck the check id of the first finding of severity FAIL, or null
   * @param validationVerdict PASS, WARN, FAIL, or null when not validated
   * @param validationFailRule the rule id of the first finding of severity FAIL, or null
   */
  public record Image(
      String sopInstanceUid,
      String studyInstanceUid,
      String station,
      String bodyPart,
      String viewPosition,
      String laterality,
      String protocol,
      String acquired,
      String reviewerRejected,
      boolean released,
      String qcVerdict,
      String qcFailCheck,
      String validationVerdict,
      String validationFailRule) {}

  /** Why an image counts as rejected. */
  public record Reject(Source source, RejectReason reason, String detail) {}

  private RejectAnalysis() {}

  /** The reject of an image, or null when it is not rejected. */
  public static Reject reject(Image i) {
    if (i.reviewerRejected() != null) {
      return new Reject(Source.REVIEW, RejectReason.ofReview(i.reviewerRejected()), null);
    }
    if (i.released()) {
      return null;
    }
    if ("FAIL".equals(i.qcVerdict())) {
      return new Reject(Source.QC, RejectReason.ofQcCheck(i.qcFailCheck()), i.qcFailCheck());
    }
    if ("FAIL".equals(i.validationVerdict())) {
      return new Reject(
          Source.VALIDATION,
          RejectReason.ofValidationRule(i.validationFailRule()),
          i.validationFailRule());
    }
    return null;
  }

  /**
   * The images that repeat an earlier one of their study, body part, view, laterality and protocol.
   */
  public static List<Image> repeats(List<Image> images) {
    Map<List<String>, List<Image>> groups = new HashMap<>();
    for (Image i : images) {
      if (i.bodyPart() == null || i.viewPosition() == null) {
        continue;
      }
      List<String> key = new ArrayList<>(5);
      key.add(i.studyInstanceUid());
      key.add(i.bodyPart());
      key.add(i.viewPosition());
      key.add(i.laterality());
      key.add(i.protocol());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    Comparator<Image> acquisition =
        Comparator.comparing(Image::acquired, DoseReport.TEXT).thenComparing(Image::sopInstanceUid);
    List<Image> out = new ArrayList<>();
    for (List<Image> g : groups.values()) {
      g.sort(acquisition);
      out.addAll(g.subList(1, g.size()));
    }
    return out;
  }

  /** The analysis of the images of the period (rooms sorted, a missing name last). */
  public static Table table(List<Image> images) {
    Map<String, Room> rooms = new TreeMap<>(DoseReport.TEXT);
    for (Image i : images) {
      Room r = rooms.computeIfAbsent(i.station(), s -> new Room());
      r.images++;
      Reject reject = reject(i);
      if (reject != null) {
        r.rejected++;
        r.reasons.merge(reject, 1L, Long::sum);
      }
    }
    for (Image i : repeats(images)) {
      rooms.get(i.station()).repeats++;
    }
    Comparator<Reject> order =
        Comparator.comparing(Reject::source)
            .thenComparing(Reject::reason)
            .thenComparing(Reject::detail, Comparator.nullsFirst(Comparator.naturalOrder()));
    Table.Builder t = Table.builder(COLUMNS.toArray(String[]::new));
    for (Map.Entry<String, Room> e : rooms.entrySet()) {
      Room r = e.getValue();
      Double repeatRate = Stats.share(r.repeats, r.images);
      t.row(
          e.getKey(),
          r.images,
          r.repeats,
          repeatRate,
          null,
          ALL,
          null,
          r.rejected,
          Stats.share(r.rejected, r.images));
      List<Map.Entry<Reject, Long>> reasons = new ArrayList<>(r.reasons.entrySet());
      reasons.sort(Map.Entry.comparingByKey(order));
      for (Map.Entry<Reject, Long> reason : reasons) {
        Reject j = reason.getKey();
        t.row(
            e.getKey(),
            r.images,
            r.repeats,
            repeatRate,
            j.source().name(),
            j.reason().name(),
            j.detail(),
            reason.getValue(),
            Stats.share(reason.getValue(), r.images));
      }
    }
    return t.build();
  }

  private static final class Room {
    long images;
    long rejected;
    long repeats;
    final Map<Reject, Long> reasons = new HashMap<>();
  }
}
