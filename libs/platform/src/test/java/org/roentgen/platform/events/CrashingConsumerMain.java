package org.roentgen.platform.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer that EventConsumerIT kills: a child JVM that handles records of one partition,
 * printing {@code handled OFFSET} and {@code committed OFFSET} lines, and hangs in the handler of
 * the record at the given offset after printing {@code blocked OFFSET}, until it is killed
 * (SIGKILL). It exits by itself when its stdin closes (the test JVM died).
 *
 * <p>Arguments: bootstrap servers, topic, group, the offset to hang at.
 */
public final class CrashingConsumerMain {
  /** What the killed consumer said: the offsets it handled and the next offsets it committed. */
  record Crashed(List<Long> handled, List<Long> committed) {}

  private CrashingConsumerMain() {}

  /**
   * Runs the consumer in a child JVM until it hangs at {@code hangAt}, then kills it with SIGKILL:
   * no shutdown hook, no commit, no leaving the group.
   */
  static Crashed runAndKill(String bootstrap, String topic, String group, long hangAt)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashingConsumerMain.class.getName(),
                bootstrap,
                topic,
                group,
                Long.toString(hangAt))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<Long> handled = new ArrayList<>();
    List<Long> committed = new ArrayList<>();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); ; line = out.readLine()) {
        if (line == null) {
          throw new IllegalStateException("the child consumer ended before it hung");
        }
        String[] words = line.split(" ");
        switch (words[0]) {
          case "handled" -> handled.add(Long.parseLong(words[1]));
          case "committed" -> committed.add(Long.parseLong(words[1]));
          case "blocked" -> {
            return new Crashed(handled, committed);
          }
          default -> {}
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String topic = args[1];
    String group = args[2];
    long hangAt = Long.parseLong(args[3]);
    Thread lifeline =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // The parent never writes; EOF means it is gone.
                }
              } catch (IOException e) {
                // Same.
              }
              Runtime.getRuntime().halt(3);
            });
    lifeline.setDaemon(true);
    lifeline.start();

    ConsumerSettings settings =
        ConsumerSettings.of(bootstrap, group, "crashing-" + ProcessHandle.current().pid())
            .withSessionTimeout(Duration.ofSeconds(6))
            .withPollTimeout(Duration.ofMillis(100));
    CountDownLatch never = new CountDownLatch(1);
    RecordHandler handler =
        (ConsumerRecord<String, byte[]> r) -> {
          if (r.offset() == hangAt) {
            say("blocked " + r.offset());
            never.await();
          }
          say("handled " + r.offset());
        };
    EventConsumer.Listener listener =
        new EventConsumer.Listener() {
          @Override
          public void onCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.values().forEach(o -> say("committed " + o.offset()));
          }
        };
    EventConsumer consumer =
        new EventConsumer(
            settings, topic, handler, listener, new EventConsumer.PartitionListener() {});
    consumer.start();
    never.await();
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
