package org.roentgen.dicom.net.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roentgen.dicom.data.Attributes;
import org.roentgen.dicom.data.Tag;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.data.VR;
import org.roentgen.dicom.io.DicomInputStream;
import org.roentgen.dicom.io.DicomOutputStream;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.ul.AssociationAcceptor;
import org.roentgen.dicom.net.ul.AssociationHandler;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.net.ul.AssociationRequest;
import org.roentgen.dicom.net.ul.DefaultAcceptancePolicy;

/** C-FIND between {@link DimseClient} and {@link DimseServer} (or a scripted SCP) over loopback. */
class DimseFindTest {
  private static final String MODEL = UID.StudyRootQueryRetrieveInformationModelFind;

  @Test
  void matchesArriveAndTheTimeoutRunsPerResponse() throws Exception {
    FindHandler slow =
        (as, rq, keys, matches) -> {
          for (int i = 0; i < 4; i++) {
            sleep(300);
            matches.add(study("1.2.3." + i));
          }
          return Status.SUCCESS.code();
        };
    try (Scp scp = acceptor(new DimseServer(null, slow))) {
      List<Attributes> got = new ArrayList<>();
      // 4 x 300 ms is longer than the 800 ms DIMSE timeout, but no single wait is.
      try (DimseClient c = connect(scp, Duration.ofMillis(800))) {
        Command rsp = c.find(MODEL, keys(), got::add);
        assertThat(rsp.status()).isEqualTo(Status.SUCCESS.code());
      }
      assertThat(got)
          .extracting(a -> a.getString(Tag.StudyInstanceUID))
          .containsExactly("1.2.3.0", "1.2.3.1", "1.2.3.2", "1.2.3.3");
    }
  }

  @Test
  void noMatchIsSuccessWithoutPendingResponses() throws Exception {
    try (Scp scp =
        acceptor(new DimseServer(null, (as, rq, keys, matches) -> Status.SUCCESS.code()))) {
      List<Attributes> got = new ArrayList<>();
      try (DimseClient c = connect(scp, Duration.ofSeconds(5))) {
        assertThat(c.find(MODEL, keys(), got::add).status()).isEqualTo(Status.SUCCESS.code());
      }
      assertThat(got).isEmpty();
    }
  }

  @Test
  void aSilentPeerStillTimesOut() throws Exception {
    FindHandler silent =
        (as, rq, keys, matches) -> {
          sleep(2000);
          return Status.SUCCESS.code();
        };
    try (Scp scp = acceptor(new DimseServer(null, silent))) {
      try (DimseClient c = connect(scp, Duration.ofMillis(300))) {
        assertThatThrownBy(() -> c.find(MODEL, keys(), a -> {}))
            .isInstanceOf(DimseException.class)
            .hasMessageContaining("no response");
      }
    }
  }

  /** A failure response carrying a data set (some SCPs send one) is no match. */
  @Test
  void aDatasetOnTheFinalResponseIsNoMatch() throws Exception {
    AssociationHandler scripted =
        (as, message) -> {
          Command rq = Command.read(message.command());
          TransferSyntax ts = TransferSyntax.of(message.transferSyntax());
          new DicomInputStream(message.dataset()).transferSyntax(ts).readDataset();
          byte[] match = encode(study("1.2.3.9"), ts);
          int pcid = message.presentationContextId();
          as.send(
              pcid,
              Command.response(rq, Status.PENDING.code(), true, null).encode(),
              o -> o.write(match));
          as.send(
              pcid,
              Command.response(rq, Status.UNABLE_TO_PROCESS.code(), true, "broken").encode(),
              o -> o.write(match));
        };
    try (Scp scp = acceptor(scripted)) {
      List<Attributes> got = new ArrayList<>();
      try (DimseClient c = connect(scp, Duration.ofSeconds(5))) {
        Command rsp = c.find(MODEL, keys(), got::add);
        assertThat(rsp.status()).isEqualTo(Status.UNABLE_TO_PROCESS.code());
        assertThat(rsp.errorComment()).isEqualTo("broken");
      }
      assertThat(got).hasSize(1);
    }
  }

  /** An acceptor on a free loopback port. */
  private record Scp(AssociationAcceptor acceptor, int port) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      acceptor.close();
    }
  }

  private static Scp acceptor(AssociationHandler handler) throws IOException {
    DefaultAcceptancePolicy policy =
        DefaultAcceptancePolicy.create()
            .withAbstractSyntax(MODEL, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
    AssociationAcceptor a =
        new AssociationAcceptor(AssociationOptions.defaults(), policy, handler, 4);
    return new Scp(a, a.start(new InetSocketAddress("127.0.0.1", 0)).getPort());
  }

  private static DimseClient connect(Scp scp, Duration timeout) throws IOException {
    int port = scp.port();
    AssociationRequest rq =
        AssociationRequest.of("SCP", "SCU").withContext(MODEL, UID.ExplicitVRLittleEndian);
    return DimseClient.connect(rq, "127.0.0.1", port, AssociationOptions.defaults(), timeout);
  }

  private static Attributes keys() {
    Attributes k = new Attributes();
    k.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
    k.setNull(Tag.StudyInstanceUID, VR.UI);
    return k;
  }

  private static Attributes study(String uid) {
    Attributes a = new Attributes();
    a.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
    a.setString(Tag.StudyInstanceUID, VR.UI, uid);
    return a;
  }

  private static byte[] encode(Attributes ds, TransferSyntax ts) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DicomOutputStream out = new DicomOutputStream(b);
    out.writeDataset(ds, ts);
    out.flush();
    return b.toByteArray();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
