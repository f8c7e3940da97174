package org.roentgen.validation.domain;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * The rules in force: each rule's severity and switch, the rules' parameters, and the SHA-256 of
 * the file they came from (recorded in every verdict).
 */
public record RuleBook(
    Map<String, RuleSpec> rules, RuleSettings settings, String source, String sha256) {
  public RuleBook {
    rules = Map.copyOf(rules);
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** The rule with that id; every id of {@link RuleIds#ALL} is present. */
  public RuleSpec rule(String id) {
    RuleSpec r = rules.get(id);
    if (r == null) {
      throw new IllegalArgumentException("no rule " + id);
    }
    return r;
  }

  public boolean enabled(String id) {
    return rule(id).enabled();
  }

  /** The rules in the order of {@link RuleIds#ALL}. */
  public Collection<RuleSpec> inOrder() {
    return RuleIds.ALL.stream().map(this::rule).toList();
  }
}
