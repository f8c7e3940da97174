package org.roentgen.ingest.domain;

import java.io.IOException;

/** The object went past ingest.store.max-object-size while streaming in. */
final class ObjectTooLargeException extends IOException {
  ObjectTooLargeException(long limit) {
    super("object larger than the configured maximum of " + limit + " bytes");
  }
}
