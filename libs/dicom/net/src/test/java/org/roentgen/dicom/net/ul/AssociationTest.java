package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.dicom.net.ul.FakePeer.EVR;
import static org.roentgen.dicom.net.ul.FakePeer.IVR;
import static org.roentgen.dicom.net.ul.FakePeer.VERIFICATION;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our requestor against our acceptor: messages stream both ways. */
@Timeout(60)
class AssociationTest {

  static final String CT = "1.2.840.10008.5.1.4.1.1.2";

  AssociationAcceptor acceptor;
  int port;

  /** Answers each message with the SHA-256 of its data set (or the command when none follows). */
  static final class DigestingScp implements AssociationHandler {
    @Override
    public void onMessage(Association as, IncomingMessage message) throws IOException {
      byte[] command = message.command().readAllBytes();
      byte[] answer = command;
      if (command[0] == 1) {
        answer = sha256(message.dataset());
      } else if (command[0] == 3) {
        message.dataset().read(); // leaves the rest unread: the upper layer skips it
      } else if (command[0] == 4) {
        throw new IOException("handler failure");
      }
      as.send(message.presentationContextId(), answer);
    }
  }

  @BeforeEach
  void start() throws Exception {
    acceptor =
        new AssociationAcceptor(
            AssociationOptions.defaults().withMaxPduLength(16384),
            DefaultAcceptancePolicy.create()
                .withAbstractSyntax(VERIFICATION, IVR)
                .withAbstractSyntax(CT, EVR, IVR),
            new DigestingScp(),
            8);
    port = acceptor.start(0);
  }

  @AfterEach
  void stop() throws Exception {
    acceptor.close();
  }

  static final class Responses implements AssociationHandler {
    final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(1000);

    @Override
    public void onMessage(Association as, IncomingMessage message) throws IOException {
      queue.add(message.command().readAllBytes());
    }

    byte[] next() throws InterruptedException {
      byte[] b = queue.poll(10, TimeUnit.SECONDS);
      assertThat(b).as("response").isNotNull();
      return b;
    }
  }

  @Test
  void largeDataSetStreamsThroughSmallPdus() throws Exception {
    Responses responses = new Responses();
    Association as =
        Association.connect(
            AssociationRequest.of("ANY", "ROENTGEN").withContext(CT, EVR),
            "127.0.0.1",
            port,
            AssociationOptions.defaults(),
            responses);
    assertThat(as.peerMaxPduLength()).isEqualTo(16384);
    assertThat(as.maxFragmentLength()).isEqualTo(16384 - 6);
    int pcid = as.presentationContextId(CT);
    long size = 32L << 20;
    MessageDigest expected = digest();
    as.send(
        pcid,
        new byte[] {1},
        out -> {
          Random random = new Random(42);
          byte[] chunk = new byte[100_003];
          for (long written = 0; written < size; written += chunk.length) {
            random.nextBytes(chunk);
            int n = (int) Math.min(chunk.length, size - written);
            expected.update(chunk, 0, n);
            out.write(chunk, 0, n);
          }
        });
    assertThat(responses.next()).isEqualTo(expected.digest());
    as.release();
    assertThat(as.state()).isEqualTo(State.STA1);
  }

  @Test
  void manySmallMessagesKeepTheirBoundaries() throws Exception {
    Responses responses = new Responses();
    Association as =
        Association.connect(
            AssociationRequest.of("ANY", "ROENTGEN")
                .withContext(VERIFICATION, IVR)
                .withContext(CT, EVR),
            "127.0.0.1",
            port,
            AssociationOptions.defaults(),
            responses);
    assertThat(as.transferSyntax(1)).isEqualTo(IVR);
    assertThat(as.transferSyntax(3)).isEqualTo(EVR);
    for (int i = 0; i < 300; i++) {
      byte[] data = new byte[i * 7];
      new Random(i).nextBytes(data);
      if (i % 2 == 0) {
        as.send(3, new byte[] {1}, out -> out.write(data));
        MessageDigest d = digest();
        d.update(data);
        assertThat(responses.next()).isEqualTo(d.digest());
      } else {
        byte[] command = new byte[] {2, (byte) i};
        as.send(1, command);
        assertThat(responses.next()).isEqualTo(command);
      }
    }
    as.release();
  }

  @Test
  void unreadDataSetIsSkippedAndHandlerFailureAborts() throws Exception {
    Responses responses = new Responses();
    Association as =
        Association.connect(
            AssociationRequest.of("ANY", "ROENTGEN").withContext(CT, EVR),
            "127.0.0.1",
            port,
            AssociationOptions.defaults(),
            responses);
    byte[] big = new byte[200_000];
    as.send(1, new byte[] {3}, out -> out.write(big));
    assertThat(responses.next()).containsExactly(3);
    as.send(1, new byte[] {2, 2});
    assertThat(responses.next()).containsExactly(2, 2);

    as.send(1, new byte[] {4});
    assertThat(as.awaitClosed(java.time.Duration.ofSeconds(5))).isTrue();
    assertThat(as.endCause()).isInstanceOf(AssociationAbortedException.class);
    assertThat(((AssociationAbortedException) as.endCause()).abort())
        .isEqualTo(org.roentgen.dicom.net.pdu.AAbort.byUser());
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(InputStream in) throws IOException {
    MessageDigest d = digest();
    byte[] buf = new byte[65536];
    int n;
    while ((n = in.read(buf)) > 0) {
      d.update(buf, 0, n);
    }
    return d.digest();
  }
}
