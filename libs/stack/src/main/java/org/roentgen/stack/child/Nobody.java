package org.roentgen.stack.child;

import com.sun.security.auth.module.UnixSystem;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * PostgreSQL under root: {@code initdb} and {@code postgres} refuse to run as root, and the build
 * machines and CI run as root. There every PostgreSQL binary runs as user {@code nobody} (uid and
 * gid {@value #UID}, no supplementary groups) through util-linux's {@code setpriv}, on folders
 * handed to that user. Under any other user nothing changes: the binaries run as that user.
 *
 * <p>JDK only: used by the parent JVM and by {@link PostgresMain} in the child.
 */
public final class Nobody {
  /** The uid and gid of {@code nobody} (and {@code nogroup}) on Debian and most Linux systems. */
  public static final int UID = 65534;

  private static final String SETPRIV = "setpriv";
  private static final boolean ROOT = new UnixSystem().getUid() == 0;

  private Nobody() {}

  /** True if this JVM runs as root, so PostgreSQL has to run as {@code nobody}. */
  public static boolean root() {
    return ROOT;
  }

  /**
   * The command that runs {@code command} as the PostgreSQL user: unchanged, or under root behind
   * {@code setpriv --reuid=65534 --regid=65534 --clear-groups --}.
   */
  public static List<String> command(List<String> command) {
    if (!ROOT) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.add(SETPRIV);
    wrapped.add("--reuid=" + UID);
    wrapped.add("--regid=" + UID);
    wrapped.add("--clear-groups");
    wrapped.add("--");
    wrapped.addAll(command);
    return wrapped;
  }

  /**
   * Under root, fails unless {@code setpriv} is on the {@code PATH}.
   *
   * @throws IllegalStateException naming the missing tool
   */
  public static void requireTools() {
    if (ROOT && onPath(SETPRIV).isEmpty()) {
      throw new IllegalStateException(
          "this JVM runs as root, which PostgreSQL refuses, and setpriv (util-linux), which runs"
              + " it as uid "
              + UID
              + " instead, is not on the PATH");
    }
  }

  /** The executable {@code name} in a folder of the {@code PATH}, if there is one. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Under root, gives {@code path} (not what a link points to) to {@code nobody}. */
  public static void own(Path path) {
    if (!ROOT) {
      return;
    }
    try {
      Files.setAttribute(path, "unix:uid", UID, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", UID, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot give " + path + " to uid " + UID, e);
    }
  }

  /**
   * Under root, gives {@code dir} and everything in it to {@code nobody}, unless {@code dir} is its
   * already; {@code dir} itself last, so that an interrupted run is done again.
   */
  public static void ownTree(Path dir) {
    if (!ROOT || owner(dir) == UID) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Nobody::own);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot give " + dir + " to uid " + UID, e);
    }
  }

  /**
   * Under root, the first of the folders that lead to {@code path} (from its parent up to {@code
   * /}) that {@code nobody} may not pass through: without the search ({@code x}) permission that
   * applies to uid and gid {@value #UID}. Access control lists are not consulted.
   */
  public static Optional<Path> closedAncestor(Path path) {
    if (!ROOT) {
      return Optional.empty();
    }
    for (Path dir = path.toAbsolutePath().normalize().getParent();
        dir != null;
        dir = dir.getParent()) {
      if (!traversable(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The message for a folder on the way that {@code nobody} may not pass through. */
  public static String closedMessage(Path closed, Path target) {
    return closed
        + " is closed to uid "
        + UID
        + " (nobody), which runs PostgreSQL because this JVM runs as root, so it cannot reach "
        + target
        + ": allow it through (chmod o+x "
        + closed
        + ") or choose a folder elsewhere";
  }

  private static boolean traversable(Path dir) {
    try {
      int uid = (Integer) Files.getAttribute(dir, "unix:uid");
      int gid = (Integer) Files.getAttribute(dir, "unix:gid");
      int mode = (Integer) Files.getAttribute(dir, "unix:mode");
      int bit = uid == UID ? 0100 : gid == UID ? 0010 : 0001;
      return (mode & bit) != 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static int owner(Path path) {
    try {
      return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the owner of " + path, e);
    }
  }
}
