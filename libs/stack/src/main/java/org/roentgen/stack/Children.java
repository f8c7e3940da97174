package org.roentgen.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every child JVM and temporary folder of this JVM, and the one shutdown hook that ends the first
 * (SIGTERM, then SIGKILL after a grace period) and deletes the second when this JVM exits. A JVM
 * killed outright runs no hook; its children then end through their lifeline ({@link
 * org.roentgen.stack.child.ChildMain}).
 */
final class Children {
  private static final Duration GRACE = Duration.ofSeconds(20);
  private static final Set<ChildProcess> LIVE = new LinkedHashSet<>();
  private static final List<Path> TEMP_DIRS = new ArrayList<>();
  private static boolean hookInstalled;

  private Children() {}

  static synchronized void register(ChildProcess child) {
    installHook();
    LIVE.add(child);
  }

  static synchronized void unregister(ChildProcess child) {
    LIVE.remove(child);
  }

  /** Creates a temporary folder that is deleted when this JVM exits, after the children end. */
  static synchronized Path tempDir(String prefix) {
    installHook();
    try {
      Path dir = Files.createTempDirectory(prefix);
      TEMP_DIRS.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
  }

  private static void installHook() {
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(Children::endAll, "roentgen-stack-shutdown"));
      hookInstalled = true;
    }
  }

  /** Ends all children at once (they shut down in parallel), then deletes the folders. */
  private static void endAll() {
    List<ChildProcess> children;
    List<Path> dirs;
    synchronized (Children.class) {
      children = new ArrayList<>(LIVE);
      dirs = new ArrayList<>(TEMP_DIRS);
    }
    children.forEach(c -> ProcessHandle.of(c.pid()).ifPresent(ProcessHandle::destroy));
    for (ChildProcess child : children) {
      if (!child.waitFor(GRACE)) {
        child.kill();
      }
    }
    dirs.forEach(Children::deleteTree);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a folder under the system's temporary folder
    }
  }
}
