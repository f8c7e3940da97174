package org.roentgen.router.rules;

import java.util.Objects;

/** Where the rules in force come from: a fixed set, or a file that is reloaded when it changes. */
@FunctionalInterface
public interface RuleSource {
  /** The rules in force now; each call may return a newer set. */
  RuleSet current();

  /** A source that always gives {@code rules} (tests, dry runs of a candidate file). */
  static RuleSource of(RuleSet rules) {
    Objects.requireNonNull(rules, "rules");
    return () -> rules;
  }
}
