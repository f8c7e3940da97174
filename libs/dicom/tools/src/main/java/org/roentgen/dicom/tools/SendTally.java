package org.roentgen.dicom.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.Status;

/**
 * What {@code dicom send} has done so far: counts by outcome, progress on stderr once a second, and
 * the closing summary. Responses arrive on the association's thread, hence the locking.
 */
final class SendTally {
  private final int total;
  private final PrintStream err;
  private final long start = System.nanoTime();
  private long lastProgress = start;
  private int ok;
  private int warnings;
  private int failed;
  private int converted;
  private long bytes;

  SendTally(int total, PrintStream err) {
    this.total = total;
    this.err = err;
  }

  synchronized void failed(Path file, String why) {
    failed++;
    err.println("failed " + file + ": " + why);
  }

  synchronized void answered(
      Path file, long size, boolean wasConverted, Command rsp, Throwable error) {
    if (error != null) {
      failed(file, "no response: " + error.getMessage());
      return;
    }
    Status.Kind kind = Status.kindOf(rsp.status());
    if (kind == Status.Kind.SUCCESS) {
      ok++;
    } else if (kind == Status.Kind.WARNING) {
      warnings++;
    } else {
      failed(
          file,
          String.format(
              "status 0x%04X %s",
              rsp.status(), rsp.errorComment() == null ? "" : rsp.errorComment()));
      return;
    }
    if (wasConverted) {
      converted++;
    }
    bytes += size;
    long now = System.nanoTime();
    if (now - lastProgress > 1_000_000_000L) {
      err.printf("%d/%d sent, %.1f MB%n", ok + warnings, total, bytes / 1e6);
      lastProgress = now;
    }
  }

  /** True when every file was stored (with success or a warning). */
  synchronized boolean allSent() {
    return ok + warnings == total;
  }

  synchronized String summary(String aeTitle, int unreadable) {
    double s = (System.nanoTime() - start) / 1e9;
    int notSent = total - ok - warnings - failed;
    return String.format(
        "sent %d of %d files to %s (%d converted, %d warnings, %d failed, %d not sent, %d unreadable):"
            + " %.1f MB in %.2f s, %.0f images/s, %.1f MB/s",
        ok + warnings,
        total,
        aeTitle,
        converted,
        warnings,
        failed,
        notSent,
        unreadable,
        bytes / 1e6,
        s,
        (ok + warnings) / s,
        bytes / 1e6 / s);
  }
}
