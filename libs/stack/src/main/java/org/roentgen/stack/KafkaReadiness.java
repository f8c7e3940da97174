package org.roentgen.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.roentgen.stack.probe.KafkaAdminProbe;

/**
 * The {@link KafkaAdminProbe}, loaded once per JVM in a class loader of its own over the broker's
 * class path and roentgen-stack, with the platform class loader as parent: the Kafka client it
 * needs never meets the application's class path.
 */
final class KafkaReadiness {
  private static Predicate<String> probe;

  private KafkaReadiness() {}

  /**
   * True if the broker at {@code bootstrapServers} described its cluster. Kafka's client loads its
   * plug-ins (metrics reporters, serializers) through the thread's context class loader, so that is
   * the probe's own loader while it runs.
   */
  static boolean ready(String bootstrapServers) {
    Predicate<String> p = probe();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(p.getClass().getClassLoader());
    try {
      return p.test(bootstrapServers);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @SuppressWarnings("unchecked")
  private static synchronized Predicate<String> probe() {
    if (probe == null) {
      List<URL> urls = new ArrayList<>();
      for (Path p : RuntimeClasspath.of(KafkaBroker.SERVER)) {
        urls.add(url(p));
      }
      URLClassLoader loader =
          new URLClassLoader(
              "roentgen-stack-kafka-probe",
              urls.toArray(URL[]::new),
              ClassLoader.getPlatformClassLoader());
      try {
        probe =
            (Predicate<String>)
                loader.loadClass(KafkaAdminProbe.class.getName()).getConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        closeQuietly(loader);
        throw new StackException(KafkaBroker.SERVER, "cannot load the readiness probe", e);
      }
    }
    return probe;
  }

  private static URL url(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // nothing was loaded from it
    }
  }
}
