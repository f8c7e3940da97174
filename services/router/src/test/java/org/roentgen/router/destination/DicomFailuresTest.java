package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.net.dimse.DimseException;
import org.roentgen.dicom.net.pdu.AAbort;
import org.roentgen.dicom.net.pdu.AAssociateRj;
import org.roentgen.dicom.net.pdu.AbortReason;
import org.roentgen.dicom.net.pdu.RejectReason;
import org.roentgen.dicom.net.pdu.RejectResult;
import org.roentgen.dicom.net.ul.AssociationAbortedException;
import org.roentgen.dicom.net.ul.AssociationRejectedException;
import org.roentgen.dicom.net.ul.AssociationTimeoutException;
import org.roentgen.router.delivery.DeliveryException;

class DicomFailuresTest {
  private static DeliveryException of(IOException e) {
    return DicomFailures.of("pacs", "PACS@host:104", e);
  }

  @ParameterizedTest
  @EnumSource(RejectReason.class)
  void rejectedTransientIsAlwaysTransient(RejectReason reason) {
    assertThat(DicomFailures.permanent(new AAssociateRj(RejectResult.REJECTED_TRANSIENT, reason)))
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(RejectReason.class)
  void rejectedPermanentIsPermanentOnlyForAConfigurationMismatch(RejectReason reason) {
    boolean expected =
        switch (reason) {
          case CALLED_AE_TITLE_NOT_RECOGNIZED,
              CALLING_AE_TITLE_NOT_RECOGNIZED,
              APPLICATION_CONTEXT_NAME_NOT_SUPPORTED,
              PROTOCOL_VERSION_NOT_SUPPORTED ->
              true;
          case USER_NO_REASON_GIVEN,
              ACSE_NO_REASON_GIVEN,
              TEMPORARY_CONGESTION,
              LOCAL_LIMIT_EXCEEDED ->
              false;
        };
    AAssociateRj rj = new AAssociateRj(RejectResult.REJECTED_PERMANENT, reason);
    assertThat(DicomFailures.permanent(rj)).isEqualTo(expected);
    DeliveryException e = of(new AssociationRejectedException(rj));
    assertThat(e.failureCause()).isEqualTo(FailureCause.ASSOCIATION_REJECTED);
    assertThat(e.permanent()).isEqualTo(expected);
    assertThat(e.getMessage()).contains("pacs (PACS@host:104)").contains(reason.name());
  }

  @Test
  void transportFailuresAreTransientConnectionFailures() {
    for (IOException e :
        new IOException[] {
          new ConnectException("Connection refused"),
          new UnknownHostException("nowhere"),
          new SocketException("Connection reset"),
          new AssociationAbortedException(
              "transport failed while sending", null, new SocketException("Broken pipe")),
          new EOFException()
        }) {
      DeliveryException d = of(e);
      assertThat(d.failureCause()).as(e.toString()).isEqualTo(FailureCause.CONNECTION);
      assertThat(d.permanent()).isFalse();
    }
  }

  @Test
  void timeoutsAreTransient() {
    for (IOException e :
        new IOException[] {
          new SocketTimeoutException("Connect timed out"),
          new AssociationTimeoutException("no A-ASSOCIATE-AC/RJ within PT10S"),
          new HttpConnectTimeoutException("HTTP connect timed out")
        }) {
      DeliveryException d = of(e);
      assertThat(d.failureCause()).as(e.toString()).isEqualTo(FailureCause.TIMEOUT);
      assertThat(d.permanent()).isFalse();
    }
  }

  @Test
  void aTlsHandshakeFailureIsPermanentUnlessTheNetworkBroke() {
    DeliveryException untrusted =
        of(new SSLHandshakeException("PKIX path building failed: unable to find valid path"));
    assertThat(untrusted.failureCause()).isEqualTo(FailureCause.TLS);
    assertThat(untrusted.permanent()).isTrue();

    SSLHandshakeException closed =
        new SSLHandshakeException("Remote host terminated the handshake");
    closed.initCause(new EOFException("SSL peer shut down incorrectly"));
    assertThat(of(closed).failureCause()).isEqualTo(FailureCause.TLS);

    SSLHandshakeException reset = new SSLHandshakeException("handshake failed");
    reset.initCause(new SocketException("Connection reset"));
    assertThat(of(reset).failureCause()).isEqualTo(FailureCause.CONNECTION);
    assertThat(of(reset).permanent()).isFalse();
  }

  @Test
  void abortsAreTransient() {
    DeliveryException byPeer =
        of(new AssociationAbortedException("aborted by peer", AAbort.byUser(), null));
    assertThat(byPeer.failureCause()).isEqualTo(FailureCause.ASSOCIATION_ABORTED);
    assertThat(byPeer.permanent()).isFalse();
    DeliveryException byProvider =
        of(
            new AssociationAbortedException(
                "aborted", AAbort.byProvider(AbortReason.UNEXPECTED_PDU), null));
    assertThat(byProvider.failureCause()).isEqualTo(FailureCause.ASSOCIATION_ABORTED);
    assertThat(of(new DimseException("unexpected message")).failureCause())
        .isEqualTo(FailureCause.ASSOCIATION_ABORTED);
  }

  @Test
  void httpFailuresThatAreNoTimeoutOrTlsAreConnectionFailures() {
    DeliveryException d =
        DicomFailures.http("web", "http://web/studies", new IOException("HTTP/1.1 header parser"));
    assertThat(d.failureCause()).isEqualTo(FailureCause.CONNECTION);
    assertThat(d.permanent()).isFalse();
  }
}
