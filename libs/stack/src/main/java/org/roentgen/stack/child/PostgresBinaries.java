package org.roentgen.stack.child;

import com.sun.security.auth.module.UnixSystem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries of zonky's bundle ({@value #ARCHIVE}, a resource of the bundle's jar on
 * the child's class path): {@code bin/} ({@code postgres}, {@code initdb}, {@code pg_ctl}), {@code
 * lib/} (found through the binaries' {@code $ORIGIN/../lib} run path) and {@code share/}.
 *
 * <p>Unpacked once into a folder that every later start reuses. The unpacking goes into a new
 * folder beside it, which is then renamed, so a folder under the final name is always complete, and
 * two JVMs unpacking at once leave one folder. File modes (the executable bits) and symbolic links
 * are kept; group and world write bits are dropped, so the folder is readable and the binaries
 * runnable by {@code nobody} ({@link Nobody}), and writable by its owner alone.
 */
final class PostgresBinaries {
  /** The archive in zonky's jar. */
  static final String ARCHIVE = "postgres-linux-x86_64.txz";

  private static final List<String> PROGRAMS = List.of("postgres", "initdb", "pg_ctl");
  private static final int KEEP_MODE = 0755;

  private PostgresBinaries() {}

  /**
   * The folder {@code home}, unpacked now if it is missing or incomplete.
   *
   * @throws IOException if the archive cannot be read or unpacked, or {@code home} belongs to
   *     another user or is writable by others (someone else's binaries are never run)
   */
  static Path unpacked(Path home) throws IOException {
    if (complete(home)) {
      trusted(home);
      return home;
    }
    Path parent = Files.createDirectories(home.toAbsolutePath().getParent());
    if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
      // Left incomplete (a temporary-file cleaner took a part of it): set aside, then deleted.
      Path broken = parent.resolve(home.getFileName() + ".broken-" + UUID.randomUUID());
      Files.move(home, broken, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(broken);
    }
    Path temp = Files.createTempDirectory(parent, home.getFileName() + ".unpacking-");
    try {
      unpack(temp);
      Files.setPosixFilePermissions(temp, permissions(KEEP_MODE));
      try {
        Files.move(temp, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // Another JVM was faster (the name is taken): its folder is as good as ours.
        if (!complete(home)) {
          throw e;
        }
      }
    } finally {
      if (Files.exists(temp)) {
        deleteTree(temp);
      }
    }
    trusted(home);
    return home;
  }

  /** The path of a program in {@code bin/}. */
  static Path program(Path home, String name) {
    return home.resolve("bin").resolve(name);
  }

  private static boolean complete(Path home) {
    return PROGRAMS.stream().allMatch(p -> Files.isExecutable(program(home, p)));
  }

  /** Fails unless {@code home} is this user's and writable by this user alone. */
  private static void trusted(Path home) throws IOException {
    int uid = (Integer) Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) Files.getAttribute(home, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    long self = new UnixSystem().getUid();
    if (uid != self || (mode & 0022) != 0 || Files.isSymbolicLink(home)) {
      throw new IOException(
          home
              + " belongs to uid "
              + uid
              + " or is writable by others (mode "
              + Integer.toOctalString(mode & 07777)
              + "): its binaries are not run; delete it");
    }
  }

  /** Unpacks the archive of the class path into the empty folder {@code into}. */
  private static void unpack(Path into) throws IOException {
    InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
    if (archive == null) {
      throw new IOException(
          ARCHIVE + " is not on the class path: the postgres runtime's list names no binaries jar");
    }
    List<Path> dirs = new ArrayList<>();
    List<Integer> dirModes = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new XZCompressorInputStream(new BufferedInputStream(archive, 1 << 16)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path target = inside(into, into.resolve(entry.getName()));
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          dirs.add(target);
          dirModes.add(entry.getMode());
          continue;
        }
        Files.createDirectories(target.getParent());
        if (entry.isSymbolicLink()) {
          inside(into, target.getParent().resolve(entry.getLinkName()));
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createLink(target, inside(into, into.resolve(entry.getLinkName())));
        } else if (entry.isFile()) {
          Files.copy(tar, target);
          Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        }
      }
    }
    // Folders last: a folder without the owner's write bit would refuse its own files.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Files.setPosixFilePermissions(dirs.get(i), permissions(dirModes.get(i) | 0700));
    }
  }

  /** {@code path}, normalized, if it lies in {@code root}; no entry may write outside. */
  private static Path inside(Path root, Path path) throws IOException {
    Path normal = path.normalize();
    if (!normal.startsWith(root)) {
      throw new IOException("the archive names a path outside its folder: " + path);
    }
    return normal;
  }

  /** The permissions of a mode, without group and world write and special bits. */
  static Set<PosixFilePermission> permissions(int mode) {
    int m = mode & KEEP_MODE;
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < bits.length; i++) {
      if ((m & (1 << i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // best effort: a folder of the system's temporary folder
    }
  }
}
