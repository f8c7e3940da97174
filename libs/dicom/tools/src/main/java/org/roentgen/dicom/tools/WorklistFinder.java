package org.roentgen.dicom.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.FindHandler;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.Association;

/**
 * The C-FIND SCP of the Modality Worklist Information Model - FIND SOP class (PS3.4 K.4.1): each
 * scheduled procedure step of a {@link WorklistEntries} folder that matches the identifier's keys
 * ({@link Matching}, PS3.4 C.2.2.2) is one Pending response with the requested return keys ({@link
 * ReturnKeys}); the final response is Success, or Cancel after a C-CANCEL. Each query is logged
 * with the caller's AE title and the number of matches, never a key's value.
 */
final class WorklistFinder implements FindHandler {
  private final WorklistEntries entries;
  private final PrintStream log;
  private final AtomicLong queries = new AtomicLong();

  WorklistFinder(WorklistEntries entries, PrintStream log) {
    this.entries = entries;
    this.log = log;
  }

  /** Queries answered so far. */
  long queries() {
    return queries.get();
  }

  @Override
  public int find(Association as, Command rq, Attributes keys, Matches matches) throws IOException {
    if (!UID.ModalityWorklistInformationModelFind.equals(rq.affectedSopClassUid())) {
      return Status.SOP_CLASS_NOT_SUPPORTED.code();
    }
    long start = System.nanoTime();
    List<Attributes> found = new ArrayList<>();
    for (Attributes step : entries.steps()) {
      if (Matching.matches(keys, step)) {
        found.add(ReturnKeys.select(keys, step));
      }
    }
    int sent = 0;
    int status = Status.SUCCESS.code();
    for (Attributes match : found) {
      if (!matches.add(match)) {
        status = Status.CANCEL.code();
        break;
      }
      sent++;
    }
    queries.incrementAndGet();
    log.printf(
        "worklist: C-FIND from %s: %d %s%s in %d ms%n",
        as.callingAeTitle(),
        sent,
        sent == 1 ? "match" : "matches",
        status == Status.CANCEL.code() ? " (cancelled)" : "",
        (System.nanoTime() - start) / 1_000_000);
    return status;
  }
}
