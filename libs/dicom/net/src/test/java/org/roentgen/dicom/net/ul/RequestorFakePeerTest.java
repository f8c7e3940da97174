package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.roentgen.dicom.net.ul.FakePeer.IVR;
import static org.roentgen.dicom.net.ul.FakePeer.VERIFICATION;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.roentgen.dicom.io.Implementation;
import org.roentgen.dicom.net.pdu.AAbort;
import org.roentgen.dicom.net.pdu.AAssociateAc;
import org.roentgen.dicom.net.pdu.AAssociateRj;
import org.roentgen.dicom.net.pdu.AAssociateRq;
import org.roentgen.dicom.net.pdu.AReleaseRp;
import org.roentgen.dicom.net.pdu.AReleaseRq;
import org.roentgen.dicom.net.pdu.AbortReason;
import org.roentgen.dicom.net.pdu.PDataTf;
import org.roentgen.dicom.net.pdu.Pdu;
import org.roentgen.dicom.net.pdu.PduWriter;
import org.roentgen.dicom.net.pdu.PresentationContextAc;
import org.roentgen.dicom.net.pdu.PresentationContextResult;
import org.roentgen.dicom.net.pdu.PresentationDataValue;
import org.roentgen.dicom.net.pdu.RejectReason;
import org.roentgen.dicom.net.pdu.RejectResult;
import org.roentgen.dicom.net.pdu.UserInformation;

/** Our requestor against a scripted acceptor sending raw PDUs. */
@Timeout(20)
class RequestorFakePeerTest {

  static final AssociationRequest REQUEST =
      AssociationRequest.of("FAKE", "ROENTGEN").withContext(VERIFICATION, IVR);

  ServerSocket server;
  final RecordingHandler handler = new RecordingHandler(false);

  @BeforeEach
  void listen() throws Exception {
    server = new ServerSocket(0);
  }

  @AfterEach
  void close() throws Exception {
    server.close();
  }

