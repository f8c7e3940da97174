package org.roentgen.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roentgen.dicom.net.ul.FakePeer.EVR;
import static org.roentgen.dicom.net.ul.FakePeer.IVR;
import static org.roentgen.dicom.net.ul.FakePeer.VERIFICATION;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.roentgen.dicom.io.Implementation;
import org.roentgen.dicom.net.pdu.AAbort;
import org.roentgen.dicom.net.pdu.AAssociateAc;
import org.roentgen.dicom.net.pdu.AAssociateRj;
import org.roentgen.dicom.net.pdu.AReleaseRp;
import org.roentgen.dicom.net.pdu.AReleaseRq;
import org.roentgen.dicom.net.pdu.AbortReason;
import org.roentgen.dicom.net.pdu.AbortSource;
import org.roentgen.dicom.net.pdu.AsyncOperationsWindow;
import org.roentgen.dicom.net.pdu.PDataTf;
import org.roentgen.dicom.net.pdu.PresentationContextResult;
import org.roentgen.dicom.net.pdu.PresentationDataValue;
import org.roentgen.dicom.net.pdu.RejectReason;
import org.roentgen.dicom.net.pdu.RejectResult;
import org.roentgen.dicom.net.pdu.RoleSelection;

/** Our acceptor against a scripted requestor sending raw PDUs. */
@Timeout(20)
class AcceptorFakePeerTest {

  static final int MAX_PDU = 16384;

  final RecordingHandler handler = new RecordingHandler(true);
  AssociationAcceptor acceptor;
  int port;

  void start(AssociationOptions options) throws Exception {
    acceptor =
        new AssociationAcceptor(
            options.withMaxPduLength(MAX_PDU),
            DefaultAcceptancePolicy.create()
                .withCalledAeTitles("ROENTGEN")
                .withAbstractSyntax(VERIFICATION, IVR),
            handler,
            4);
    port = acceptor.start(0);
  }

  void start() throws Exception {
    start(AssociationOptions.defaults().withArtimTimeout(Duration.ofMillis(500)));
  }

  @AfterEach
  void stop() throws Exception {
    if (acceptor != null) {
      acceptor.close();
    }
  }

  FakePeer establish() throws Exception {
    FakePeer peer = FakePeer.connect(port);
    peer.send(FakePeer.verificationRq("ROENTGEN", 32768));
    assertThat(peer.read()).isInstanceOf(AAssociateAc.class);
    return peer;
  }

  static PDataTf command(int pcid, byte[] data) {
    return new PDataTf(List.of(new PresentationDataValue(pcid, true, true, data)));
  }

  @Test
  void acceptsNegotiatesEchoesAndReleases() throws Exception {
    start();
    try (FakePeer peer = FakePeer.connect(port)) {
      var rq = FakePeer.verificationRq("ROENTGEN", 32768);
      rq =
          new org.roentgen.dicom.net.pdu.AAssociateRq(
              1,
              "ROENTGEN",
              "FAKE",
              rq.applicationContextName(),
              rq.presentationContexts(),
              rq.userInformation()
                  .withAsyncOperationsWindow(new AsyncOperationsWindow(5, 5))
                  .withRoleSelections(List.of(new RoleSelection(VERIFICATION, true, true))));
      peer.send(rq);
      AAssociateAc ac = (AAssociateAc) peer.read();
      assertThat(ac.presentationContext(1).result())
          .isEqualTo(PresentationContextResult.ACCEPTANCE);
      assertThat(ac.presentationContext(1).transferSyntax()).isEqualTo(IVR);
      assertThat(ac.userInformation().maxPduLength()).isEqualTo(MAX_PDU);
      assertThat(ac.userInformation().implementationClassUid()).isEqualTo(Implementation.CLASS_UID);
      assertThat(ac.userInformation().implementationVersionName())
          .isEqualTo(Implementation.VERSION_NAME);
      assertThat(ac.userInformation().asyncOperationsWindow())
          .isEqualTo(new AsyncOperationsWindow(1, 1));
      assertThat(ac.userInformation().roleSelections())
          .containsExactly(new RoleSelection(VERIFICATION, true, false));

      peer.send(command(1, new byte[] {1, 2, 3}));
      PDataTf echoed = (PDataTf) peer.read();
      assertThat(echoed.values().get(0).data()).containsExactly(1, 2, 3);
      assertThat(echoed.values().get(0).command()).isTrue();
      assertThat(echoed.values().get(0).last()).isTrue();

      peer.send(new AReleaseRq());
      assertThat(peer.read()).isInstanceOf(AReleaseRp.class);
    }
    assertThat(handler.awaitClosed()).isNull();
    assertThat(handler.commands).hasSize(1);
  }

  @Test
  void rejectsUnknownCalledAeTitle() throws Exception {
    start();
    try (FakePeer peer = FakePeer.connect(port)) {
      peer.send(FakePeer.verificationRq("SOMEONE_ELSE", 32768));
      assertThat(peer.read())
          .isEqualTo(
              new AAssociateRj(
                  RejectResult.REJECTED_PERMANENT, RejectReason.CALLED_AE_TITLE_NOT_RECOGNIZED));
    }
    assertThat(handler.awaitClosed()).isInstanceOf(AssociationRejectedException.class);
  }

