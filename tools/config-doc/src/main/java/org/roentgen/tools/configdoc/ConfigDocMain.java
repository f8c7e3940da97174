package org.roentgen.tools.configdoc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code docs/configuration.md} from the services' sources: {@code ConfigDocMain [ROOT]
 * [--check]}, ROOT the repository (default: the working directory). With {@code --check} nothing is
 * written and the exit status is 1 when the file differs from what would be written.
 */
public final class ConfigDocMain {
  /** The reference, relative to the repository root. */
  public static final String OUTPUT = "docs/configuration.md";

  private ConfigDocMain() {}

  /** The reference as the generator writes it from the sources under {@code root}. */
  public static String generate(Path root) {
    return ReferenceWriter.write(new ServiceReader(root).readAll());
  }

  public static void main(String[] args) throws IOException {
    boolean check = List.of(args).contains("--check");
    Path root =
        Path.of(List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().orElse("."))
            .toAbsolutePath()
            .normalize();
    String text = generate(root);
    Path file = root.resolve(OUTPUT);
    if (check) {
      boolean same = Files.isRegularFile(file) && Files.readString(file).equals(text);
      System.out.println(
          OUTPUT + (same ? " is up to date" : " is stale: run " + ReferenceWriter.COMMAND));
      if (!same) {
        System.exit(1);
      }
      return;
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    System.out.println("wrote " + OUTPUT);
  }
}
