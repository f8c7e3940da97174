package org.roentgen.router.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.contracts.InstanceDelivery.FailureCause;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.dicom.testkit.SyntheticRadiographs;
import org.roentgen.router.delivery.DeliveryException;
import org.roentgen.router.delivery.SendResult;

/** C-STORE to DCMTK's storescp: arrival, association reuse, conversion, failures, C-ECHO. */
class DicomDestinationStorescpIT {
  @TempDir Path tmp;

  private static Path corpus(String name) {
    return Corpus.file("test_files/" + name);
  }

  @Test
  void instancesArriveEqualToWhatWasSentOverOneReusedAssociation() throws Exception {
    List<Path> files = SyntheticRadiographs.write(tmp.resolve("dx"), 5, 64, 48, 7);
    try (Storescp scp = new Storescp(tmp.resolve("scp"));
        DicomDestination d = new DicomDestination(scp.destination("scp"))) {
      for (Path f : files) {
        SendResult r = d.send(FilePayload.of(f));
        assertThat(r.status()).isZero();
        assertThat(r.transferSyntaxUid()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
      }
      for (Path f : files) {
        FilePayload p = FilePayload.of(f);
        assertThat(SameDataset.difference(f, scp.file(p.sopInstanceUid()))).isNull();
      }
      assertThat(d.associationsOpened()).isEqualTo(1);
      assertThat(d.idleAssociations()).isEqualTo(1);
      assertThat(scp.associations()).as(scp.log()).isEqualTo(1);
    }
  }

  @Test
  void aNewSopClassOpensANewAssociationThatThenServesBoth() throws Exception {
    Path dx = SyntheticRadiographs.write(tmp.resolve("dx"), 1, 32, 32, 1).get(0);
    Path ct = corpus("CT_small.dcm");
    Path mr = corpus("MR_small.dcm");
    try (Storescp scp = new Storescp(tmp.resolve("scp"));
        DicomDestination d = new DicomDestination(scp.destination("scp").withMaxAssociations(1))) {
      d.send(FilePayload.of(dx));
      d.send(FilePayload.of(ct));
      assertThat(d.associationsOpened()).as("renegotiated for CT").isEqualTo(2);
      // the second association proposed DX and CT: both go on it from now on
      d.send(FilePayload.of(dx));
      d.send(FilePayload.of(ct));
      assertThat(d.associationsOpened()).isEqualTo(2);
      d.send(FilePayload.of(mr));
      d.send(FilePayload.of(dx));
      d.send(FilePayload.of(ct));
      d.send(FilePayload.of(mr));
      assertThat(d.associationsOpened()).isEqualTo(3);
      assertThat(d.openAssociations()).as("at most maxAssociations").isEqualTo(1);
      assertThat(scp.associations()).isEqualTo(3);
      assertThat(SameDataset.difference(ct, scp.file(FilePayload.of(ct).sopInstanceUid())))
          .isNull();
    }
  }

  @Test
  void idleAssociationsAreReleased() throws Exception {
    Path dx = SyntheticRadiographs.write(tmp.resolve("dx"), 1, 32, 32, 2).get(0);
    try (Storescp scp = new Storescp(tmp.resolve("scp"));
        DicomDestination d =
            new DicomDestination(scp.destination("scp").withIdleRelease(Duration.ofMillis(200)))) {
      d.send(FilePayload.of(dx));
      assertThat(d.idleAssociations()).isEqualTo(1);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (scp.count("Association Release") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(scp.count("Association Release")).as(scp.log()).isEqualTo(1);
      assertThat(d.openAssociations()).isZero();
      d.send(FilePayload.of(dx));
      assertThat(d.associationsOpened()).isEqualTo(2);
    }
  }

  @Test
  void concurrentSendsShareAtMostMaxAssociations() throws Exception {
    List<Path> files = SyntheticRadiographs.write(tmp.resolve("dx"), 12, 64, 64, 3);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Storescp scp = new Storescp(tmp.resolve("scp"));
        DicomDestination d = new DicomDestination(scp.destination("scp").withMaxAssociations(2))) {
      List<Future<SendResult>> sent = new ArrayList<>();
      for (Path f : files) {
        sent.add(pool.submit(() -> d.send(FilePayload.of(f))));
      }
      for (Future<SendResult> f : sent) {
        assertThat(f.get().status()).isZero();
      }
      assertThat(d.associationsOpened()).isBetween(1L, 2L);
      assertThat(d.openAssociations()).isLessThanOrEqualTo(2);
      assertThat(scp.associations()).isLessThanOrEqualTo(2);
      assertThat(scp.files()).hasSize(12);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void convertsToImplicitVrForAPeerThatAcceptsOnlyThat() throws Exception {
    try (Storescp scp = new Storescp(tmp.resolve("scp"), "+xi");
        DicomDestination d = new DicomDestination(scp.destination("scp"))) {
      for (String name :
          List.of("CT_small.dcm", "MR_small_bigendian.dcm", "image_dfl.dcm", "rtplan.dcm")) {
        Path f = corpus(name);
        FilePayload p = FilePayload.of(f);
        SendResult r = d.send(p);
        assertThat(r.transferSyntaxUid())
            .as(name)
            .isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
        assertThat(SameDataset.differenceViaImplicit(f, scp.file(p.sopInstanceUid())))
            .as(name)
            .isNull();
      }
      assertThat(scp.log()).doesNotContain("Association Aborted");
    }
  }

  @Test
  void aCompressedInstanceForAPeerThatTakesOnlyUncompressedFailsPermanently() throws Exception {
    try (Storescp scp = new Storescp(tmp.resolve("scp"));
        DicomDestination d = new DicomDestination(scp.destination("scp"))) {
      for (int i = 0; i < 2; i++) {
        DeliveryException e =
            catchThrowableOfType(
                DeliveryException.class, () -> d.send(FilePayload.of(corpus("JPEG-lossy.dcm"))));
        assertThat(e.failureCause()).isEqualTo(FailureCause.NO_ACCEPTABLE_TRANSFER_SYNTAX);
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("1.2.840.10008.1.2.4.51").contains("compressed");
      }
      assertThat(d.associationsOpened())
          .as("the peer's answer is known: no new association to ask again")
          .isEqualTo(1);
      // the same SOP class uncompressed: proposed anew, and sent
      d.send(FilePayload.of(corpus("SC_rgb_small_odd.dcm")));
      assertThat(scp.files()).hasSize(1);
    }
  }

  @Test
  void nothingListeningIsATransientConnectionFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (DicomDestination d =
        new DicomDestination(DicomDestinationSettings.of("down", "NOBODY", "127.0.0.1", port))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class, () -> d.send(FilePayload.of(corpus("CT_small.dcm"))));
      assertThat(e.failureCause()).isEqualTo(FailureCause.CONNECTION);
      assertThat(e.permanent()).isFalse();
      assertThatThrownBy(d::probe)
          .isInstanceOfSatisfying(
              DeliveryException.class,
              p -> assertThat(p.failureCause()).isEqualTo(FailureCause.CONNECTION));
    }
  }

  @Test
  void probeIsACEchoOnAnAssociationOfItsOwn() throws Exception {
    try (Storescp scp = new Storescp(tmp.resolve("scp"));
        DicomDestination d = new DicomDestination(scp.destination("scp"))) {
      d.probe();
      assertThat(d.associationsOpened()).isZero();
      assertThat(scp.log()).contains("Received Echo Request");
    }
  }

  @Test
  void aPeerThatAbortsAfterTheRequestIsATransientAbort() throws Exception {
    try (Storescp scp = new Storescp(tmp.resolve("scp"), "--abort-after");
        DicomDestination d = new DicomDestination(scp.destination("scp"))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class, () -> d.send(FilePayload.of(corpus("CT_small.dcm"))));
      assertThat(e.failureCause()).as(e.getMessage()).isEqualTo(FailureCause.ASSOCIATION_ABORTED);
      assertThat(e.permanent()).isFalse();
      assertThat(d.openAssociations()).isZero();
    }
  }