  CompletableFuture<Association> connectAsync(AssociationOptions options) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return Association.connect(
                REQUEST, "127.0.0.1", server.getLocalPort(), options, handler);
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
  }

  static AAssociateAc accept(AAssociateRq rq, long maxPdu) {
    return new AAssociateAc(
        1,
        rq.calledAeTitle(),
        rq.callingAeTitle(),
        rq.applicationContextName(),
        List.of(new PresentationContextAc(1, PresentationContextResult.ACCEPTANCE, IVR)),
        UserInformation.of(maxPdu, "1.2.3.4", "FAKE"));
  }

  @Test
  void fragmentsToThePeersMaximumAndReleases() throws Exception {
    CompletableFuture<Association> pending = connectAsync(AssociationOptions.defaults());
    try (FakePeer peer = FakePeer.accept(server)) {
      AAssociateRq rq = (AAssociateRq) peer.read();
      assertThat(rq.userInformation().implementationClassUid()).isEqualTo(Implementation.CLASS_UID);
      assertThat(rq.userInformation().maxPduLength())
          .isEqualTo(AssociationOptions.DEFAULT_MAX_PDU_LENGTH);
      assertThat(rq.userInformation().asyncOperationsWindow()).isNull();
      int peerMax = 8192;
      peer.send(accept(rq, peerMax));
      Association as = pending.get(5, TimeUnit.SECONDS);
      assertThat(as.state()).isEqualTo(State.STA6);
      assertThat(as.transferSyntax(1)).isEqualTo(IVR);

      byte[] dataset = new byte[100_000];
      new Random(7).nextBytes(dataset);
      CompletableFuture<Void> sent =
          CompletableFuture.runAsync(
              () -> {
                try {
                  as.send(
                      1,
                      new byte[] {9, 9},
                      out -> {
                        out.write(dataset, 0, 10);
                        out.write(dataset, 10, dataset.length - 10);
                      });
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      boolean last = false;
      int pdus = 0;
      PresentationDataValue first = null;
      while (!last) {
        Pdu pdu = peer.read();
        assertThat(PduWriter.encode(pdu).length - 6).isLessThanOrEqualTo(peerMax);
        PDataTf p = (PDataTf) pdu;
        for (PresentationDataValue v : p.values()) {
          if (first == null) {
            first = v;
            continue;
          }
          assertThat(v.command()).isFalse();
          received.writeBytes(v.data());
          last = v.last();
        }
        pdus++;
      }
      sent.get(5, TimeUnit.SECONDS);
      assertThat(first.command()).isTrue();
      assertThat(first.data()).containsExactly(9, 9);
      assertThat(received.toByteArray()).isEqualTo(dataset);
      assertThat(pdus).isGreaterThanOrEqualTo(dataset.length / peerMax);

      CompletableFuture<Void> released =
          CompletableFuture.runAsync(
              () -> {
                try {
                  as.release();
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      assertThat(peer.read()).isInstanceOf(AReleaseRq.class);
      peer.send(new AReleaseRp());
      released.get(5, TimeUnit.SECONDS);
      assertThat(peer.closedByOtherSide()).isTrue();
      assertThat(as.state()).isEqualTo(State.STA1);
      assertThat(handler.awaitClosed()).isNull();
      as.abort(); // after the release: no effect
      assertThat(as.endCause()).isNull();
      assertThatThrownBy(() -> as.send(1, new byte[] {1}))
          .isInstanceOf(AssociationStateException.class);
    }
  }

  @Test
  void rejectionIsATypedException() throws Exception {
    CompletableFuture<Association> pending = connectAsync(AssociationOptions.defaults());
    try (FakePeer peer = FakePeer.accept(server)) {
      peer.read();
      AAssociateRj rj =
          new AAssociateRj(RejectResult.REJECTED_TRANSIENT, RejectReason.LOCAL_LIMIT_EXCEEDED);
      peer.send(rj);
      assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(AssociationRejectedException.class)
          .cause()
          .extracting(e -> ((AssociationRejectedException) e).rejection())
          .isEqualTo(rj);
      assertThat(peer.closedByOtherSide()).isTrue();
    }
  }

  @Test
  void noAnswerTimesOutWithAnAbort() throws Exception {
    CompletableFuture<Association> pending =
        connectAsync(AssociationOptions.defaults().withAssociationTimeout(Duration.ofMillis(300)));
    try (FakePeer peer = FakePeer.accept(server)) {
      peer.read();
      assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(AssociationTimeoutException.class);
      assertThat(peer.read()).isEqualTo(AAbort.byUser());
      assertThat(peer.closedByOtherSide()).isTrue();
    }
  }

  @Test
  void releaseCollisionOnTheRequestorSide() throws Exception {
    CompletableFuture<Association> pending = connectAsync(AssociationOptions.defaults());
    try (FakePeer peer = FakePeer.accept(server)) {
      peer.send(accept((AAssociateRq) peer.read(), 0));
      Association as = pending.get(5, TimeUnit.SECONDS);
      CompletableFuture<Void> released =
          CompletableFuture.runAsync(
              () -> {
                try {
                  as.release();
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      assertThat(peer.read()).isInstanceOf(AReleaseRq.class); // we: STA7
      peer.send(new AReleaseRq()); // EVT12 in STA7: AR-8 -> STA9, EVT14: AR-9 -> STA11
      assertThat(peer.read()).isInstanceOf(AReleaseRp.class);
      peer.send(new AReleaseRp()); // EVT13 in STA11: AR-3 -> STA1
      released.get(5, TimeUnit.SECONDS);
      assertThat(peer.closedByOtherSide()).isTrue();
    }
    assertThat(handler.awaitClosed()).isNull();
  }

  @Test
  void releaseCollisionOnTheAcceptorSide() throws Exception {
    RecordingHandler scpHandler = new RecordingHandler(false);
    try (AssociationAcceptor acceptor =
        new AssociationAcceptor(
            AssociationOptions.defaults(),
            DefaultAcceptancePolicy.create().withAbstractSyntax(VERIFICATION, IVR),
            scpHandler,
            2)) {
      int port = acceptor.start(0);
      try (FakePeer peer = FakePeer.connect(port)) {
        peer.send(FakePeer.verificationRq("ANY", 0));
        assertThat(peer.read()).isInstanceOf(AAssociateAc.class);
        Association scp = scpHandler.established.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> released =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    scp.release();
                  } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                  }
                });
        assertThat(peer.read()).isInstanceOf(AReleaseRq.class); // acceptor: STA7
        peer.send(new AReleaseRq()); // EVT12 in STA7: AR-8 -> STA10
        peer.send(new AReleaseRp()); // EVT13 in STA10: AR-10 -> STA12, EVT14: AR-4 -> STA13
        assertThat(peer.read()).isInstanceOf(AReleaseRp.class);
        peer.close(); // EVT17 in STA13: AR-5 -> STA1
        released.get(5, TimeUnit.SECONDS);
        assertThat(scp.state()).isEqualTo(State.STA1);
      }
      assertThat(scpHandler.awaitClosed()).isNull();
    }
  }

  @Test
  void abortReceivedWhileWaitingForRelease() throws Exception {
    CompletableFuture<Association> pending = connectAsync(AssociationOptions.defaults());
    try (FakePeer peer = FakePeer.accept(server)) {
      peer.send(accept((AAssociateRq) peer.read(), 0));
      Association as = pending.get(5, TimeUnit.SECONDS);
      CompletableFuture<Void> released =
          CompletableFuture.runAsync(
              () -> {
                try {
                  as.release();
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      assertThat(peer.read()).isInstanceOf(AReleaseRq.class);
      peer.send(AAbort.byProvider(AbortReason.REASON_NOT_SPECIFIED));
      assertThatThrownBy(() -> released.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(AssociationAbortedException.class);
    }
  }
}
