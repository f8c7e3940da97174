package org.roentgen.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.roentgen.stack.probe.TopicPrinter;

/**
 * Prints the events of a topic of the local stack, one JSON object a line, for {@code bin/roentgen
 * events}: Kafka's console tools are not among the stack's artifacts, so this reads the topic with
 * the broker's own client ({@link TopicPrinter}, in a class loader over the broker's class path, as
 * {@link KafkaReadiness} does).
 *
 * <p>{@code java -cp roentgen-stack.jar org.roentgen.stack.EventsMain [--bootstrap-servers
 * HOST:PORT] [--topic TOPIC] [--follow]}
 *
 * <p>Exit status: 0 printed (also when the topic does not exist yet: nothing was published), 1
 * Kafka did not answer, 2 wrong command line.
 */
public final class EventsMain {
  /** The topic read when none is named: ingest's events. */
  public static final String DEFAULT_TOPIC = "dicom.instance.received.v1";

  private static final String USAGE =
      "usage: EventsMain [--bootstrap-servers HOST:PORT] [--topic TOPIC] [--follow]   (defaults:"
          + " 127.0.0.1:"
          + LocalStackMain.KAFKA_PORT
          + ", "
          + DEFAULT_TOPIC
          + ")";

  private EventsMain() {}

  /**
   * The command line.
   *
   * @param bootstrapServers Kafka
   * @param topic the topic to print
   * @param follow keep printing new events until the JVM ends
   */
  record Options(String bootstrapServers, String topic, boolean follow) {

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException for an unknown option or a missing value
     */
    static Options parse(String... args) {
      String servers = "127.0.0.1:" + LocalStackMain.KAFKA_PORT;
      String topic = DEFAULT_TOPIC;
      boolean follow = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--follow" -> follow = true;
          case "--bootstrap-servers" -> servers = value(args, ++i);
          case "--topic" -> topic = value(args, ++i);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(servers, topic, follow);
    }

    private static String value(String[] args, int i) {
      if (i >= args.length || args[i].isBlank()) {
        throw new IllegalArgumentException(args[i - 1] + " needs a value");
      }
      return args[i];
    }
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    try {
      int printed = print(options, System.out);
      System.err.println(
          printed < 0
              ? "roentgen-events: no topic " + options.topic() + " yet (nothing published)"
              : "roentgen-events: " + printed + " events on " + options.topic());
    } catch (RuntimeException e) {
      System.err.println(
          "roentgen-events: cannot read "
              + options.topic()
              + " from "
              + options.bootstrapServers()
              + ": "
              + e);
      System.exit(1);
    }
  }

  /**
   * Prints the topic's events to {@code out}.
   *
   * @return the number of events printed, -1 if the topic does not exist
   */
  @SuppressWarnings("unchecked")
  static int print(Options options, PrintStream out) {
    List<URL> urls = new ArrayList<>();
    for (Path p : RuntimeClasspath.of(KafkaBroker.SERVER)) {
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(
            "roentgen-stack-events",
            urls.toArray(URL[]::new),
            ClassLoader.getPlatformClassLoader())) {
      BiFunction<List<String>, PrintStream, Integer> printer =
          (BiFunction<List<String>, PrintStream, Integer>)
              loader.loadClass(TopicPrinter.class.getName()).getConstructor().newInstance();
      thread.setContextClassLoader(loader);
      return printer.apply(
          List.of(options.bootstrapServers(), options.topic(), Boolean.toString(options.follow())),
          out);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new StackException(KafkaBroker.SERVER, "cannot load the topic reader", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
