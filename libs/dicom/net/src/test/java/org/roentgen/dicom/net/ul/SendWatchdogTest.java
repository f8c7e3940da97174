package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.roentgen.dicom.net.ul.FakePeer.EVR;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that stops taking data: the sender's writes block in the socket, which no read timeout
 * covers. With an idle timeout set, the send watchdog aborts the association instead of hanging.
 */
class SendWatchdogTest {
  static final String CT = "1.2.840.10008.5.1.4.1.1.2";

  @Test
  @Timeout(30)
  void aPeerThatStopsReadingAbortsTheSendInsteadOfHangingIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AssociationHandler stuck =
        new AssociationHandler() {
          @Override
          public void onMessage(Association as, IncomingMessage message) throws IOException {
            try {
              release.await(25, TimeUnit.SECONDS); // never reads: the socket buffers fill up
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    AssociationAcceptor acceptor =
        new AssociationAcceptor(
            AssociationOptions.defaults(),
            DefaultAcceptancePolicy.create().withAbstractSyntax(CT, EVR),
            stuck,
            2);
    try {
      int port = acceptor.start(0);
      Association as =
          Association.connect(
              AssociationRequest.of("ANY", "ROENTGEN").withContext(CT, EVR),
              "127.0.0.1",
              port,
              AssociationOptions.defaults().withIdleTimeout(Duration.ofSeconds(1)),
              new AssociationHandler() {
                @Override
                public void onMessage(Association a, IncomingMessage m) {}
              });
      int pcid = as.presentationContextId(CT);
      long start = System.nanoTime();
      byte[] chunk = new byte[1 << 20];
      assertThatThrownBy(
              () ->
                  as.send(
                      pcid,
                      new byte[] {1},
                      out -> {
                        for (int i = 0; i < 512; i++) {
                          out.write(chunk);
                        }
                      }))
          .isInstanceOf(IOException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
      assertThat(as.awaitClosed(Duration.ofSeconds(5))).isTrue();
    } finally {
      release.countDown();
      acceptor.close();
    }
  }
}
