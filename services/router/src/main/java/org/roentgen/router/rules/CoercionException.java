package org.roentgen.router.rules;

/**
 * A coercion could not be applied to a data set (a value the character set cannot encode, a number
 * the VR cannot hold). The message names the attribute, never its value.
 */
public final class CoercionException extends Exception {
  private final String keyword;

  public CoercionException(String keyword, String message) {
    super(message);
    this.keyword = keyword;
  }

  /** The attribute the failed coercion writes. */
  public String keyword() {
    return keyword;
  }
}
