package org.roentgen.router.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A valid rule file, immutable: its rules in order, its defaults, where it came from and the
 * SHA-256 of its bytes. Safe to share between threads.
 *
 * @param source the file or resource it was read from
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 */
public record RuleSet(List<Rule> rules, RuleDefaults defaults, String source, String sha256) {
  public RuleSet {
    rules = List.copyOf(rules);
    Objects.requireNonNull(defaults, "defaults");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sha256, "sha256");
  }

  /**
   * Evaluates the rules in order against {@code event} at time {@code now} (time windows), stopping
   * after a matching {@code final} rule, and merges what matched (see {@link DecisionMerger} for
   * the merge and the FAIL default).
   */
  public RoutingDecision decide(RoutingEvent event, Instant now) {
    return DecisionMerger.merge(matching(event, now, false), event, defaults, false);
  }

  /**
   * As {@link #decide}, for an instance released from quarantine by a reviewer: rules that
   * quarantine are skipped (as if they did not match, so a final one does not stop the evaluation)
   * and the FAIL default does not apply, so the decision is a delivery or no route.
   */
  public RoutingDecision decideReleased(RoutingEvent event, Instant now) {
    return DecisionMerger.merge(matching(event, now, true), event, defaults, true);
  }

  private List<Rule> matching(RoutingEvent event, Instant now, boolean released) {
    List<Rule> matched = new ArrayList<>();
    for (Rule r : rules) {
      if (released && r.actions().quarantine() != null) {
        continue;
      }
      if (r.match().test(event, now)) {
        matched.add(r);
        if (r.stop()) {
          break;
        }
      }
    }
    return matched;
  }

  /** The number of rules. */
  public int size() {
    return rules.size();
  }
}
