package org.roentgen.archive.dicomweb;

/** A search the archive cannot run as asked: answered 400 with the message. */
public final class QidoException extends RuntimeException {
  public QidoException(String message) {
    super(message);
  }
}
