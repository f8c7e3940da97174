package org.roentgen.router.destination;

import io.minio.errors.ErrorResponseException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.Payload;

/**
 * Failures to read the payload itself (the object in the pipeline's store, or a spool file), told
 * apart from failures of the destination: an object that is gone is {@link
 * FailureCause#OBJECT_MISSING} (permanent); any other read failure {@link
 * FailureCause#OBJECT_STORE} (transient: the store may answer again).
 */
final class PayloadFailures {
  /** S3 error codes of an object that is not there. */
  private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject", "NotFound");

  private PayloadFailures() {}

  /** Opens the payload; a failure is classified here. */
  static InputStream open(String destination, Payload payload) throws DeliveryException {
    try {
      return payload.open();
    } catch (IOException e) {
      throw of(destination, payload, e);
    }
  }

  /** Closes the payload's stream; a failure then is of no consequence to the delivery. */
  static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the delivery is decided; a stream that fails to close leaks nothing we can act on
    }
  }

  static DeliveryException of(String destination, Payload payload, Throwable e) {
    boolean missing = missing(e);
    return new DeliveryException(
        missing ? FailureCause.OBJECT_MISSING : FailureCause.OBJECT_STORE,
        missing,
        null,
        destination
            + ": cannot read SOP instance "
            + payload.sopInstanceUid()
            + (missing ? " (the object is gone)" : "")
            + ": "
            + e.getClass().getSimpleName(),
        e);
  }

  private static boolean missing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
        return true;
      }
      if (t instanceof ErrorResponseException r && MISSING.contains(r.errorResponse().code())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A read of the payload failed while its bytes were on their way to the destination: wraps the
   * cause so that it is not taken for a failure of the destination's connection.
   */
  static final class ReadException extends IOException {
    ReadException(IOException cause) {
      super("payload read failed: " + cause.getMessage(), cause);
    }

    IOException reason() {
      return (IOException) getCause();
    }
  }

  /** A stream whose read failures are {@link ReadException}s. */
  static InputStream marked(InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (ReadException e) {
          throw e;
        } catch (IOException e) {
          throw new ReadException(e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (ReadException e) {
          throw e;
        } catch (IOException e) {
          throw new ReadException(e);
        }
      }

      @Override
      public long skip(long n) throws IOException {
        try {
          return super.skip(n);
        } catch (ReadException e) {
          throw e;
        } catch (IOException e) {
          throw new ReadException(e);
        }
      }
    };
  }

  /** The read failure somewhere in {@code e}'s causes, or null. */
  static ReadException readFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ReadException r) {
        return r;
      }
    }
    return null;
  }
}
