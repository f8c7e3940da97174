package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.net.dimse.DimseServer;
import org.roentgen.dicom.net.dimse.Priority;
import org.roentgen.dicom.net.ul.AssociationAcceptor;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.DefaultAcceptancePolicy;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.Payload;

/**
 * C-STORE statuses, refused SOP classes and rejections, against the toolkit's SCP answering what
 * each test sets (DCMTK's storescp cannot be told to answer a given status): one association for
 * all statuses, since a failure status leaves the association usable.
 */
class DicomDestinationStatusIT {
  private final AtomicInteger status = new AtomicInteger();
  private final AtomicInteger stores = new AtomicInteger();
  private AssociationAcceptor acceptor;
  private final List<Priority> priorities = new CopyOnWriteArrayList<>();
  private int port;

  private static final Path CT = Corpus.file("test_files/CT_small.dcm");
  private static final Path MR = Corpus.file("test_files/MR_small.dcm");

  private void start(DefaultAcceptancePolicy policy, int maxAssociations) throws Exception {
    start(policy, maxAssociations, AssociationOptions.defaults());
  }

  private void start(DefaultAcceptancePolicy policy, int maxAssociations, AssociationOptions o)
      throws Exception {
    DimseServer server =
        new DimseServer(
            (as, rq, ts, dataset) -> {
              dataset.transferTo(OutputStream.nullOutputStream());
              priorities.add(rq.priority());
              stores.incrementAndGet();
              return status.get();
            },
            null);
    acceptor = new AssociationAcceptor(o, policy, server, maxAssociations);
    port = acceptor.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
  }

  @BeforeEach
  void scp() throws Exception {
    start(
        DefaultAcceptancePolicy.create()
            .withCalledAeTitles("SCP")
            .withAbstractSyntax(UID.Verification, DefaultAcceptancePolicy.ANY_TRANSFER_SYNTAX)
            .withAbstractSyntax(UID.CTImageStorage, DefaultAcceptancePolicy.ANY_TRANSFER_SYNTAX),
        4);
  }

  @AfterEach
  void stop() throws Exception {
    acceptor.close();
  }

  private DicomDestinationSettings settings() {
    return DicomDestinationSettings.of("scp", "SCP", "127.0.0.1", port);
  }

  /** A STAT instance asks the peer for HIGH priority in its C-STORE request; others MEDIUM. */
  @Test
  void aStatInstanceIsStoredWithHighPriority() throws Exception {
    try (DicomDestination d = new DicomDestination(settings())) {
      d.send(FilePayload.of(CT));
      d.send(Payload.stat(FilePayload.of(CT)));
    }
    assertThat(priorities).containsExactly(Priority.MEDIUM, Priority.HIGH);
  }

  @Test
  void failureStatusesAreClassifiedAndWarningsAreSuccess() throws Exception {
    try (DicomDestination d = new DicomDestination(settings())) {
      for (int s :
          List.of(0xA700, 0xA7FF, 0xA900, 0xA9AB, 0xC000, 0xCFFF, 0x0122, 0x0110, 0x0211)) {
        status.set(s);
        DeliveryException e =
            catchThrowableOfType(DeliveryException.class, () -> d.send(FilePayload.of(CT)));
        assertThat(e.status()).isEqualTo(s);
        FailureCause expected =
            switch (s >> 8) {
              case 0xA7 -> FailureCause.OUT_OF_RESOURCES;
              case 0xA9 -> FailureCause.DATA_SET_MISMATCH;
              case 0xC0, 0xCF -> FailureCause.CANNOT_UNDERSTAND;
              default -> FailureCause.REFUSED;
            };
        assertThat(e.failureCause()).as(Integer.toHexString(s)).isEqualTo(expected);
        assertThat(e.permanent()).as(Integer.toHexString(s)).isEqualTo(s >> 8 != 0xA7);
        assertThat(e.getMessage()).contains(String.format("0x%04X", s));
      }
      for (int s : List.of(0xB000, 0xB006, 0xB007, 0x0107, 0x0116, 0x0000)) {
        status.set(s);
        assertThat(d.send(FilePayload.of(CT)).status()).isEqualTo(s);
      }
      assertThat(stores.get()).isEqualTo(15);
      assertThat(d.associationsOpened()).isEqualTo(1);
    }
  }

  @Test
  void aSopClassThePeerDoesNotSupportIsRefused() throws Exception {
    try (DicomDestination d = new DicomDestination(settings())) {
      DeliveryException e =
          catchThrowableOfType(DeliveryException.class, () -> d.send(FilePayload.of(MR)));
      assertThat(e.failureCause()).isEqualTo(FailureCause.REFUSED);
      assertThat(e.permanent()).isTrue();
      assertThat(e.getMessage()).contains(UID.MRImageStorage).contains("not supported");
    }
  }

  @Test
  void anUnknownCallingAeTitleIsAPermanentRejection() throws Exception {
    acceptor.close();
    start(
        DefaultAcceptancePolicy.create()
            .withCallingAeTitles("SOMEONE-ELSE")
            .withAbstractSyntax(UID.CTImageStorage, DefaultAcceptancePolicy.ANY_TRANSFER_SYNTAX),
        4);
    try (DicomDestination d = new DicomDestination(settings())) {
      DeliveryException e =
          catchThrowableOfType(DeliveryException.class, () -> d.send(FilePayload.of(CT)));
      assertThat(e.failureCause()).isEqualTo(FailureCause.ASSOCIATION_REJECTED);
      assertThat(e.getMessage()).contains("CALLING_AE_TITLE_NOT_RECOGNIZED");
      assertThat(e.permanent()).isTrue();
    }
  }

  @Test
  void anIdleAssociationThePeerAbortedIsDroppedNotFailed() throws Exception {
    acceptor.close();
    start(
        DefaultAcceptancePolicy.create()
            .withAbstractSyntax(UID.CTImageStorage, DefaultAcceptancePolicy.ANY_TRANSFER_SYNTAX),
        4,
        AssociationOptions.defaults().withIdleTimeout(java.time.Duration.ofMillis(300)));
    try (DicomDestination d = new DicomDestination(settings())) {
      d.send(FilePayload.of(CT));
      Thread.sleep(1000); // the peer aborts the association it has been silent on
      assertThat(d.send(FilePayload.of(CT)).status()).isZero();
      assertThat(d.associationsOpened()).isEqualTo(2);
      assertThat(stores.get()).isEqualTo(2);
    }
  }

  @Test
  void aPeerAtItsAssociationLimitRejectsTransiently() throws Exception {
    acceptor.close();
    start(
        DefaultAcceptancePolicy.create()
            .withAbstractSyntax(UID.CTImageStorage, DefaultAcceptancePolicy.ANY_TRANSFER_SYNTAX),
        1);
    try (DicomDestination first = new DicomDestination(settings());
        DicomDestination second = new DicomDestination(settings())) {
      first.send(FilePayload.of(CT)); // its association stays open, idle in the pool
      DeliveryException e =
          catchThrowableOfType(DeliveryException.class, () -> second.send(FilePayload.of(CT)));
      assertThat(e.failureCause()).isEqualTo(FailureCause.ASSOCIATION_REJECTED);
      assertThat(e.getMessage()).contains("REJECTED_TRANSIENT").contains("LOCAL_LIMIT_EXCEEDED");
      assertThat(e.permanent()).isFalse();
    }
  }
}
