package org.roentgen.archive.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dose report: per station and protocol, the number of exposures, the median technique and
 * exposure indicators, and the shares of exposures whose deviation index is beyond the action
 * levels or outside the target range; and the per-exam listing of the dose registry.
 */
public final class DoseReport {
  /** The columns of the summary. */
  public static final List<String> SUMMARY =
      List.of(
          "station",
          "protocol",
          "exposures",
          "kvpMedian",
          "masMedian",
          "dapMedian",
          "eiMedian",
          "diMedian",
          "diRecorded",
          "diOutsideAction",
          "diOutsideActionShare",
          "diOutsideTarget",
          "diOutsideTargetShare");

  /** The columns of the per-exam listing. */
  public static final List<String> EXAMS =
      List.of(
          "studyInstanceUid",
          "sopInstanceUid",
          "studyDate",
          "station",
          "protocol",
          "modality",
          "bodyPart",
          "viewPosition",
          "kvp",
          "mas",
          "dap",
          "ei",
          "tei",
          "di");

  /** A text key that sorts null last. */
  static final Comparator<String> TEXT = Comparator.nullsLast(Comparator.naturalOrder());

  /**
   * One exposure as the dose registry holds it (one image: one exposure); a value the header did
   * not record is null.
   */
  public record Exposure(
      String studyInstanceUid,
      String sopInstanceUid,
      String studyDate,
      String station,
      String protocol,
      String modality,
      String bodyPart,
      String viewPosition,
      Double kvp,
      Double mas,
      Double dap,
      Double ei,
      Double tei,
      Double di) {}

  private DoseReport() {}

  /**
   * The summary: one row per station and protocol (sorted, a missing name last), with the number of
   * exposures; the medians of kVp, mAs, DAP, EI and DI over the exposures recording each (null when
   * none does); the number of exposures recording a DI, and of those the number and share beyond
   * the action levels and outside the target range (shares null when no DI is recorded).
   */
  public static Table summary(List<Exposure> exposures, DiLevels levels) {
    Map<List<String>, List<Exposure>> groups =
        new TreeMap<>(
            Comparator.<List<String>, String>comparing(k -> k.get(0), TEXT)
                .thenComparing(k -> k.get(1), TEXT));
    for (Exposure e : exposures) {
      groups.computeIfAbsent(keyOf(e), k -> new ArrayList<>()).add(e);
    }
    Table.Builder t = Table.builder(SUMMARY.toArray(String[]::new));
    for (Map.Entry<List<String>, List<Exposure>> g : groups.entrySet()) {
      List<Exposure> es = g.getValue();
      long recorded = 0;
      long action = 0;
      long target = 0;
      for (Exposure e : es) {
        if (e.di() != null) {
          recorded++;
          action += levels.outsideAction(e.di()) ? 1 : 0;
          target += levels.outsideTarget(e.di()) ? 1 : 0;
        }
      }
      t.row(
          g.getKey().get(0),
          g.getKey().get(1),
          (long) es.size(),
          Stats.median(es.stream().map(Exposure::kvp).toList()),
          Stats.median(es.stream().map(Exposure::mas).toList()),
          Stats.median(es.stream().map(Exposure::dap).toList()),
          Stats.median(es.stream().map(Exposure::ei).toList()),
          Stats.median(es.stream().map(Exposure::di).toList()),
          recorded,
          action,
          Stats.share(action, recorded),
          target,
          Stats.share(target, recorded));
    }
    return t.build();
  }

  /** The per-exam listing, in the order given. */
  public static Table exams(List<Exposure> exposures) {
    Table.Builder t = Table.builder(EXAMS.toArray(String[]::new));
    for (Exposure e : exposures) {
      t.row(
          e.studyInstanceUid(),
          e.sopInstanceUid(),
          e.studyDate(),
          e.station(),
          e.protocol(),
          e.modality(),
          e.bodyPart(),
          e.viewPosition(),
          e.kvp(),
          e.mas(),
          e.dap(),
          e.ei(),
          e.tei(),
          e.di());
    }
    return t.build();
  }

  private static List<String> keyOf(Exposure e) {
    List<String> key = new ArrayList<>(2);
    key.add(e.station());
    key.add(e.protocol());
    return key;
  }
}
