package org.roentgen.router.it;

import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.router.it.Instances.Stored;
import org.roentgen.router.it.RouterKafka.Received;

/**
 * What the service tests of the running router share ({@link RouterPipelineIT}, {@link
 * RouterRulesIT}, one Quarkus start through {@link RouterPipelineResource}): the pipeline that
 * stores instances and announces them on the input topic, the delivery events it collects, and a
 * ready router before each test.
 */
abstract class RunningRouter {
  static Pipeline pipeline;
  static RouterKafka kafka;
  static Instances instances;

  @TempDir static Path files;

  @BeforeAll
  static void clients() {
    pipeline = new Pipeline(files);
    kafka = pipeline.kafka();
    instances = pipeline.instances();
  }

  @AfterAll
  static void close() throws Exception {
    pipeline.close();
  }

  @BeforeEach
  void routerIsReady() throws Exception {
    Pipeline.awaitReady();
  }

  static void send(Stored s) throws Exception {
    pipeline.send(s);
  }

  static Received awaitOne(Stored s, Predicate<Received> filter) throws Exception {
    return pipeline.awaitOne(s, filter);
  }
}
