package org.roentgen.dicom.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion with a time limit and captures what it prints. */
public final class Processes {
  private Processes() {}

  /** What a finished program left: exit status and both outputs. */
  public record Result(int exitCode, byte[] stdout, String stderr) {
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs {@code command}; fails with the program's output if it runs past {@code seconds}. */
  public static Result run(long seconds, String... command) {
    return run(null, seconds, List.of(command));
  }

  public static Result run(Path dir, long seconds, List<String> command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process p = pb.start();
      p.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread o = drain(p.getInputStream(), out);
      Thread e = drain(p.getErrorStream(), err);
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " ran longer than " + seconds + " s");
      }
      o.join();
      e.join();
      return new Result(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    } catch (IOException x) {
      throw new UncheckedIOException(
          "cannot run " + command.get(0) + " (is it installed? .ci/run installs it)", x);
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(x);
    }
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream to) {
    Thread t =
        new Thread(
            () -> {
              try (in) {
                in.transferTo(to);
              } catch (IOException ignored) {
                // the process ended; what it wrote is kept
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