  @Test
  void rejectsUnsupportedTransferSyntaxesPerContext() throws Exception {
    start();
    try (FakePeer peer = FakePeer.connect(port)) {
      var base = FakePeer.verificationRq("ROENTGEN", 0);
      peer.send(
          new org.roentgen.dicom.net.pdu.AAssociateRq(
              1,
              "ROENTGEN",
              "FAKE",
              base.applicationContextName(),
              List.of(
                  org.roentgen.dicom.net.pdu.PresentationContextRq.of(1, VERIFICATION, EVR),
                  org.roentgen.dicom.net.pdu.PresentationContextRq.of(3, "1.2.3", IVR)),
              base.userInformation()));
      AAssociateAc ac = (AAssociateAc) peer.read();
      assertThat(ac.presentationContext(1).result())
          .isEqualTo(PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED);
      assertThat(ac.presentationContext(3).result())
          .isEqualTo(PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED);
      assertThat(ac.userInformation().asyncOperationsWindow()).isNull();
    }
  }

  @Test
  void peerAbortEndsTheAssociation() throws Exception {
    start();
    try (FakePeer peer = establish()) {
      peer.send(AAbort.byUser());
      assertThat(peer.closedByOtherSide()).isTrue();
    }
    AssociationException cause = handler.awaitClosed();
    assertThat(cause).isInstanceOf(AssociationAbortedException.class);
    assertThat(((AssociationAbortedException) cause).abort().source())
        .isEqualTo(AbortSource.SERVICE_USER);
  }

  @Test
  void transportClosedUnexpectedlyIsAnAbort() throws Exception {
    start();
    FakePeer peer = establish();
    peer.close();
    assertThat(handler.awaitClosed())
        .isInstanceOf(AssociationAbortedException.class)
        .hasMessageContaining("transport closed unexpectedly in STA6");
  }

  @Test
  void artimClosesAConnectionThatNeverSendsAnAssociateRq() throws Exception {
    start();
    long t0 = System.nanoTime();
    try (FakePeer peer = FakePeer.connect(port)) {
      assertThat(peer.closedByOtherSide()).isTrue();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isBetween(Duration.ofMillis(400), Duration.ofSeconds(4));
  }

  @Test
  void itemLengthOverrunningThePduAbortsWithInvalidParameterValue() throws Exception {
    start();
    try (FakePeer peer = FakePeer.connect(port)) {
      byte[] rq =
          org.roentgen.dicom.net.pdu.PduWriter.encode(FakePeer.verificationRq("ROENTGEN", 0));
      rq[6 + 68 + 2] = (byte) 0x7F; // application context item claims 0x7F15 bytes
      peer.sendRaw(rq);
      assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.INVALID_PDU_PARAMETER_VALUE));
      assertThat(peer.closedByOtherSide()).isTrue();
    }
  }

  @Test
  void pdvLengthOverrunningThePduAborts() throws Exception {
    start();
    try (FakePeer peer = establish()) {
      // P-DATA-TF of 8 bytes whose PDV claims 100 bytes
      peer.sendRaw(HexFormat.of().parseHex("040000000008" + "00000064" + "0103" + "0000"));
      assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.INVALID_PDU_PARAMETER_VALUE));
    }
    assertThat(handler.awaitClosed()).isInstanceOf(AssociationAbortedException.class);
  }

  @Test
  void pDataOverOurMaximumAborts() throws Exception {
    start();
    try (FakePeer peer = establish()) {
      int length = MAX_PDU + 1024;
      ByteBuffer b = ByteBuffer.allocate(6 + length);
      b.put((byte) 4).put((byte) 0).putInt(length).putInt(length - 4).put((byte) 1).put((byte) 3);
      peer.sendRaw(b.array());
      assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.INVALID_PDU_PARAMETER_VALUE));
    }
    assertThat(handler.commands).isEmpty();
  }

  @Test
  void unknownPduTypeAbortsWithUnrecognizedPdu() throws Exception {
    start();
    try (FakePeer peer = establish()) {
      peer.sendRaw(HexFormat.of().parseHex("08000000000400000000"));
      assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.UNRECOGNIZED_PDU));
      assertThat(peer.closedByOtherSide()).isTrue();
    }
    assertThat(handler.awaitClosed()).isInstanceOf(AssociationAbortedException.class);
  }

  @Test
  void datasetWithoutCommandAborts() throws Exception {
    start();
    try (FakePeer peer = establish()) {
      peer.send(new PDataTf(List.of(new PresentationDataValue(1, false, true, new byte[4]))));
      assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.UNEXPECTED_PDU_PARAMETER));
    }
    assertThat(handler.commands).isEmpty();
  }

  @Test
  void pdvOnAContextThatWasNotAcceptedAborts() throws Exception {
    start();
    try (FakePeer peer = establish()) {
      peer.send(command(3, new byte[] {1}));
      assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.INVALID_PDU_PARAMETER_VALUE));
    }
  }

  @Test
  void unexpectedPduAbortsWithUnexpectedPdu() throws Exception {
    start();
    try (FakePeer peer = establish()) {
      peer.send(FakePeer.verificationRq("ROENTGEN", 0)); // EVT6 in STA6: AA-8
      assertThat(peer.read()).isEqualTo(AAbort.byProvider(AbortReason.UNEXPECTED_PDU));
    }
  }

  @Test
  void peerThatStopsMidPduTimesOut() throws Exception {
    start(
        AssociationOptions.defaults()
            .withArtimTimeout(Duration.ofMillis(500))
            .withIdleTimeout(Duration.ofMillis(300)));
    try (FakePeer peer = establish()) {
      peer.sendRaw(HexFormat.of().parseHex("040000000064" + "00000060" + "0103" + "0102"));
      assertThat(peer.read()).isEqualTo(AAbort.byUser());
      assertThat(peer.closedByOtherSide()).isTrue();
    }
    assertThat(handler.awaitClosed()).isInstanceOf(AssociationTimeoutException.class);
  }
}
