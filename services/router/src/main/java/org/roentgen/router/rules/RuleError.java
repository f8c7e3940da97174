package org.roentgen.router.rules;

import java.util.Objects;

/**
 * One problem in a rule file: where it is and what is wrong. The message quotes the rule file,
 * never an event.
 *
 * @param line 1-based line, 0 when the problem concerns the whole file
 * @param column 1-based column, 0 when unknown
 */
public record RuleError(int line, int column, String message) implements Comparable<RuleError> {
  public RuleError {
    Objects.requireNonNull(message, "message");
  }

  @Override
  public int compareTo(RuleError o) {
    int c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  /** {@code line 12, column 7: message}. */
  @Override
  public String toString() {
    if (line <= 0) {
      return message;
    }
    return "line " + line + (column > 0 ? ", column " + column : "") + ": " + message;
  }
}
