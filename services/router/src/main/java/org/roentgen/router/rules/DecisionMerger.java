package org.roentgen.router.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.roentgen.contracts.InstanceDelivery.Priority;
import org.roentgen.contracts.InstanceValidated.Severity;

/**
 * Turns the rules that matched an instance into one decision.
 *
 * <ol>
 *   <li>A matched rule with {@code quarantine} quarantines (the first such rule gives the reason).
 *   <li>Else a FAIL verdict quarantines when {@code defaults.quarantineOnFail} is on and no matched
 *       rule says {@code deliverDespiteFail: true}.
 *   <li>Else the destinations are the union of the matched rules' {@code sendTo}, in order of first
 *       mention; none gives {@link RoutingDecision.NoRoute}.
 * </ol>
 *
 * <p>Per destination, a rule contributes when it sends there or sends nowhere (a modifier rule):
 * the priority is the highest that a contributing rule sets (STAT over ROUTINE), or the header's
 * default when none sets one; the coercions are every contributing rule's {@code coerce} list and
 * every matched rule's list for that destination, in rule order; it is de-identified when any
 * matched rule asks for it, with the strictest options; the hold is the longest asked for.
 */
final class DecisionMerger {
  private DecisionMerger() {}

  /**
   * @param released the instance was released from quarantine: steps 1 and 2 are skipped
   */
  static RoutingDecision merge(
      List<Rule> matched, RoutingEvent event, RuleDefaults defaults, boolean released) {
    List<String> ids = matched.stream().map(Rule::id).toList();
    if (!released) {
      RoutingDecision.Quarantine q = quarantine(matched, ids, event, defaults);
      if (q != null) {
        return q;
      }
    }
    Set<String> destinations = new LinkedHashSet<>();
    matched.forEach(r -> destinations.addAll(r.actions().sendTo()));
    if (destinations.isEmpty()) {
      return new RoutingDecision.NoRoute(ids);
    }
    Priority headerPriority = HeaderValues.defaultPriority(event.header());
    List<DestinationPlan> plans = new ArrayList<>(destinations.size());
    for (String d : destinations) {
      plans.add(plan(d, matched, headerPriority));
    }
    return new RoutingDecision.Deliver(ids, plans);
  }

  /** Steps 1 and 2: a quarantine rule, or the FAIL default; null when neither applies. */
  private static RoutingDecision.Quarantine quarantine(
      List<Rule> matched, List<String> ids, RoutingEvent event, RuleDefaults defaults) {
    for (Rule r : matched) {
      if (r.actions().quarantine() != null) {
        List<String> findings = List.copyOf(event.findingIds(Set.of(Severity.FAIL, Severity.WARN)));
        return new RoutingDecision.Quarantine(ids, r.id(), r.actions().quarantine(), findings);
      }
    }
    List<String> failed = event.failedBlocks();
    if (defaults.quarantineOnFail()
        && !failed.isEmpty()
        && matched.stream().noneMatch(r -> r.actions().deliverDespiteFail())) {
      return new RoutingDecision.Quarantine(
          ids,
          null,
          String.join(" and ", failed) + " verdict FAIL",
          List.copyOf(event.findingIds(Set.of(Severity.FAIL))));
    }
    return null;
  }

  private static DestinationPlan plan(String destination, List<Rule> matched, Priority header) {
    Priority explicit = null;
    List<Coercion> coercions = new ArrayList<>();
    DeidentifyOptions deidentify = null;
    int hold = 0;
    List<String> contributors = new ArrayList<>();
    for (Rule r : matched) {
      Actions a = r.actions();
      boolean general = a.appliesTo(destination);
      List<Coercion> own = a.coerceFor().get(destination);
      DeidentifyOptions options = a.deidentify().get(destination);
      if (general) {
        if (a.priority() != null && (explicit == null || a.priority() == Priority.STAT)) {
          explicit = a.priority();
        }
        hold = Math.max(hold, a.holdSeconds());
        coercions.addAll(a.coerce());
      }
      if (own != null) {
        coercions.addAll(own);
      }
      if (options != null) {
        deidentify = deidentify == null ? options : deidentify.strictest(options);
      }
      boolean generalEffect =
          a.sendTo().contains(destination)
              || a.priority() != null
              || a.holdSeconds() > 0
              || !a.coerce().isEmpty();
      if ((general && generalEffect) || own != null || options != null) {
        contributors.add(r.id());
      }
    }
    return new DestinationPlan(
        destination,
        explicit == null ? header : explicit,
        coercions,
        deidentify,
        hold,
        contributors);
  }
}
