package org.roentgen.dicom.tools;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import org.roentgen.dicom.data.UID;
import org.roentgen.dicom.io.TransferSyntax;
import org.roentgen.dicom.net.dimse.Command;
import org.roentgen.dicom.net.dimse.DimseClient;
import org.roentgen.dicom.net.dimse.Status;
import org.roentgen.dicom.net.ul.AssociationRequest;

/** {@code echo AET@HOST:PORT}: C-ECHO, the DICOM ping. */
final class EchoCommand implements Main.Command {
  @Override
  public String usage() {
    return "echo [--calling AET] " + TlsFiles.USAGE + " AET@HOST:PORT   verify a peer with C-ECHO";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Options o = Options.parse(args, Options.names(TlsFiles.OPTIONS, "--calling"), Set.of());
    if (o.positional.size() != 1) {
      throw new Main.UsageException("one peer expected");
    }
    Peer peer = Peer.parse(o.positional.get(0));
    AssociationRequest rq =
        AssociationRequest.of(peer.aeTitle(), o.get("--calling", "DICOM-ECHO"))
            .withContext(UID.Verification, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
    long start = System.nanoTime();
    try (DimseClient c =
        DimseClient.connect(
            rq,
            peer.host(),
            peer.port(),
            TlsFiles.apply(o, Peer.CLIENT_OPTIONS),
            Duration.ofSeconds(30))) {
      Command rsp = c.echo();
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (rsp.status() != Status.SUCCESS.code()) {
        err.printf("C-ECHO to %s: status 0x%04X%n", peer.aeTitle(), rsp.status());
        return 1;
      }
      out.printf(
          "C-ECHO to %s@%s:%d: success in %d ms%n", peer.aeTitle(), peer.host(), peer.port(), ms);
      return 0;
    }
  }
}
