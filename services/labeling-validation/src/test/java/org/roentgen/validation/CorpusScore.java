package org.roentgen.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.roentgen.contracts.InstanceValidated.Finding;
import org.roentgen.validation.domain.RuleIds;

/**
 * Per-rule precision and recall of the validator on the labeled corpus, counted per image: a rule
 * is a true positive on an image when the case expects it and it fired (on the expected attribute
 * when the case names one), a false positive when it fired unexpected, a false negative when it was
 * expected and did not fire.
 */
public final class CorpusScore {
  /** Counts of one rule. */
  public static final class Counts {
    int tp;
    int fp;
    int fn;

    double precision() {
      return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
    }
  }

  private final Map<String, Counts> rules = new TreeMap<>();
  private final List<String> errors = new ArrayList<>();

  public CorpusScore() {
    for (String id : RuleIds.ALL) {
      rules.put(id, new Counts());
    }
  }

  /** Scores one image: what its case expects against the findings the validator gave. */
  public void score(LabeledCase c, List<Finding> findings) {
    for (String id : RuleIds.ALL) {
      String expectation =
          c.expected().stream()
              .filter(e -> e.equals(id) || e.startsWith(id + "@"))
              .findFirst()
              .orElse(null);
      boolean fired = findings.stream().anyMatch(f -> f.ruleId().equals(id));
      boolean onAttribute =
          expectation == null
              || !expectation.contains("@")
              || findings.stream()
                  .anyMatch(
                      f ->
                          f.ruleId().equals(id)
                              && expectation
                                  .substring(expectation.indexOf('@') + 1)
                                  .equals(f.attribute()));
      Counts k = rules.get(id);
      if (expectation != null && fired && onAttribute) {
        k.tp++;
      } else if (expectation != null) {
        k.fn++;
        errors.add(c.name() + ": expected " + expectation + ", got " + summary(findings));
      } else if (fired) {
        k.fp++;
        errors.add(c.name() + ": unexpected " + id + " in " + summary(findings));
      }
    }
  }

  private static List<String> summary(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.ruleId() + (f.attribute() == null ? "" : "@" + f.attribute()))
        .toList();
  }

  /** The table: one line per rule with its counts, precision and recall. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-40s %4s %4s %4s %9s %7s%n",
            "rule",
            "TP",
            "FP",
            "FN",
            "precision",
            "recall"));
    for (Map.Entry<String, Counts> e : rules.entrySet()) {
      Counts k = e.getValue();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-40s %4d %4d %4d %9.2f %7.2f%n",
              e.getKey(),
              k.tp,
              k.fp,
              k.fn,
              k.precision(),
              k.recall()));
    }
    return sb.toString();
  }

  /** The rules below 1.0 in precision or recall, or without a single positive case. */
  public Set<String> imperfect() {
    Set<String> out = new java.util.TreeSet<>();
    rules.forEach(
        (id, k) -> {
          if (k.tp == 0 || k.fp > 0 || k.fn > 0) {
            out.add(id);
          }
        });
    return out;
  }

  /** Each miss and false alarm, by case. */
  public List<String> errors() {
    return List.copyOf(errors);
  }
}
