package org.roentgen.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import org.roentgen.stack.child.ChildMain;

/**
 * The class path of a child server, resolved when roentgen-stack was built: the modules under
 * {@code libs/stack-runtime} write it as {@code org/roentgen/stack/runtime/NAME.classpath}, a list
 * of absolute paths into the local Maven repository of the machine that built them, which is the
 * machine that runs the tests and the local stack.
 */
final class RuntimeClasspath {
  private static final String RESOURCE = "/org/roentgen/stack/runtime/%s.classpath";

  private RuntimeClasspath() {}

  /**
   * The jars of a server followed by the location of {@link ChildMain}, which every child runs
   * first.
   *
   * @param server {@code kafka}, {@code s3proxy} or {@code postgres}
   * @throws StackException if the list is missing or names a jar that is no longer there
   */
  static List<Path> of(String server) {
    List<Path> jars = new ArrayList<>(serverJars(server));
    jars.add(stackLocation(server));
    return List.copyOf(jars);
  }

  /** The jars of a server alone, as its runtime module resolved them. */
  static List<Path> serverJars(String server) {
    String name = String.format(RESOURCE, server);
    String text;
    try (InputStream in = RuntimeClasspath.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new StackException(
            server,
            "no class path list "
                + name
                + " on the class path: add roentgen-stack-runtime-"
                + server
                + " (roentgen-stack brings it)",
            null);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new StackException(server, "cannot read " + name, e);
    }
    List<Path> jars = new ArrayList<>();
    for (String entry : text.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path jar = Path.of(entry.strip());
      if (!Files.isRegularFile(jar)) {
        throw new StackException(
            server,
            jar
                + " is missing: the class path was resolved on another machine or the local Maven"
                + " repository was cleaned; rebuild with mvn install -pl libs/stack -am",
            null);
      }
      jars.add(jar);
    }
    return List.copyOf(jars);
  }

  /**
   * The jar or classes folder that holds {@link ChildMain} (roentgen-stack itself): the code source
   * of its class, or, under a class loader that sets none (as some application servers' do), the
   * location its class file was read from.
   */
  static Path stackLocation(String server) {
    try {
      CodeSource source = ChildMain.class.getProtectionDomain().getCodeSource();
      if (source != null && source.getLocation() != null) {
        return Path.of(source.getLocation().toURI());
      }
      String classFile = ChildMain.class.getName().replace('.', '/') + ".class";
      URL url = ChildMain.class.getClassLoader().getResource(classFile);
      if (url != null && url.getProtocol().equals("jar")) {
        String spec = url.getPath();
        return Path.of(new URL(spec.substring(0, spec.indexOf("!/"))).toURI());
      }
      if (url != null && url.getProtocol().equals("file")) {
        String spec = url.toString();
        return Path.of(new URL(spec.substring(0, spec.length() - classFile.length())).toURI());
      }
    } catch (URISyntaxException | IOException | IllegalArgumentException e) {
      throw new StackException(server, "cannot locate the roentgen-stack classes", e);
    }
    throw new StackException(server, "cannot locate the roentgen-stack classes", null);
  }

  /** The paths joined for {@code -cp}. */
  static String join(List<Path> paths) {
    return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
  }
}
