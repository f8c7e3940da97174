package org.roentgen.router.rules;

import java.util.List;
import java.util.Objects;

/** What the rules decided for one instance: deliver, quarantine, or no destination. */
public sealed interface RoutingDecision {
  /** The ids of the rules that matched, in file order (up to and including a final one). */
  List<String> matchedRules();

  /** Send to these destinations, each with its own plan, in the order the rules name them. */
  record Deliver(List<String> matchedRules, List<DestinationPlan> destinations)
      implements RoutingDecision {
    public Deliver {
      matchedRules = List.copyOf(matchedRules);
      destinations = List.copyOf(destinations);
      if (destinations.isEmpty()) {
        throw new IllegalArgumentException("a delivery needs a destination");
      }
    }

    /** The plan for {@code name}, or null when the instance does not go there. */
    public DestinationPlan plan(String name) {
      for (DestinationPlan p : destinations) {
        if (p.destination().equals(name)) {
          return p;
        }
      }
      return null;
    }
  }

  /**
   * Hold the instance back for review; no destination gets it.
   *
   * @param rule the id of the rule that quarantined, or null when the FAIL default did
   * @param reason readable, from the rule file or the default; no patient data
   * @param findings the finding ids behind it (rule and check ids)
   */
  record Quarantine(List<String> matchedRules, String rule, String reason, List<String> findings)
      implements RoutingDecision {
    public Quarantine {
      matchedRules = List.copyOf(matchedRules);
      Objects.requireNonNull(reason, "reason");
      findings = List.copyOf(findings);
    }
  }

  /**
   * No rule sends the instance anywhere: none matched, or those that matched only modify or stop.
   * The engine records it and commits.
   */
  record NoRoute(List<String> matchedRules) implements RoutingDecision {
    public NoRoute {
      matchedRules = List.copyOf(matchedRules);
    }

    /** Readable, for the record and the logs. */
    public String reason() {
      return matchedRules.isEmpty()
          ? "no rule matched"
          : "no rule that matched (" + String.join(", ", matchedRules) + ") sends to a destination";
    }
  }
}
