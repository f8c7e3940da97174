package org.roentgen.dicom.net.ul;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Loopback throughput of the upper layer alone (our requestor to our acceptor, data set discarded).
 * Not part of the build: run with {@code mvn -pl libs/dicom/net -am test
 * -Dtest=LoopbackThroughputBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LoopbackThroughputBench {

  static final String CT = "1.2.840.10008.5.1.4.1.1.2";
  static final String EVR = "1.2.840.10008.1.2.1";

  @Test
  void measure() throws Exception {
    run(512 * 1024, 2000, 16384); // warm-up
    run(512 * 1024, 4000, AssociationOptions.DEFAULT_MAX_PDU_LENGTH);
    run(8 * 1024 * 1024, 300, AssociationOptions.DEFAULT_MAX_PDU_LENGTH);
    run(8 * 1024 * 1024, 300, 16384);
    run(512 * 1024, 4000, 16384);
  }

  void run(int objectSize, int count, int scpMaxPdu) throws Exception {
    AssociationHandler sink =
        (as, message) -> {
          byte[] command = message.command().readAllBytes();
          InputStream in = message.dataset();
          byte[] buf = new byte[65536];
          while (in.read(buf) >= 0) {
            // discard, like a sink that writes to a file
          }
          as.send(message.presentationContextId(), command);
        };
    try (AssociationAcceptor acceptor =
        new AssociationAcceptor(
            AssociationOptions.defaults().withMaxPduLength(scpMaxPdu),
            DefaultAcceptancePolicy.create().withAbstractSyntax(CT, EVR),
            sink,
            4)) {
      int port = acceptor.start(0);
      BlockingQueue<byte[]> responses = new ArrayBlockingQueue<>(16);
      Association as =
          Association.connect(
              AssociationRequest.of("SCP", "SCU").withContext(CT, EVR),
              "127.0.0.1",
              port,
              AssociationOptions.defaults(),
              (a, m) -> responses.add(m.command().readAllBytes()));
      byte[] object = new byte[objectSize];
      byte[] command = new byte[120];
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        as.send(1, command, out -> out.write(object));
        if (responses.poll(10, TimeUnit.SECONDS) == null) {
          throw new IOException("no response");
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      as.release();
      System.out.printf(
          "object %d KiB, SCP max PDU %d: %.0f objects/s, %.2f GB/s%n",
          objectSize / 1024, scpMaxPdu, count / s, (double) objectSize * count / s / 1e9);
    }
  }
}
