package org.roentgen.validation.domain;

import java.util.Objects;
import org.roentgen.contracts.InstanceValidated.Severity;

/**
 * One rule as the rule file states it.
 *
 * @param line where the rule starts in its file (1-based), for messages
 */
public record RuleSpec(
    String id, String description, Severity severity, boolean enabled, int line) {
  public RuleSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(severity, "severity");
  }
}
