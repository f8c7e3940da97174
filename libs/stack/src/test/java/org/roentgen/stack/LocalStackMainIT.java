package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack runs in the foreground, says where it serves, and stops cleanly on SIGTERM. */
class LocalStackMainIT {

  @Test
  void servesUntilSigtermThenStopsBothServers(@TempDir Path data) throws Exception {
    int kafkaPort = Ports.free("127.0.0.1");
    int s3Port = Ports.free("127.0.0.1");
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
                Integer.toString(s3Port))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      Map<String, String> endpoints = new LinkedHashMap<>();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(main.getInputStream(), StandardCharsets.UTF_8));
      for (String line; endpoints.size() < 3 && (line = out.readLine()) != null; ) {
        endpoints.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }

      assertThat(endpoints)
          .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort)
          .containsEntry("S3_ENDPOINT", "http://127.0.0.1:" + s3Port)
          .containsEntry("S3_ACCESS_KEY", S3Server.DEFAULT_ACCESS_KEY);
      assertThat(data.resolve("kafka/kafka-logs/meta.properties")).isRegularFile();
      assertThat(data.resolve("s3/buckets")).isDirectory();
      List<ProcessHandle> children = main.children().toList();
      assertThat(children).hasSize(2);

      main.destroy();

      assertThat(main.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(main.exitValue()).isEqualTo(143);
      assertThat(children).noneMatch(ProcessHandle::isAlive);
      assertThat(Files.readString(data.resolve("kafka/broker.log")))
          .contains("shut down completed");
    } finally {
      main.destroyForcibly();
    }
  }
}
