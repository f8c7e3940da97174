package org.roentgen.router.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule file that is not valid, with every problem found in it (not only the first), each naming
 * its line and column; the message lists them all.
 */
public final class RuleFileException extends Exception {
  private final String source;
  private final transient List<RuleError> errors;

  public RuleFileException(String source, List<RuleError> errors) {
    super(message(source, errors));
    this.source = source;
    this.errors = List.copyOf(errors);
  }

  /** The file (or resource) the rules came from. */
  public String source() {
    return source;
  }

  /** The problems, ordered by line and column. */
  public List<RuleError> errors() {
    return errors;
  }

  private static String message(String source, List<RuleError> errors) {
    String head = source + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors");
    return errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n", head + "\n", ""));
  }
}
