package org.roentgen.ingest.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.roentgen.dicom.testkit.Processes;

/**
 * Runs DCMTK's storescu (the real program) in its fastest configuration (TCP_NODELAY=1, largest
 * PDU) and reads from its verbose log which files were answered Success.
 */
final class Storescu {
  /**
   * Files answered Success, files not answered Success (refused or never sent), files the receiver
   * answered with a non-Success status, and the log.
   */
  record Result(
      Set<Path> succeeded, Set<Path> failed, Set<Path> refused, int exitCode, String log) {}

  /** storescu's option that proposes a transfer syntax, or null when it cannot propose it. */
  static String proposalFor(String transferSyntaxUid) {
    return switch (transferSyntaxUid) {
      case "1.2.840.10008.1.2" -> "-xi";
      case "1.2.840.10008.1.2.1" -> "-xe";
      case "1.2.840.10008.1.2.2" -> "-xb";
      case "1.2.840.10008.1.2.1.99" -> "-xd";
      case "1.2.840.10008.1.2.4.50" -> "-xy";
      case "1.2.840.10008.1.2.4.51" -> "-xx";
      case "1.2.840.10008.1.2.4.70" -> "-xs";
      case "1.2.840.10008.1.2.4.80" -> "-xt";
      case "1.2.840.10008.1.2.4.81" -> "-xu";
      case "1.2.840.10008.1.2.4.90" -> "-xv";
      case "1.2.840.10008.1.2.4.91" -> "-xw";
      case "1.2.840.10008.1.2.5" -> "-xr";
      default -> null;
    };
  }

  private Storescu() {}

  /** A storescu running in the background; {@link #responses()} counts answers as they come. */
  static final class Running {
    private final Process process;
    private final StringBuffer log = new StringBuffer();
    private final AtomicInteger responses = new AtomicInteger();
    private final Thread reader;
    private final List<Path> files;

    private Running(Process process, List<Path> files) {
      this.process = process;
      this.files = files;
      this.reader =
          new Thread(
              () -> {
                try (var in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    log.append(line).append('\n');
                    if (line.contains("Received Store Response")) {
                      responses.incrementAndGet();
                    }
                  }
                } catch (IOException e) {
                  log.append(e).append('\n');
                }
              });
      reader.start();
    }

    int responses() {
      return responses.get();
    }

    /** Waits for the end; false when it did not end in time (it is then killed). */
    Result await(Duration timeout) throws InterruptedException {
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        process.destroyForcibly();
        process.waitFor();
      }
      reader.join();
      return parse(files, ended ? process.exitValue() : -1, log.toString());
    }
  }

  /** Starts storescu in the background. */
  static Running start(int port, String callingAe, List<Path> files, String... options)
      throws IOException {
    List<String> cmd = command(port, callingAe, files, options);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    return new Running(p, files);
  }

  private static List<String> command(
      int port, String callingAe, List<Path> files, String... options) {
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
    return cmd;
  }

  static Result send(int port, String callingAe, List<Path> files, String... options) {
    Processes.Result r = Processes.run(Path.of("."), 600, command(port, callingAe, files, options));
    return parse(files, r.exitCode(), r.out() + r.stderr());
  }

  private static Result parse(List<Path> files, int exitCode, String log) {
    Set<Path> ok = new LinkedHashSet<>();
    Set<Path> refused = new LinkedHashSet<>();
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
        } else {
          refused.add(current);
        }
        current = null;
      }
    }
    return new Result(ok, failed, refused, exitCode, log);
  }
}
