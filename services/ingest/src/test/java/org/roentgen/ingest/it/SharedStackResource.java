package org.roentgen.ingest.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.roentgen.stack.SharedStack;

/** Points ingest at the test JVM's shared Kafka broker and S3 server (started once, real). */
public class SharedStackResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    SharedStack stack = SharedStack.get();
    return Map.of(
        "ingest.kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
        "ingest.s3.endpoint", stack.s3Endpoint(),
        "ingest.s3.access-key", stack.s3AccessKey(),
        "ingest.s3.secret-key", stack.s3SecretKey());
  }

  @Override
  public void stop() {
    // The shared servers stop with the test JVM.
  }
}
