package org.roentgen.local;

import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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

    stack.downAndAssertAllStopped(started);
  }
}
