package org.roentgen.dicom.net.dimse;

import java.io.IOException;

/** A DIMSE message that breaks PS3.7: a malformed command set or an unexpected message. */
public class DimseException extends IOException {
  public DimseException(String message) {
    super(message);
  }
}
