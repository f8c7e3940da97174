package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack runs in the foreground, says where it serves, and stops cleanly on SIGTERM. */
class LocalStackMainIT {

  @Test
  void servesUntilSigtermThenStopsEveryServer(@TempDir Path data) throws Exception {
    // Under root PostgreSQL runs as nobody, who must pass through the folders to its data.
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
    int kafkaPort = Ports.free("127.0.0.1");
    int s3Port = Ports.free("127.0.0.1");
    int postgresPort = Ports.free("127.0.0.1");
    Process main =
        new ProcessBuilder(
                ChildProcess.javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalStackMain.class.getName(),
                "--data",
                data.toString(),
                "--kafka-port",
                Integer.toString(kafkaPort),
                "--kafka-controller-port",
                Integer.toString(Ports.free("127.0.0.1")),
                "--s3-port",
                Integer.toString(s3Port),
                "--postgres-port",
                Integer.toString(postgresPort))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      Map<String, String> endpoints = new LinkedHashMap<>();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(main.getInputStream(), StandardCharsets.UTF_8));
      for (String line; endpoints.size() < 5 && (line = out.readLine()) != null; ) {
        endpoints.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }

      assertThat(endpoints)
          .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort)
          .containsEntry("S3_ENDPOINT", "http://127.0.0.1:" + s3Port)
          .containsEntry("S3_ACCESS_KEY", S3Server.DEFAULT_ACCESS_KEY)
          .containsEntry(
              "POSTGRES_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/roentgen")
          .containsEntry("POSTGRES_USER", PostgresServer.DEFAULT_USER)
          .doesNotContainKeys("S3_SECRET_KEY", "POSTGRES_PASSWORD");
      assertThat(data.resolve("kafka/kafka-logs/meta.properties")).isRegularFile();
      assertThat(data.resolve("s3/buckets")).isDirectory();
      assertThat(data.resolve("postgres/pgdata/PG_VERSION")).isRegularFile();
      List<ProcessHandle> children = main.children().toList();
      assertThat(children).hasSize(3);
      List<ProcessHandle> descendants = main.descendants().toList();
      assertThat(descendants).hasSizeGreaterThan(3);

      main.destroy();

      assertThat(main.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(main.exitValue()).isEqualTo(143);
      assertThat(descendants).noneMatch(ProcessHandle::isAlive);
      assertThat(Files.readString(data.resolve("kafka/broker.log")))
          .contains("shut down completed");
      assertThat(Files.readString(data.resolve("postgres/postgres.log")))
          .contains("received fast shutdown request")
          .contains("database system is shut down");
    } finally {
      main.destroyForcibly();
    }
  }
}
