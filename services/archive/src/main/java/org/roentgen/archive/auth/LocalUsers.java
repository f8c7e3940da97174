package org.roentgen.archive.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local user store of the embedded default: a file of {@code user:role[,role...]:hash} lines
 * ({@code #} starts a comment), hashes made by {@link PasswordHash}. The file is read again when it
 * changes, so an administrator adds, removes or re-roles users by editing it. Production uses OIDC
 * instead (or as well).
 */
public final class LocalUsers {
  /** One user: name, roles as granted (not expanded), password hash. */
  public record User(String name, Set<String> roles, String hash) {}

  private final Path file;
  private volatile Map<String, User> users = Map.of();
  private volatile FileTime loaded;

  public LocalUsers(Path file) {
    this.file = file;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The user, reading the file again when it changed; empty when unknown or no file. */
  public Optional<User> find(String name) {
    refresh();
    return Optional.ofNullable(users.get(name));
  }

  private synchronized void refresh() {
    try {
      if (!Files.exists(file)) {
        users = Map.of();
        loaded = null;
        return;
      }
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(loaded)) {
        return;
      }
      users = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
      loaded = modified;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the user file " + file, e);
    }
  }

  /**
   * Reads the lines of a user file.
   *
   * @throws IllegalArgumentException naming the line of a malformed entry or unknown role
   */
  static Map<String, User> parse(List<String> lines) {
    Map<String, User> out = new LinkedHashMap<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] p = line.split(":", 3);
      if (p.length != 3 || p[0].isBlank() || p[2].isBlank()) {
        throw new IllegalArgumentException("user file line " + n + ": expected user:roles:hash");
      }
      Set<String> roles = new LinkedHashSet<>();
      for (String r : p[1].split(",")) {
        String role = r.strip();
        if (!Roles.known(role)) {
          throw new IllegalArgumentException(
              "user file line " + n + ": unknown role '" + role + "', one of " + Roles.ORDER);
        }
        roles.add(role);
      }
      out.put(p[0].strip(), new User(p[0].strip(), roles, p[2].strip()));
    }
    return out;
  }

  /**
   * Creates the file with one user per role ({@code admin}, {@code qa}, {@code technologist},
   * {@code viewer}) and random passwords, written once in plain text beside it in {@code
   * initial-passwords.txt}; both readable by their owner alone. Does nothing if the file exists.
   *
   * @return true if the file was created
   */
  public synchronized boolean bootstrap() {
    if (Files.exists(file)) {
      return false;
    }
    SecureRandom random = new SecureRandom();
    StringBuilder lines =
        new StringBuilder(
            "# Roentgen archive users: user:role[,role]:hash (roles: viewer, technologist, qa,"
                + " admin).\n");
    StringBuilder passwords =
        new StringBuilder("# The first passwords of the archive's users; change them.\n");
    List<String> names = new ArrayList<>(List.of("admin", "qa", "technologist", "viewer"));
    for (String name : names) {
      String password = randomPassword(random);
      lines
          .append(name)
          .append(':')
          .append(name)
          .append(':')
          .append(PasswordHash.hash(password.toCharArray()))
          .append('\n');
      passwords.append(name).append(' ').append(password).append('\n');
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      write(file.resolveSibling("initial-passwords.txt"), passwords.toString());
      write(file, lines.toString());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the user file " + file, e);
    }
  }

  private static void write(Path target, String text) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the folder's permissions apply
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String randomPassword(SecureRandom random) {
    String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
