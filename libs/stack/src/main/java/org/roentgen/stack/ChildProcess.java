package org.roentgen.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.roentgen.stack.child.ChildMain;

/**
 * One child JVM: started with the {@code java} of the running JVM through {@link ChildMain}, its
 * standard input held open as the lifeline, its output appended to a file, and registered with
 * {@link Children} so that it ends with this JVM.
 */
final class ChildProcess {
  private final Process process;
  private final OutputStream lifeline;

  private ChildProcess(Process process) {
    this.process = process;
    this.lifeline = process.getOutputStream();
  }

  /**
   * What to run.
   *
   * @param server the server's name, for messages
   * @param maxHeap the {@code -Xmx} value, such as {@code 512m}
   * @param classpath the server's jars and the location of {@link ChildMain}
   * @param systemProperties {@code -D} options
   * @param mainClass the server's main class, run by {@link ChildMain}
   * @param args the server's arguments
   * @param workDir the working folder
   * @param output the file that receives standard output and error (appended)
   */
  record Spec(
      String server,
      String maxHeap,
      List<Path> classpath,
      Map<String, String> systemProperties,
      String mainClass,
      List<String> args,
      Path workDir,
      Path output) {

    List<String> command() {
      List<String> command = new ArrayList<>();
      command.add(javaBinary());
      command.add("-Xmx" + maxHeap);
      command.add("-XX:+UseSerialGC");
      command.add("-Djava.awt.headless=true");
      systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
      command.add("-cp");
      command.add(RuntimeClasspath.join(classpath));
      command.add(ChildMain.class.getName());
      command.add(mainClass);
      command.addAll(args);
      return command;
    }
  }

  /** The {@code java} launcher of the running JVM. */
  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Starts the child and registers it. */
  static ChildProcess start(Spec spec) {
    ProcessBuilder builder =
        new ProcessBuilder(spec.command())
            .directory(spec.workDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.output().toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      ChildProcess child = new ChildProcess(builder.start());
      Children.register(child);
      return child;
    } catch (IOException e) {
      throw new StackException(spec.server(), "cannot start " + spec.command().get(0), e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** The processes the child started, and theirs. */
  List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status; only for a child that has ended. */
  int exitValue() {
    return process.exitValue();
  }

  /** Waits up to {@code timeout} for the child to end; true if it has. */
  boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /**
   * Ends the child gracefully: SIGTERM, which runs the server's shutdown hooks, then waits up to
   * {@code grace}; a child still running then is killed.
   *
   * @return true if the child ended within {@code grace}
   */
  boolean terminate(Duration grace) {
    process.destroy();
    boolean graceful = waitFor(grace);
    if (!graceful) {
      kill();
    }
    release();
    return graceful;
  }

  /**
   * Ends the child at once: SIGKILL, as a crash or a power cut would, to the child and to every
   * process it started (PostgreSQL's server and its backends, which would otherwise live on without
   * their JVM), then waits for them.
   */
  void kill() {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
    for (ProcessHandle p : descendants) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // reported by the next start, if the process still holds the port or the data
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    release();
  }

  /** Closes the lifeline and forgets the child once it has ended. */
  private void release() {
    try {
      lifeline.close();
    } catch (IOException e) {
      // the pipe is gone with the child
    }
    if (!process.isAlive()) {
      Children.unregister(this);
    }
  }
}
