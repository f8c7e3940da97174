package org.roentgen.router.rules;

import java.util.Objects;

/**
 * One rule of a rule file.
 *
 * @param description free text, or null
 * @param line the line of the rule in its file
 * @param stop {@code final: true}: when this rule matches, later rules are not evaluated
 */
public record Rule(
    String id, String description, int line, Condition match, Actions actions, boolean stop) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(actions, "actions");
  }
}
