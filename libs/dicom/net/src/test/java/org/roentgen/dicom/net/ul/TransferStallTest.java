package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.net.pdu.PDataTf;
import org.roentgen.dicom.net.pdu.PresentationDataValue;

/**
 * A peer that stops in the middle of a data set PDV while the acceptor moves it from the socket to
 * a file through the channel ({@link FileRegionSource}): channel reads ignore the socket's read
 * timeout, so the read watchdog must cut the read off after the idle timeout.
 */
class TransferStallTest {
  @TempDir Path tmp;

  @Test
  void aPeerStoppingMidPdvIsCutOffByTheReadWatchdog() throws Exception {
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    AssociationHandler handler =
        new AssociationHandler() {
          @Override
          public void onMessage(Association as, IncomingMessage message) throws IOException {
            message.command().readAllBytes();
            try (FileChannel out =
                FileChannel.open(
                    tmp.resolve("stalled"),
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
              ((FileRegionSource) message.dataset()).transferTo(out);
              outcome.complete(null);
            } catch (IOException e) {
              outcome.complete(e);
              throw e;
            }
          }
        };
    AssociationAcceptor acceptor =
        new AssociationAcceptor(
            AssociationOptions.defaults().withIdleTimeout(Duration.ofSeconds(1)),
            DefaultAcceptancePolicy.create()
                .withAbstractSyntax(FakePeer.VERIFICATION, FakePeer.EVR, FakePeer.IVR),
            handler,
            2);
    try (FakePeer peer = FakePeer.connect(acceptor.start(0))) {
      peer.send(FakePeer.verificationRq("ANY", 1 << 20));
      peer.read(); // A-ASSOCIATE-AC
      peer.send(new PDataTf(List.of(new PresentationDataValue(1, true, true, new byte[] {1, 2}))));
      // A data set PDV announcing 200,000 bytes, of which only 100,000 ever come.
      int pdvLength = 200_000;
      ByteBuffer pdu = ByteBuffer.allocate(6 + 6 + 100_000);
      pdu.put((byte) 0x04).put((byte) 0).putInt(4 + 2 + pdvLength);
      pdu.putInt(2 + pdvLength).put((byte) 1).put((byte) 0x00);
      pdu.put(new byte[100_000]);
      peer.sendRaw(pdu.array());
      long start = System.nanoTime();
      Throwable t = outcome.get(10, TimeUnit.SECONDS);
      assertThat(t).as("the transfer fails instead of waiting for the peer").isNotNull();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    } finally {
      acceptor.close();
    }
  }
}
