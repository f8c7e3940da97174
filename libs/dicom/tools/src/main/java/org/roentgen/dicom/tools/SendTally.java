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
          "status 0x"
              + hex4(rsp.status())
              + " "
              + (rsp.errorComment() == null ? "" : rsp.errorComment()));
      return;
    }
    if (wasConverted) {
      converted++;
    }
    bytes += size;
    long now = System.nanoTime();
    if (now - lastProgress > 1_000_000_000L) {
      err.println((ok + warnings) + "/" + total + " sent, " + fixed(bytes / 1e6, 1) + " MB");
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
    return "sent "
        + (ok + warnings)
        + " of "
        + total
        + " files to "
        + aeTitle
        + " ("
        + converted
        + " converted, "
        + warnings
        + " warnings, "
        + failed
        + " failed, "
        + notSent
        + " not sent, "
        + unreadable
        + " unreadable): "
        + fixed(bytes / 1e6, 1)
        + " MB in "
        + fixed(s, 2)
        + " s, "
        + fixed((ok + warnings) / s, 0)
        + " images/s, "
        + fixed(bytes / 1e6 / s, 1)
        + " MB/s";
  }

  // The summary and progress are written without java.util.Formatter: its first use loads the
  // locale data and regular expressions, about 10 ms of every `dicom send`.

  /** {@code v} rounded to {@code decimals} (0 to 3) places, as %.Nf would print it. */
  static String fixed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long r = Math.round(Math.abs(v) * scale);
    String sign = v < 0 ? "-" : "";
    if (decimals == 0) {
      return sign + r;
    }
    StringBuilder frac = new StringBuilder(Long.toString(r % scale));
    while (frac.length() < decimals) {
      frac.insert(0, '0');
    }
    return sign + (r / scale) + "." + frac;
  }

  /** Four upper-case hex digits, as %04X. */
  static String hex4(int v) {
    String h = Integer.toHexString(v & 0xFFFF).toUpperCase(java.util.Locale.ROOT);
    return "0000".substring(h.length()) + h;
  }
}
