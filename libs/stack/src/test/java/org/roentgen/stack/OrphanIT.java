package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child server does not outlive its parent JVM even when the parent is killed with SIGKILL and
 * runs no shutdown hook: the lifeline ends it.
 */
class OrphanIT {

  @Test
  void aChildEndsWhenItsParentIsKilled(@TempDir Path data) throws Exception {
    Process parent =
        new ProcessBuilder(
                ChildProcess.javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                ParentMain.class.getName(),
                data.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    long childPid;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("the parent's report of its child").startsWith("child ");
      childPid = Long.parseLong(line.substring("child ".length()));
    }
    ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
    assertThat(child.isAlive()).isTrue();

    parent.destroyForcibly();
    assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();

    Optional<ProcessHandle> gone =
        Optional.ofNullable(child.onExit().completeOnTimeout(null, 40, TimeUnit.SECONDS).join());
    assertThat(gone).as("the orphaned child %d ended", childPid).isPresent();
    assertThat(child.isAlive()).isFalse();
  }

  /**
   * A parent that starts an S3 server with its data in the given folder (the test's, since a killed
   * parent deletes no temporary folder), prints its pid and waits to be killed.
   */
  public static final class ParentMain {
    private ParentMain() {}

    public static void main(String[] args) throws Exception {
      S3Server s3 = S3Server.builder().dataDir(Path.of(args[0])).build();
      s3.start();
      System.out.println("child " + s3.pid().orElseThrow());
      System.out.flush();
      Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
  }
}
