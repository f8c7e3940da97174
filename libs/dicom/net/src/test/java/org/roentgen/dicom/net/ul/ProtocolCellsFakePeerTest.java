package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.roentgen.dicom.net.ul.FakePeer.IVR;
import static org.roentgen.dicom.net.ul.FakePeer.VERIFICATION;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.roentgen.dicom.net.pdu.AAbort;
import org.roentgen.dicom.net.pdu.AAssociateAc;
import org.roentgen.dicom.net.pdu.AAssociateRj;
import org.roentgen.dicom.net.pdu.AAssociateRq;
import org.roentgen.dicom.net.pdu.AReleaseRp;
import org.roentgen.dicom.net.pdu.AReleaseRq;
import org.roentgen.dicom.net.pdu.AbortReason;
import org.roentgen.dicom.net.pdu.PDataTf;
import org.roentgen.dicom.net.pdu.Pdu;
import org.roentgen.dicom.net.pdu.PresentationDataValue;
import org.roentgen.dicom.net.pdu.RejectReason;
import org.roentgen.dicom.net.pdu.RejectResult;

/**
 * Cells of PS3.8 Table 9-10 driven over a socket by a scripted peer: the PDU our side answers with
 * (or its silence) shows which action ran.
 */
@Timeout(20)
class ProtocolCellsFakePeerTest {

  static final AAssociateRj RJ =
      new AAssociateRj(RejectResult.REJECTED_PERMANENT, RejectReason.USER_NO_REASON_GIVEN);
  static final PDataTf PDATA =
      new PDataTf(List.of(new PresentationDataValue(1, true, true, new byte[] {1})));

  static AAssociateAc ac() {
    return RequestorFakePeerTest.accept(FakePeer.verificationRq("X", 0), 0);
  }

  AssociationAcceptor acceptor(RecordingHandler handler) throws Exception {
    return acceptor(handler, Duration.ofMillis(500));
  }

  AssociationAcceptor acceptor(RecordingHandler handler, Duration artim) throws Exception {
    return new AssociationAcceptor(
        AssociationOptions.defaults().withArtimTimeout(artim),
        DefaultAcceptancePolicy.create()
            .withCalledAeTitles("SCP")
            .withAbstractSyntax(VERIFICATION, IVR),
        handler,
        2);
  }

  static Stream<Arguments> sta2() {
    return Stream.of(
        Arguments.of("EVT3 A-ASSOCIATE-AC", ac()),
        Arguments.of("EVT4 A-ASSOCIATE-RJ", RJ),
        Arguments.of("EVT10 P-DATA-TF", PDATA),
        Arguments.of("EVT12 A-RELEASE-RQ", new AReleaseRq()),
        Arguments.of("EVT13 A-RELEASE-RP", new AReleaseRp()));
  }

  /** STA2 (awaiting A-ASSOCIATE-RQ): AA-1, an A-ABORT, then ARTIM closes. */
  @ParameterizedTest(name = "{0} in STA2 -> AA-1")
  @MethodSource("sta2")
  void unexpectedPduInSta2(String name, Pdu pdu) throws Exception {
    try (AssociationAcceptor acceptor = acceptor(new RecordingHandler(false))) {
      int port = acceptor.start(0);
      try (FakePeer peer = FakePeer.connect(port)) {
        peer.send(pdu);
        assertThat(peer.read()).isEqualTo(AAbort.byUser());
        assertThat(peer.closedByOtherSide()).isTrue();
      }
    }
  }

