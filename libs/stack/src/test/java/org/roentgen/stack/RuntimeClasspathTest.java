package org.roentgen.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The servers' class paths are resolved at build time, apart from each other, and neither server is
 * on the class path of a module that uses roentgen-stack (this module's tests stand for one).
 */
class RuntimeClasspathTest {

  @Test
  void eachServerHasItsOwnClassPath() {
    List<String> kafka = names(RuntimeClasspath.serverJars(KafkaBroker.SERVER));
    List<String> s3proxy = names(RuntimeClasspath.serverJars(S3Server.SERVER));

    assertThat(kafka).anyMatch(n -> n.startsWith("kafka_2.13-4.1.2"));
    assertThat(kafka).noneMatch(n -> n.startsWith("s3proxy-"));
    assertThat(s3proxy).anyMatch(n -> n.startsWith("s3proxy-4.1.0"));
    assertThat(s3proxy).noneMatch(n -> n.startsWith("kafka") || n.startsWith("scala-"));
  }

  @Test
  void aChildRunsTheLauncherOfThisModule() {
    List<Path> classpath = RuntimeClasspath.of(S3Server.SERVER);

    assertThat(classpath.get(classpath.size() - 1))
        .isEqualTo(RuntimeClasspath.stackLocation(S3Server.SERVER));
  }

  @Test
  void neitherServerLeaksIntoTheClassPathOfAUser() {
    ClassLoader loader = getClass().getClassLoader();

    assertThatThrownBy(() -> Class.forName("kafka.Kafka", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("scala.Option", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.gaul.s3proxy.Main", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
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
