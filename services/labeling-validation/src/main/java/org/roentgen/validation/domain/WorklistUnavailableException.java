package org.roentgen.validation.domain;

/**
 * The worklist could not answer: the order could not be checked (it is not known to be missing).
 */
public class WorklistUnavailableException extends Exception {
  public WorklistUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
