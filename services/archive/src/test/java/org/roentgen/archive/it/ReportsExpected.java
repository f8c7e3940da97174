package org.roentgen.archive.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.roentgen.archive.it.ReportsDataSet.Sent;
import org.roentgen.contracts.InstanceValidated.Severity;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;

/**
 * What each report must say about a set of images, computed in plain Java from the data sets sent
 * and the plan (README "Reports" says the rules).
 */
final class ReportsExpected {
  static final List<String> SOURCES = List.of("REVIEW", "QC", "VALIDATION");
  static final List<String> REASONS =
      List.of("POSITIONING", "EXPOSURE", "MOTION", "ARTIFACT", "LABELING", "EQUIPMENT", "OTHER");

  /** The TG-116 defaults the archive runs with here. */
  static final double ACTION_LOW = -3.0;

  static final double ACTION_HIGH = 3.0;
  static final double TARGET = 1.0;

  static final List<String> DOSE_COLUMNS =
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
  static final List<String> EXAM_COLUMNS =
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
  static final List<String> REJECT_COLUMNS =
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
  static final List<String> LABELING_COLUMNS =
      List.of("station", "ruleId", "validated", "fail", "warn", "instances", "rate");

  private ReportsExpected() {}

  static List<List<Object>> doseSummary(List<Sent> images) {
    List<List<Object>> e = exposures(images);
    TreeSet<List<String>> keys =
        new TreeSet<>(
            Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
    for (List<Object> x : e) {
      keys.add(List.of((String) x.get(3), (String) x.get(4)));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (List<String> key : keys) {
      List<List<Object>> g =
          e.stream()
              .filter(x -> key.get(0).equals(x.get(3)) && key.get(1).equals(x.get(4)))
              .toList();
      List<Double> di = column(g, 13).stream().filter(Objects::nonNull).toList();
      long action = di.stream().filter(d -> d < ACTION_LOW || d > ACTION_HIGH).count();
      long target = di.stream().filter(d -> Math.abs(d) > TARGET).count();
      rows.add(
          Arrays.asList(
              key.get(0),
              key.get(1),
              (long) g.size(),
              median(column(g, 8)),
              median(column(g, 9)),
              median(column(g, 10)),
              median(column(g, 11)),
              median(column(g, 13)),
              (long) di.size(),
              action,
              di.isEmpty() ? null : (double) action / di.size(),
              target,
              di.isEmpty() ? null : (double) target / di.size()));
    }
    return rows;
  }

  /** The exams: images with any exposure value, by date, station, study and instance. */
  static List<List<Object>> examRows(List<Sent> images) {
    List<List<Object>> rows = new ArrayList<>(exposures(images));
    rows.sort(
        Comparator.comparing((List<Object> r) -> (String) r.get(2))
            .thenComparing(r -> (String) r.get(3))
            .thenComparing(r -> (String) r.get(0))
            .thenComparing(r -> (String) r.get(1)));
    return rows;
  }

  static List<List<Object>> exposures(List<Sent> images) {
    List<List<Object>> out = new ArrayList<>();
    for (Sent s : images) {
      Attributes ds = s.ds;
      Double mas = number(ds, Tag.ExposureInmAs);
      if (mas == null) {
        mas = number(ds, Tag.Exposure);
      }
      if (mas == null && number(ds, Tag.ExposureInuAs) != null) {
        mas = number(ds, Tag.ExposureInuAs) / 1000;
      }
      Double kvp = number(ds, Tag.KVP);
      Double dap = number(ds, Tag.ImageAndFluoroscopyAreaDoseProduct);
      Double ei = number(ds, Tag.ExposureIndex);
      Double di = number(ds, Tag.DeviationIndex);
      if (kvp == null && mas == null && dap == null && ei == null && di == null) {
        continue;
      }
      out.add(
          Arrays.asList(
              s.stored.study(),
              s.stored.sop(),
              s.studyDate(),
              s.station(),
              text(ds, Tag.ProtocolName),
              text(ds, Tag.Modality),
              text(ds, Tag.BodyPartExamined),
              text(ds, Tag.ViewPosition),
              kvp,
              mas,
              dap,
              ei,
              number(ds, Tag.TargetExposureIndex),
              di));
    }
    return out;
  }

  static List<List<Object>> rejectRows(List<Sent> images) {
    List<List<Object>> rows = new ArrayList<>();
    for (String station : new TreeSet<>(images.stream().map(Sent::station).toList())) {
      List<Sent> room = images.stream().filter(s -> station.equals(s.station())).toList();
      long n = room.size();
      // Retakes: further images of a study with the same body part, view, side and protocol.
      Map<List<String>, Integer> groups = new TreeMap<>(Comparator.comparing(Object::toString));
      for (Sent s : room) {
        String part = text(s.ds, Tag.BodyPartExamined);
        String view = text(s.ds, Tag.ViewPosition);
        if (part != null && view != null) {
          String side = text(s.ds, Tag.Laterality);
          side = side != null ? side : text(s.ds, Tag.ImageLaterality);
          groups.merge(
              Arrays.asList(s.stored.study(), part, view, side, text(s.ds, Tag.ProtocolName)),
              1,
              Integer::sum);
        }
      }
      long repeats = groups.values().stream().mapToLong(c -> c - 1).sum();
      Double repeatRate = (double) repeats / n;
      List<Sent> rejected = room.stream().filter(s -> s.reject != null).toList();
      rows.add(
          Arrays.asList(
              station,
              n,
              repeats,
              repeatRate,
              null,
              "ALL",
              null,
              (long) rejected.size(),
              (double) rejected.size() / n));
      Set<List<String>> reasons =
          new TreeSet<>(
              Comparator.<List<String>>comparingInt(r -> SOURCES.indexOf(r.get(0)))
                  .thenComparingInt(r -> REASONS.indexOf(r.get(1)))
                  .thenComparing(r -> r.get(2), Comparator.nullsFirst(Comparator.naturalOrder())));
      rejected.forEach(s -> reasons.add(s.reject));
      for (List<String> r : reasons) {
        long c = rejected.stream().filter(s -> s.reject.equals(r)).count();
        rows.add(
            Arrays.asList(
                station, n, repeats, repeatRate, r.get(0), r.get(1), r.get(2), c, (double) c / n));
      }
    }
    return rows;
  }

  static List<List<Object>> labelingRows(List<Sent> images) {
    List<List<Object>> rows = new ArrayList<>();
    for (String station : new TreeSet<>(images.stream().map(Sent::station).toList())) {
      List<Sent> validated =
          images.stream().filter(s -> station.equals(s.station()) && s.validated).toList();
      if (validated.isEmpty()) {
        continue;
      }
      long n = validated.size();
      Set<String> rules = new TreeSet<>();
      validated.forEach(
          s ->
              s.validation.stream()
                  .filter(f -> f.severity() != Severity.INFO)
                  .forEach(f -> rules.add(f.ruleId())));
      List<String> order = new ArrayList<>();
      order.add(null);
      order.addAll(rules);
      for (String rule : order) {
        long fail = 0;
        long warn = 0;
        for (Sent s : validated) {
          Set<Severity> seen = new LinkedHashSet<>();
          s.validation.stream()
              .filter(f -> rule == null || f.ruleId().equals(rule))
              .forEach(f -> seen.add(f.severity()));
          if (seen.contains(Severity.FAIL)) {
            fail++;
          } else if (seen.contains(Severity.WARN)) {
            warn++;
          }
        }
        rows.add(
            Arrays.asList(
                station,
                rule == null ? "ALL" : rule,
                n,
                fail,
                warn,
                fail + warn,
                (double) (fail + warn) / n));
      }
    }
    return rows;
  }

  static Double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values.stream().filter(Objects::nonNull).toList());
    if (v.isEmpty()) {
      return null;
    }
    java.util.Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  static List<Double> column(List<List<Object>> rows, int i) {
    return rows.stream().map(r -> (Double) r.get(i)).toList();
  }

  static String text(Attributes ds, int tag) {
    return ReportsDataSet.text(ds, tag);
  }

  static Double number(Attributes ds, int tag) {
    return ReportsDataSet.number(ds, tag);
  }
}
