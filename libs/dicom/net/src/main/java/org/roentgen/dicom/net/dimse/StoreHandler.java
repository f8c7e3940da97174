package org.roentgen.dicom.net.dimse;

import java.io.IOException;
import java.io.InputStream;
import org.roentgen.dicom.net.ul.Association;

/** Decides a C-STORE request (PS3.4 annex B) for a {@link DimseServer}. */
@FunctionalInterface
public interface StoreHandler {
  /**
   * Stores one instance. {@code dataset} streams the data set off the association in {@code
   * transferSyntaxUid} as it arrives; read it to its end before returning.
   *
   * @return the DIMSE status to answer ({@link Status#SUCCESS}, a warning or a failure)
   * @throws StatusException answered with its status and comment
   * @throws IOException answered with {@link Status#OUT_OF_RESOURCES} and the message as comment
   */
  int store(Association association, Command rq, String transferSyntaxUid, InputStream dataset)
      throws IOException;
}
