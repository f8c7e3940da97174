package org.roentgen.dicom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roentgen.dicom.data.Differences;
import org.roentgen.dicom.io.DicomFile;
import org.roentgen.dicom.net.ul.AssociationOptions;
import org.roentgen.dicom.testkit.Corpus;
import org.roentgen.dicom.testkit.Processes;
import org.roentgen.dicom.testkit.RepoPaths;

/**
 * TLS on both sides against DCMTK (PS3.15 B.1, mutual authentication with one synthetic self-signed
 * certificate made by openssl for the test): DCMTK's echoscu and storescu into {@code dicom
 * listen}, and {@code dicom send} into DCMTK's storescp; a plain TCP peer is refused by the TLS
 * listener, which goes on serving.
 */
class TlsInteropIT {
  @TempDir Path tmp;
  private Path key;
  private Path cert;

  @BeforeEach
  void selfSignedCertificate() {
    key = tmp.resolve("key.pem");
    cert = tmp.resolve("cert.pem");
    Processes.Result r =
        Processes.run(
            60,
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key.toString(),
            "-out",
            cert.toString(),
            "-days",
            "2",
            "-subj",
            "/CN=localhost");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  @Test
  void dcmtkIntoOurTlsListener() throws Exception {
    Path dir = tmp.resolve("received");
    AssociationOptions tls =
        AssociationOptions.defaults().withTls(TlsFiles.context(key, cert, cert), true);
    ListenCommand.Started scp =
        ListenCommand.start(0, "ROENTGEN", dir, tls, 4, true, new AtomicLong());
    try {
      String port = String.valueOf(scp.port());
      Processes.Result plain = Processes.run(30, "echoscu", "-aec", "ROENTGEN", "127.0.0.1", port);
      assertThat(plain.exitCode()).as("plain TCP against the TLS listener").isNotZero();
      Processes.Result echo =
          Processes.run(
              30,
              "echoscu",
              "-aec",
              "ROENTGEN",
              "+tls",
              key.toString(),
              cert.toString(),
              "-pw",
              "+cf",
              cert.toString(),
              "127.0.0.1",
              port);
      assertThat(echo.exitCode()).as(echo.stderr()).isZero();
      Path ct = Corpus.file("test_files/CT_small.dcm");
      Processes.Result store =
          Processes.run(
              60,
              "storescu",
              "-aec",
              "ROENTGEN",
              "+tls",
              key.toString(),
              cert.toString(),
              "-pw",
              "+cf",
              cert.toString(),
              "127.0.0.1",
              port,
              ct.toString());
      assertThat(store.exitCode()).as(store.stderr()).isZero();
      try (var files = Files.list(dir)) {
        List<Path> got = files.toList();
        assertThat(got).hasSize(1);
        assertThat(
                Differences.first(
                    StoreInteropIT.normalised(DicomFile.read(ct).dataset()),
                    StoreInteropIT.normalised(DicomFile.read(got.get(0)).dataset())))
            .isNull();
      }
    } finally {
      scp.acceptor().close();
    }
  }

  @Test
  void ourSendIntoDcmtkTlsStorescp() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("storescp"));
    int port = StoreInteropIT.freePort();
    Process storescp =
        new ProcessBuilder(
                "storescp",
                "-aet",
                "STORESCP",
                "+tls",
                key.toString(),
                cert.toString(),
                "-pw",
                "+cf",
                cert.toString(),
                "-od",
                dir.toString(),
                String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("storescp.log").toFile())
            .start();
    try {
      List<String> tlsArgs =
          List.of(
              "--tls-key",
              key.toString(),
              "--tls-cert",
              cert.toString(),
              "--tls-trust",
              cert.toString());
      List<String> echo = new ArrayList<>(List.of(RepoPaths.dicomCli().toString(), "echo"));
      echo.addAll(tlsArgs);
      echo.add("STORESCP@127.0.0.1:" + port);
      Processes.Result e = null;
      for (int i = 0; i < 50 && (e == null || !e.ok()); i++) {
        Thread.sleep(100);
        e = Processes.run(null, 30, echo);
      }
      assertThat(e.exitCode()).as(e.out() + e.stderr()).isZero();
      Path mr = Corpus.file("test_files/MR_small.dcm");
      List<String> send = new ArrayList<>(List.of(RepoPaths.dicomCli().toString(), "send"));
      send.addAll(tlsArgs);
      send.addAll(List.of("STORESCP@127.0.0.1:" + port, mr.toString()));
      Processes.Result r = Processes.run(null, 60, send);
      assertThat(r.exitCode()).as(r.out() + r.stderr()).isZero();
      try (var files = Files.list(dir)) {
        List<Path> got = files.toList();
        assertThat(got).hasSize(1);
        assertThat(
                Differences.first(
                    StoreInteropIT.normalised(DicomFile.read(mr).dataset()),
                    StoreInteropIT.normalised(DicomFile.read(got.get(0)).dataset())))
            .isNull();
      }
    } finally {
      storescp.destroy();
      storescp.waitFor();
    }
  }
}
