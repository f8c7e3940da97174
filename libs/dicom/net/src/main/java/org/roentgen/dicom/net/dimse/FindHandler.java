package org.roentgen.dicom.net.dimse;

import java.io.IOException;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.net.ul.Association;

/** Answers a C-FIND request (PS3.4 C.4.1 and K.4.1) for a {@link DimseServer}. */
@FunctionalInterface
public interface FindHandler {
  /** Receives the matches one by one; each is sent at once as a Pending response. */
  interface Matches {
    /** Sends one match; returns false when the requestor cancelled (C-CANCEL). */
    boolean add(Attributes match) throws IOException;
  }

  /**
   * Finds the matches of {@code keys} and hands each to {@code matches}.
   *
   * @return the final status ({@link Status#SUCCESS} or a failure)
   */
  int find(Association association, Command rq, Attributes keys, Matches matches)
      throws IOException;
}
