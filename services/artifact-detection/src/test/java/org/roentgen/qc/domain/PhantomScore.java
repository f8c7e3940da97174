package org.roentgen.qc.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roentgen.contracts.InstanceQc.Box;
import org.roentgen.contracts.InstanceQc.Finding;

/**
 * Sensitivity and specificity per check over a phantom set. A finding counts as found only where
 * the phantom's truth expects it and, when the truth has boxes, when one of the check's boxes
 * overlaps one of them. Specificity is over every image whose truth does not name the check, images
 * with other artifacts included.
 */
final class PhantomScore {
  private final Map<String, int[]> counts = new LinkedHashMap<>();
  final List<String> misses = new ArrayList<>();

  PhantomScore() {
    for (String id : CheckIds.ALL) {
      counts.put(id, new int[4]); // TP, FN, FP, TN
    }
  }

  void add(Phantom p, Analysis a) {
    for (String id : CheckIds.ALL) {
      boolean expected = p.truth().contains(id);
      boolean found = a.findings().stream().anyMatch(f -> f.checkId().equals(id) && placed(f, p));
      boolean any = a.has(id);
      int[] c = counts.get(id);
      if (expected) {
        c[found ? 0 : 1]++;
        if (!found) {
          misses.add("missed " + id + " on " + p.label() + " " + a.metrics());
        }
      } else {
        c[any ? 2 : 3]++;
        if (any) {
          misses.add(
              "false "
                  + id
                  + " on "
                  + p.label()
                  + " "
                  + a.findings().stream()
                      .filter(f -> f.checkId().equals(id))
                      .findFirst()
                      .get()
                      .message()
                  + " "
                  + a.metrics());
        }
      }
    }
  }

  private static boolean placed(Finding f, Phantom p) {
    if (p.boxes().isEmpty()) {
      return true;
    }
    if (f.box() == null) {
      return false;
    }
    for (Box b : p.boxes()) {
      if (overlaps(f.box(), b)) {
        return true;
      }
    }
    return false;
  }

  static boolean overlaps(Box a, Box b) {
    return a.x() < b.x() + b.width()
        && b.x() < a.x() + a.width()
        && a.y() < b.y() + b.height()
        && b.y() < a.y() + a.height();
  }

  double sensitivity(String id) {
    int[] c = counts.get(id);
    return c[0] + c[1] == 0 ? Double.NaN : (double) c[0] / (c[0] + c[1]);
  }

  double specificity(String id) {
    int[] c = counts.get(id);
    return c[2] + c[3] == 0 ? Double.NaN : (double) c[3] / (c[2] + c[3]);
  }

  String table() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "%-26s %5s %5s %5s %5s %12s %12s%n",
            "check", "TP", "FN", "FP", "TN", "sensitivity", "specificity"));
    counts.forEach(
        (id, c) ->
            s.append(
                String.format(
                    "%-26s %5d %5d %5d %5d %12.3f %12.3f%n",
                    id, c[0], c[1], c[2], c[3], sensitivity(id), specificity(id))));
    return s.toString();
  }
}
