package org.roentgen.router.rules;

import java.util.List;
import java.util.Objects;
import org.roentgen.contracts.InstanceDelivery.Priority;

/**
 * What the rules ask for one destination of an instance.
 *
 * @param coercions in the order of the rules, each rule's list for all its destinations before its
 *     list for this one
 * @param deidentify the de-identification options, or null to send without de-identifying
 * @param holdSeconds send once the study has been quiet this long; 0 to send at once
 * @param rules the ids of the rules that contributed to this plan
 */
public record DestinationPlan(
    String destination,
    Priority priority,
    List<Coercion> coercions,
    DeidentifyOptions deidentify,
    int holdSeconds,
    List<String> rules) {
  public DestinationPlan {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(priority, "priority");
    coercions = List.copyOf(coercions);
    rules = List.copyOf(rules);
  }

  public boolean deidentified() {
    return deidentify != null;
  }
}
