package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.roentgen.stack.LocalStackMain.Options;

class LocalStackMainTest {

  @Test
  void defaultsToTheWellKnownPortsAndADataFolderHere() {
    Options o = Options.parse();

    assertThat(o.data()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(o.kafkaPort()).isEqualTo(9092);
    assertThat(o.kafkaControllerPort()).isEqualTo(9093);
    assertThat(o.s3Port()).isEqualTo(9000);
    assertThat(o.postgresPort()).isEqualTo(5433);
  }

  @Test
  void takesEveryOption() {
    Options o =
        Options.parse(
            "--data",
            "/tmp/x",
            "--kafka-port",
            "1",
            "--kafka-controller-port",
            "2",
            "--s3-port",
            "3",
            "--postgres-port",
            "4");

    assertThat(o).isEqualTo(new Options(Path.of("/tmp/x"), 1, 2, 3, 4));
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> Options.parse("--verbose", "1")).hasMessageContaining("--verbose");
    assertThatThrownBy(() -> Options.parse("--data")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Options.parse("--s3-port", "70000"))
        .hasMessageContaining("not a port");
  }
}
