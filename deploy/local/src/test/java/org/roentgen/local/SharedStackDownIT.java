package org.roentgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roentgen.dicom.testkit.Processes;

/**
 * The end of the stack the integration tests share ({@link SharedStack}), after all of them: {@code
 * bin/roentgen down} exits 0, and so does {@code up}; every process {@code up} started (Kafka,
 * S3Proxy, PostgreSQL's processes, the worklist, the archive SCP, Orthanc and the services) is gone
 * and no pid file is left, the second instances {@link ScaleOutIT} killed included. Run alone, it
 * starts the shared stack and stops it.
 */
@Order(SharedStack.DOWN)
@ExtendWith(SharedStack.class)
class SharedStackDownIT {
  @Test
  void downStopsEverythingTheSharedStackStarted(LocalStack stack) throws Exception {
    List<ProcessHandle> started = stack.processes();

    Processes.Result down = stack.down();
    assertThat(down.exitCode()).as(down.stderr()).isZero();
    assertThat(stack.up.isAlive()).as("bin/roentgen up has exited").isFalse();
    assertThat(stack.up.exitValue()).as(LocalStack.read(stack.err)).isZero();
    assertThat(started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::info))
        .as("processes still running after down")
        .isEmpty();
    try (Stream<Path> pids = Files.list(stack.data.resolve("run"))) {
      assertThat(pids.filter(p -> p.toString().endsWith(".pid"))).isEmpty();
    }
    assertThat(LocalStack.read(stack.err))
        .contains(
            "stopping ingest labeling-validation artifact-detection router archive",
            "stopped archive-scp orthanc worklist stack");
  }
}
