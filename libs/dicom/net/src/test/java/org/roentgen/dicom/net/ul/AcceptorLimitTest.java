package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.dicom.net.ul.FakePeer.IVR;
import static org.roentgen.dicom.net.ul.FakePeer.VERIFICATION;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.roentgen.dicom.net.pdu.AAssociateRj;
import org.roentgen.dicom.net.pdu.RejectReason;
import org.roentgen.dicom.net.pdu.RejectResult;

/** 200 requestors at once against an acceptor limited to {@link #LIMIT}. */
@Timeout(60)
class AcceptorLimitTest {

  static final int LIMIT = 10;
  static final int REQUESTORS = 200;

  @Test
  void excessAssociationsAreRejectedTransientAndTheAcceptorKeepsServing() throws Exception {
    RecordingHandler scp = new RecordingHandler(true);
    AssociationRequest request = AssociationRequest.of("SCP", "SCU").withContext(VERIFICATION, IVR);
    ExecutorService pool = Executors.newFixedThreadPool(REQUESTORS);
    try (AssociationAcceptor acceptor =
        new AssociationAcceptor(
            AssociationOptions.defaults(),
            DefaultAcceptancePolicy.create().withAbstractSyntax(VERIFICATION, IVR),
            scp,
            LIMIT)) {
      int port = acceptor.start(0);
      CountDownLatch allAttempted = new CountDownLatch(REQUESTORS);
      AtomicInteger rejectedForLimit = new AtomicInteger();
      AtomicInteger accepted = new AtomicInteger();
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < REQUESTORS; i++) {
        results.add(
            pool.submit(
                () -> {
                  Association as;
                  try {
                    as =
                        Association.connect(
                            request,
                            "127.0.0.1",
                            port,
                            AssociationOptions.defaults(),
                            new RecordingHandler(false));
                  } catch (AssociationRejectedException e) {
                    assertThat(e.rejection())
                        .isEqualTo(
                            new AAssociateRj(
                                RejectResult.REJECTED_TRANSIENT,
                                RejectReason.LOCAL_LIMIT_EXCEEDED));
                    rejectedForLimit.incrementAndGet();
                    allAttempted.countDown();
                    return null;
                  } catch (Exception e) {
                    allAttempted.countDown();
                    throw e;
                  }
                  accepted.incrementAndGet();
                  allAttempted.countDown();
                  assertThat(allAttempted.await(30, TimeUnit.SECONDS)).isTrue();
                  as.send(1, new byte[] {1});
                  as.release();
                  return null;
                }));
      }
      for (Future<?> f : results) {
        f.get(45, TimeUnit.SECONDS);
      }
      assertThat(accepted.get()).isEqualTo(LIMIT);
      assertThat(rejectedForLimit.get()).isEqualTo(REQUESTORS - LIMIT);
      assertThat(scp.commands).hasSize(LIMIT);

      Association again =
          Association.connect(
              request,
              "127.0.0.1",
              port,
              AssociationOptions.defaults(),
              new RecordingHandler(false));
      again.release();
      waitUntil(() -> acceptor.activeAssociations() == 0);
    } finally {
      pool.shutdownNow();
    }
  }

  static void waitUntil(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
