package org.roentgen.router.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of a reloaded rule file, for the REST API, health and metrics.
 *
 * @param file the rule file
 * @param sha256 SHA-256 of the rules in force
 * @param ruleCount how many rules are in force
 * @param loadedAt when the rules in force were loaded
 * @param checkedAt when the file was last looked at
 * @param reloads successful loads since start, the first included
 * @param refusals versions of the file refused since start
 * @param refused the version on disk that was refused and is not in force, or null when the rules
 *     in force are the file's current content
 */
public record RuleStatus(
    String file,
    String sha256,
    int ruleCount,
    Instant loadedAt,
    Instant checkedAt,
    long reloads,
    long refusals,
    Refused refused) {
  public RuleStatus {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(loadedAt, "loadedAt");
    Objects.requireNonNull(checkedAt, "checkedAt");
  }

  /**
   * A refused version of the file.
   *
   * @param sha256 SHA-256 of the refused content (null when the file could not be read)
   * @param at when it was refused
   * @param errors why, with lines
   */
  public record Refused(String sha256, Instant at, List<RuleError> errors) {
    public Refused {
      Objects.requireNonNull(at, "at");
      errors = List.copyOf(errors);
    }
  }
}