  @Test
  void abortInSta2ClosesWithoutAnswer() throws Exception {
    try (AssociationAcceptor acceptor =
        acceptor(new RecordingHandler(false), Duration.ofSeconds(4))) {
      int port = acceptor.start(0);
      try (FakePeer peer = FakePeer.connect(port)) {
        peer.send(AAbort.byUser()); // EVT16 in STA2: AA-2
        long t0 = System.nanoTime();
        assertThat(peer.closedByOtherSide()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
            .as("closed before ARTIM")
            .isLessThan(Duration.ofSeconds(3));
      }
    }
  }

  static Stream<Arguments> sta6() {
    return Stream.of(
        Arguments.of("EVT3 A-ASSOCIATE-AC", ac()),
        Arguments.of("EVT4 A-ASSOCIATE-RJ", RJ),
        Arguments.of("EVT6 A-ASSOCIATE-RQ", FakePeer.verificationRq("SCP", 0)),
        Arguments.of("EVT13 A-RELEASE-RP", new AReleaseRp()));
  }

  /** STA6 (established): AA-8, an A-ABORT from the provider with reason unexpected-PDU. */
  @ParameterizedTest(name = "{0} in STA6 -> AA-8")
  @MethodSource("sta6")
  void unexpectedPduInSta6(String name, Pdu pdu) throws Exception {
    RecordingHandler handler = new RecordingHandler(false);
    try (AssociationAcceptor acceptor = acceptor(handler)) {
      int port = acceptor.start(0);
      try (FakePeer peer = FakePeer.connect(port)) {
        peer.send(FakePeer.verificationRq("SCP", 0));
        assertThat(peer.read()).isInstanceOf(AAssociateAc.class);
        peer.send(pdu);
        assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.UNEXPECTED_PDU));
        assertThat(peer.closedByOtherSide()).isTrue();
      }
      assertThat(handler.awaitClosed()).isInstanceOf(AssociationAbortedException.class);
    }
  }

  /** STA13 after a rejection: AA-6 ignores PDUs, AA-7 answers an A-ASSOCIATE-RQ with A-ABORT. */
  @Test
  void sta13IgnoresPdusAndAbortsAnAssociateRq() throws Exception {
    try (AssociationAcceptor acceptor = acceptor(new RecordingHandler(false))) {
      int port = acceptor.start(0);
      try (FakePeer peer = FakePeer.connect(port)) {
        peer.send(FakePeer.verificationRq("NOT_SCP", 0));
        assertThat(peer.read()).isInstanceOf(AAssociateRj.class);
        peer.send(PDATA); // EVT10 in STA13: AA-6
        peer.send(new AReleaseRq()); // EVT12 in STA13: AA-6
        peer.send(FakePeer.verificationRq("SCP", 0)); // EVT6 in STA13: AA-7
        assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.UNEXPECTED_PDU));
        peer.sendRaw(HexFormat.of().parseHex("0a0000000000")); // EVT19 in STA13: AA-7
        assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.UNRECOGNIZED_PDU));
        assertThat(peer.closedByOtherSide()).as("ARTIM closes").isTrue();
      }
    }
  }

  static Stream<Arguments> sta5() {
    return Stream.of(
        Arguments.of("EVT10 P-DATA-TF", PDATA, AssociationAbortedException.class, true),
        Arguments.of(
            "EVT12 A-RELEASE-RQ", new AReleaseRq(), AssociationAbortedException.class, true),
        Arguments.of("EVT16 A-ABORT", AAbort.byUser(), AssociationAbortedException.class, false),
        Arguments.of("EVT4 A-ASSOCIATE-RJ", RJ, AssociationRejectedException.class, false));
  }

  /** STA5 (requestor awaiting AC/RJ): AA-8 for unexpected PDUs, AA-3 for A-ABORT, AE-4 for RJ. */
  @ParameterizedTest(name = "{0} in STA5")
  @MethodSource("sta5")
  void requestorInSta5(
      String name, Pdu pdu, Class<? extends Exception> expected, boolean answersWithAbort)
      throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      CompletableFuture<Association> pending =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Association.connect(
                      AssociationRequest.of("X", "Y").withContext(VERIFICATION, IVR),
                      "127.0.0.1",
                      server.getLocalPort(),
                      AssociationOptions.defaults(),
                      new RecordingHandler(false));
                } catch (Exception e) {
                  throw new CompletionException(e);
                }
              });
      try (FakePeer peer = FakePeer.accept(server)) {
        assertThat(peer.read()).isInstanceOf(AAssociateRq.class);
        peer.send(pdu);
        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(expected);
        if (answersWithAbort) {
          assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.UNEXPECTED_PDU));
        }
      }
    }
  }

  /** STA7 (awaiting A-RELEASE-RP): AR-6 still delivers P-DATA to the handler. */
  @Test
  void pDataWhileAwaitingReleaseRpIsDelivered() throws Exception {
    RecordingHandler handler = new RecordingHandler(false);
    try (ServerSocket server = new ServerSocket(0)) {
      CompletableFuture<Association> pending =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Association.connect(
                      AssociationRequest.of("X", "Y").withContext(VERIFICATION, IVR),
                      "127.0.0.1",
                      server.getLocalPort(),
                      AssociationOptions.defaults(),
                      handler);
                } catch (Exception e) {
                  throw new CompletionException(e);
                }
              });
      try (FakePeer peer = FakePeer.accept(server)) {
        peer.send(RequestorFakePeerTest.accept((AAssociateRq) peer.read(), 0));
        Association as = pending.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> released =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    as.release();
                  } catch (Exception e) {
                    throw new CompletionException(e);
                  }
                });
        assertThat(peer.read()).isInstanceOf(AReleaseRq.class);
        peer.send(PDATA);
        peer.send(new AReleaseRp());
        released.get(5, TimeUnit.SECONDS);
        assertThat(handler.commands).hasSize(1);
      }
    }
  }
}
