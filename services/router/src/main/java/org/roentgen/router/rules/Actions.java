package org.roentgen.router.rules;

import java.util.List;
import java.util.Map;
import org.roentgen.contracts.InstanceDelivery.Priority;

/**
 * What a rule does when it matches.
 *
 * @param sendTo destinations, in the file's order; empty for a rule that only modifies what other
 *     rules send (its priority, hold and {@code coerce} list then apply to every destination
 *     chosen)
 * @param priority the priority for the rule's destinations, or null (the header decides)
 * @param coerce coercions for every destination of the rule
 * @param coerceFor coercions for one destination, by name (applied when any rule sends there)
 * @param deidentify de-identification by destination name (applied when any rule sends there)
 * @param holdSeconds hold for study completion: send once the study has been quiet this long; 0 for
 *     no hold
 * @param quarantine the reason to quarantine the instance, or null
 * @param deliverDespiteFail true to deliver an instance with a FAIL verdict instead of the default
 *     quarantine
 */
public record Actions(
    List<String> sendTo,
    Priority priority,
    List<Coercion> coerce,
    Map<String, List<Coercion>> coerceFor,
    Map<String, DeidentifyOptions> deidentify,
    int holdSeconds,
    String quarantine,
    boolean deliverDespiteFail) {

  /** No action (a {@code final} rule that only stops evaluation). */
  public static final Actions NONE =
      new Actions(List.of(), null, List.of(), Map.of(), Map.of(), 0, null, false);

  public Actions {
    sendTo = List.copyOf(sendTo);
    coerce = List.copyOf(coerce);
    coerceFor = Map.copyOf(coerceFor);
    deidentify = Map.copyOf(deidentify);
    if (holdSeconds < 0) {
      throw new IllegalArgumentException("holdSeconds < 0");
    }
  }

  /** True when the rule's priority, hold and {@code coerce} list apply to {@code destination}. */
  boolean appliesTo(String destination) {
    return sendTo.isEmpty() || sendTo.contains(destination);
  }
}
