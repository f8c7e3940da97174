package org.roentgen.router.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.net.dimse.DimseServer;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.AssociationAcceptor;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.DefaultAcceptancePolicy;

/**
 * A slow PACS: a C-STORE SCP of the toolkit that takes {@code delay} over each instance before it
 * answers success, and records the SOP Instance UIDs in the order it confirmed them. A backlog
 * builds up in front of it as in front of a PACS under load.
 */
final class SlowScp implements AutoCloseable {
  static final String AE_TITLE = "SLOWPACS";

  private final AssociationAcceptor acceptor;
  private final int port;
  private final List<String> confirmed = new ArrayList<>();

  private SlowScp(Duration delay) throws IOException {
    DimseServer server =
        new DimseServer(
            (as, rq, ts, dataset) -> {
              dataset.transferTo(OutputStream.nullOutputStream());
              try {
                Thread.sleep(delay.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
              }
              synchronized (confirmed) {
                confirmed.add(rq.affectedSopInstanceUid());
              }
              return Status.SUCCESS.code();
            },
            null);
    DefaultAcceptancePolicy policy =
        DefaultAcceptancePolicy.create()
            .withCalledAeTitles(AE_TITLE)
            .withAbstractSyntax(UID.Verification, DefaultAcceptancePolicy.ANY_TRANSFER_SYNTAX);
    for (String sopClass :
        List.of(
            UID.DigitalXRayImageStorageForProcessing,
            UID.DigitalXRayImageStorageForPresentation,
            UID.ComputedRadiographyImageStorage,
            UID.CTImageStorage)) {
      policy = policy.withAbstractSyntax(sopClass, DefaultAcceptancePolicy.ANY_TRANSFER_SYNTAX);
    }
    acceptor = new AssociationAcceptor(AssociationOptions.defaults(), policy, server, 4);
    port = acceptor.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
  }

  static SlowScp start(Duration delay) throws IOException {
    return new SlowScp(delay);
  }

  int port() {
    return port;
  }

  /** The SOP Instance UIDs confirmed so far, in the order confirmed. */
  List<String> confirmed() {
    synchronized (confirmed) {
      return List.copyOf(confirmed);
    }
  }

  @Override
  public void close() throws IOException {
    acceptor.close();
  }
}
