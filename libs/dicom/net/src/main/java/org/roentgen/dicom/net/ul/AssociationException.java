package org.roentgen.dicom.net.ul;

import java.io.IOException;

/** Base of the Upper Layer's failures an association user sees. */
public class AssociationException extends IOException {

  public AssociationException(String message) {
    super(message);
  }

  public AssociationException(String message, Throwable cause) {
    super(message, cause);
  }
}
