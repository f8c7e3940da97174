package org.roentgen.validation.domain;

/**
 * The rule file is not valid: the message names the file and the line (and column) of the problem,
 * so the service can refuse to start with a message an administrator can act on.
 */
public class RuleFileException extends Exception {
  private final String source;
  private final int line;

  public RuleFileException(String source, int line, int column, String problem) {
    super(
        source + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem);
    this.source = source;
    this.line = line;
  }

  /** The file (or resource) the rules came from. */
  public String source() {
    return source;
  }

  /** The 1-based line of the problem, 0 when it concerns the whole file. */
  public int line() {
    return line;
  }
}
