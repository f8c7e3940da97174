package org.roentgen.archive.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.roentgen.archive.auth.PasswordHash;

/**
 * The Java side of {@code bench/archive-dicomweb.sh} (issue 7), which starts the servers (the local
 * stack, the archive as it ships, Orthanc) and calls this once per step. Test code, run on demand,
 * never by {@code mvn verify}. Settings are system properties {@code bench.*} (the script documents
 * them); results go to stdout. Steps:
 *
 * <ul>
 *   <li>{@code users FILE USER}: a user file of the archive with USER as viewer, the password from
 *       the environment variable {@code BENCH_PASSWORD};
 *   <li>{@code generate}: the generated index ({@link IndexRows});
 *   <li>{@code qido}: the QIDO-RS load ({@link QidoLoad}); exit status 3 when the p95 target is
 *       missed;
 *   <li>{@code store}: the radiographs of the retrieval comparison, into the archive through S3 and
 *       Kafka and into Orthanc by REST ({@link WadoSet});
 *   <li>{@code retrieve}: WADO-RS against Orthanc's REST retrieval ({@link WadoRetrieve}).
 * </ul>
 */
public final class ArchiveBench {
  private ArchiveBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ArchiveBench users|generate|qido|store|retrieve");
    }
    int status =
        switch (args[0]) {
          case "users" -> users(Path.of(args[1]), args[2]);
          case "generate" -> {
            IndexRows.generate(
                Settings.jdbcUrl(),
                Settings.dbUser(),
                Settings.dbPassword(),
                new IndexRows.Plan(
                    Integer.getInteger("bench.instances", 1_000_000),
                    Integer.getInteger("bench.instances-per-study", 10),
                    2,
                    Integer.getInteger("bench.chunk", 100_000)));
            yield 0;
          }
          case "qido" -> QidoLoad.run();
          case "store" -> WadoSet.run();
          case "retrieve" -> WadoRetrieve.run();
          default -> throw new IllegalArgumentException("unknown step " + args[0]);
        };
    System.exit(status);
  }

  /** Writes the user file: one viewer, the password from {@code BENCH_PASSWORD}. */
  private static int users(Path file, String user) throws Exception {
    String password = Settings.password();
    String line = user + ":viewer:" + PasswordHash.hash(password.toCharArray()) + "\n";
    Files.writeString(file, line, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return 0;
  }

  /** The settings every step shares: system properties, the password from the environment. */
  static final class Settings {
    private Settings() {}

    static String jdbcUrl() {
      return required("bench.jdbc-url");
    }

    static String dbUser() {
      return System.getProperty("bench.db-user", "roentgen");
    }

    /** PostgreSQL's password: {@code ROENTGEN_POSTGRES_PASSWORD}, else the local stack's. */
    static String dbPassword() {
      String p = System.getenv("ROENTGEN_POSTGRES_PASSWORD");
      return p == null || p.isEmpty() ? "roentgen-local" : p;
    }

    /** The archive's base URL, e.g. {@code http://127.0.0.1:PORT}. */
    static String archiveUrl() {
      return required("bench.archive-url");
    }

    static String user() {
      return System.getProperty("bench.user", "bench");
    }

    /** The bench user's password (archive and Orthanc): {@code BENCH_PASSWORD}. */
    static String password() {
      String p = System.getenv("BENCH_PASSWORD");
      if (p == null || p.isEmpty()) {
        throw new IllegalStateException("BENCH_PASSWORD is not set");
      }
      return p;
    }

    static Path work() {
      return Path.of(required("bench.work"));
    }

    static List<Integer> ints(String key, String fallback) {
      return java.util.Arrays.stream(System.getProperty(key, fallback).strip().split("\\s+"))
          .map(Integer::valueOf)
          .toList();
    }

    static String required(String key) {
      String v = System.getProperty(key);
      if (v == null || v.isEmpty()) {
        throw new IllegalStateException(key + " is not set");
      }
      return v;
    }
  }
}
