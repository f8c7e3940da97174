package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server that cannot start says so at once, with its log, and leaves no process behind. */
class StartFailureIT {

  @Test
  void aServerWhosePortIsTakenFailsWithTheTailOfItsLog() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        S3Server s3 =
            S3Server.builder()
                .port(taken.getLocalPort())
                .startupTimeout(Duration.ofSeconds(30))
                .build()) {
      long begin = System.nanoTime();

      assertThatThrownBy(s3::start)
          .isInstanceOf(StackException.class)
          .hasMessageContaining("s3proxy: exited with status")
          .hasMessageContaining("last lines of the log")
          .satisfies(e -> assertThat(((StackException) e).logTail()).isNotBlank());

      assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(25));
      assertThat(s3.isRunning()).isFalse();
    }
  }
}
