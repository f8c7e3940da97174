package org.roentgen.ingest.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.roentgen.dicom.testkit.Processes;

/**
 * Runs DCMTK's storescu (the real program) in its fastest configuration (TCP_NODELAY=1, largest
 * PDU) and reads from its verbose log which files were answered Success.
 */
final class Storescu {
  /** Files answered Success, files answered otherwise (or not sent), and the log. */
  record Result(Set<Path> succeeded, Set<Path> failed, int exitCode, String log) {}

  private Storescu() {}

  static Result send(int port, String callingAe, List<Path> files, String... options) {
    List<String> cmd = new ArrayList<>();
    cmd.add("env");
    cmd.add("TCP_NODELAY=1");
    cmd.add("storescu");
    cmd.add("-v");
    cmd.add("-pdu");
    cmd.add("131072");
    cmd.add("-aet");
    cmd.add(callingAe);
    cmd.add("-aec");
    cmd.add("ROENTGEN");
    cmd.addAll(List.of(options));
    cmd.add("127.0.0.1");
    cmd.add(Integer.toString(port));
    files.forEach(f -> cmd.add(f.toString()));
    Processes.Result r = Processes.run(Path.of("."), 600, cmd);
    String log = r.out() + r.stderr();
    Set<Path> ok = new LinkedHashSet<>();
    Set<Path> failed = new LinkedHashSet<>(files);
    Path current = null;
    for (String line : log.split("\n")) {
      int at = line.indexOf("Sending file: ");
      if (at >= 0) {
        current = Path.of(line.substring(at + "Sending file: ".length()).strip());
      } else if (line.contains("Received Store Response") && current != null) {
        if (line.contains("(Success)")) {
          ok.add(current);
          failed.remove(current);
        }
        current = null;
      }
    }
    return new Result(ok, failed, r.exitCode(), log);
  }
}
