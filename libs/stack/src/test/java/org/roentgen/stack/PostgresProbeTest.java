package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PostgresProbeTest {

  /** Frontend/Backend Protocol, Message Formats: StartupMessage. */
  @Test
  void theStartupMessageIsLengthProtocolThreeAndTheParameters() {
    byte[] message = PostgresProbe.startupMessage("roentgen", "db");

    ByteBuffer b = ByteBuffer.wrap(message);
    assertThat(b.getInt()).isEqualTo(message.length);
    assertThat(b.getInt()).isEqualTo(0x0003_0000);
    assertThat(new String(message, 8, message.length - 8, StandardCharsets.UTF_8))
        .isEqualTo("user\0roentgen\0database\0db\0\0");
  }

  @Test
  void nobodyListeningIsNotReady() {
    int port = Ports.free("127.0.0.1");

    assertThat(PostgresProbe.accepts("127.0.0.1", port, "roentgen", "roentgen")).isFalse();
  }
}
