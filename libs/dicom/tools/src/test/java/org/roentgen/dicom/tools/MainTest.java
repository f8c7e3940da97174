package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command names the usage lists and the commands {@link Main#command} creates agree. */
class MainTest {
  @Test
  void everyListedNameIsACommandAndTheUsageNamesThemAll() {
    for (String name : Main.NAMES) {
      assertThat(Main.command(name)).as(name).isNotNull();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertThat(Main.run(new String[] {"--help"}, out, out)).isZero();
    String usage = bytes.toString(StandardCharsets.UTF_8);
    for (String name : Main.NAMES) {
      assertThat(usage).contains("dicom " + name);
    }
    assertThat(Main.command("no-such-command")).isNull();
  }
}