  @Test
  void aPeerThatDoesNotAnswerInTimeIsATransientTimeout() throws Exception {
    try (Storescp scp = new Storescp(tmp.resolve("scp"), "--sleep-during", "3");
        DicomDestination d =
            new DicomDestination(
                scp.destination("scp")
                    .withTimeouts(
                        Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(700)))) {
      long start = System.nanoTime();
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class, () -> d.send(FilePayload.of(corpus("MR_small.dcm"))));
      assertThat(e.failureCause()).as(e.getMessage()).isEqualTo(FailureCause.TIMEOUT);
      assertThat(e.permanent()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(d.openAssociations()).as("the late association is aborted").isZero();
    }
  }

  @Test
  void aRefusalWithoutReasonIsTransient() throws Exception {
    try (Storescp scp = new Storescp(tmp.resolve("scp"), "--refuse");
        DicomDestination d = new DicomDestination(scp.destination("scp"))) {
      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class, () -> d.send(FilePayload.of(corpus("CT_small.dcm"))));
      assertThat(e.failureCause()).isEqualTo(FailureCause.ASSOCIATION_REJECTED);
      assertThat(e.getMessage()).contains("REJECTED_PERMANENT").contains("USER_NO_REASON_GIVEN");
      assertThat(e.permanent()).isFalse();
    }
  }
}
